namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutTheAutoScalingPoolWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutTheAutoScalingPool.AGracefulShutdownFinishesTheQueuedJobs", "a stop flag that ends the workers while jobs are still queued",
            Find: "while (TakeNext(worker, out var job))", Replace: "while (!_shutDown && TakeNext(worker, out var job))",
            Symptom: "never ran", InPool: "WorkerPool.WorkLoop"),
        new("AboutTheAutoScalingPool.SubmitAfterShutdownIsRefusedWithAClearMessage", "submit after shutdown not refused by the pool",
            Find: "throw new InvalidOperationException(\"This pool has been shut down: it takes no more jobs.\");", Replace: "return;",
            Symptom: "in the queue's words", InPool: "WorkerPool.RefuseAfterShutdown"),
        new("AboutTheAutoScalingPool.AnImmediateShutdownHandsBackTheJobsItDropped", "ShutdownNow forgets to count the dropped jobs off, so WaitForIdle never sees idle",
            Find: "JobDone();", Replace: "", Symptom: "still counts jobs as pending", InPool: "WorkerPool.ShutdownNow"),
        new("AboutTheAutoScalingPool.TrySubmitGivesUpWhenTheQueueStaysFull", "TrySubmit forgets to count a refused job off",
            Find: "JobDone();", Replace: "", Symptom: "turned away still counts", InPool: "WorkerPool.TrySubmit"),
        new("AboutTheAutoScalingPool.AnIdleExtraWorkerRetiresAfterTheKeepAlive", "the retiring worker ends its thread but stays in the list",
            Find: "_workers.Remove(worker);", Replace: "", Symptom: "leave the pool", InPool: "WorkerPool.TakeNext"),
        new("AboutTheAutoScalingPool.RetiringNeverTakesThePoolBelowItsMinimum", "retire without checking the minimum",
            Find: "if (_workers.Count <= Options.MinWorkers)", Replace: "if (_workers.Count <= 0)",
            Symptom: "went on shrinking", InPool: "WorkerPool.MayRetire"),
        new("AboutTheAutoScalingPool.AGracefulShutdownFinishesTheQueuedJobs", "Shutdown joins every worker with no time limit",
            Find: "if (left < TimeSpan.Zero || !thread.Join(left))\n            {\n                return false;\n            }",
            Replace: "thread.Join();", Symptom: "it waited for every job to run", InPool: "WorkerPool.Shutdown"),
        new("AboutTheAutoScalingPool.AGracefulShutdownFinishesTheQueuedJobs", "Shutdown takes the queued jobs out, as ShutdownNow does",
            Find: "StopTakingJobs();", Replace: "StopTakingJobs();\n        while (_queue.TryTake(out _))\n        {\n            JobDone();\n        }\n",
            Symptom: "jobs left the queue without running", InPool: "WorkerPool.Shutdown"),
        new("AboutTheAutoScalingPool.AWorkerThatWaitsWithNoTimeLimitStillEndsAtShutdown", "a worker that may not retire loops on a timed take and never asks whether the queue closed",
            Find: "return _queue.TryTake(out job!, Timeout.Infinite);",
            Replace: "while (!_queue.TryTake(out job!, 100))\n        {\n        }\n\n        return true;",
            Symptom: "still waited for a job after the shutdown", InPool: "WorkerPool.TakeNext"),
        new("AboutTheAutoScalingPool.AWorkerThatWaitsWithNoTimeLimitStillEndsAtShutdown", "a worker that may not retire loops on a timed take, asking each time whether the queue closed",
            Find: "return _queue.TryTake(out job!, Timeout.Infinite);",
            Replace: "while (!_queue.TryTake(out job!, 100))\n        {\n            if (_queue.IsCompleted)\n            {\n                return false;\n            }\n        }\n\n        return true;",
            Symptom: "", InPool: "WorkerPool.TakeNext", KnownToPass: true),
        new("AboutTheAutoScalingPool.YourPoolRidesOutARushAndEndsEveryWorkerAtShutdown", "the shutdown sets the pool's flag but never closes the queue",
            Find: "_queue.CompleteAdding();", Replace: "", Symptom: "a worker still alive after it", InPool: "WorkerPool.StopTakingJobs"),
        new("AboutTheAutoScalingPool.AnImmediateShutdownHandsBackTheJobsItDropped", "ShutdownNow hands the dropped jobs back last first",
            Find: "dropped.Add(job);", Replace: "dropped.Insert(0, job);",
            Symptom: "the jobs ShutdownNow handed back", InPool: "WorkerPool.ShutdownNow"),
    ];
}
