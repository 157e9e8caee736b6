namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutTheAutoScalingPoolWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutTheAutoScalingPool.EveryJobEndsCompletedOrFailedBeforeThePoolIsIdle", "counts a job that caught its own exception as failed",
            Find: "ShouldBe(new long[] { 8, 2 },", Replace: "ShouldBe(new long[] { 5, 5 },", Symptom: "completed, failed"),
        new("AboutTheAutoScalingPool.ASnapshotShowsTheQueueAndWhoIsBusyAtOneMoment", "counts the jobs the workers hold as waiting too",
            Find: "ShouldBe(new[] { 4, 2, 0 },", Replace: "ShouldBe(new[] { 6, 2, 0 },", Symptom: "waiting, busy, idle"),
        new("AboutTheAutoScalingPool.TheScalingPolicyIsThreeNumbersInThePoolOptions", "reads \"grows when six jobs wait\" as GrowWhenQueueOver = 6",
            Find: "GrowWhenQueueOver = 5", Replace: "GrowWhenQueueOver = 6", Symptom: "six jobs wait, and the pool did not grow"),

        // StopTakingJobs, claimed by AGracefulShutdownFinishesTheQueuedJobs.
        new("AboutTheAutoScalingPool.AGracefulShutdownFinishesTheQueuedJobs", "the shutdown sets the pool's flag but never closes the queue",
            Find: "_queue.CompleteAdding();", Replace: "", Symptom: "Does StopTakingJobs tell the queue", InPool: "WorkerPool.StopTakingJobs"),
        new("AboutTheAutoScalingPool.AGracefulShutdownFinishesTheQueuedJobs", "the shutdown empties the queue as it closes it",
            Find: "_queue.CompleteAdding();",
            Replace: "_queue.CompleteAdding();\n        while (_queue.TryTake(out _))\n        {\n            JobDone();\n        }\n",
            Symptom: "jobs left the queue without running", InPool: "WorkerPool.StopTakingJobs"),
        new("AboutTheAutoScalingPool.AGracefulShutdownFinishesTheQueuedJobs", "a stop flag that ends the workers while jobs are still queued",
            Find: "while (TakeNext(worker, out var job))", Replace: "while (!_shutDown && TakeNext(worker, out var job))",
            Symptom: "never ran", InPool: "WorkerPool.WorkLoop"),
        new("AboutTheAutoScalingPool.AGracefulShutdownFinishesTheQueuedJobs", "Shutdown joins every worker with no time limit",
            Find: "if (left < TimeSpan.Zero || !thread.Join(left))\n            {\n                return false;\n            }",
            Replace: "thread.Join();", Symptom: "it waited for every job to run", InPool: "WorkerPool.Shutdown"),
        new("AboutTheAutoScalingPool.AGracefulShutdownFinishesTheQueuedJobs", "Shutdown takes the queued jobs out, as ShutdownNow does",
            Find: "StopTakingJobs();", Replace: "StopTakingJobs();\n        while (_queue.TryTake(out _))\n        {\n            JobDone();\n        }\n",
            Symptom: "jobs left the queue without running", InPool: "WorkerPool.Shutdown"),

        // RefuseAfterShutdown, claimed by SubmitAfterShutdownIsRefusedWithAClearMessage.
        new("AboutTheAutoScalingPool.SubmitAfterShutdownIsRefusedWithAClearMessage", "the pool does not refuse: the closed queue does, in its own words",
            Find: "throw new InvalidOperationException(\"This pool has been shut down: it takes no more jobs.\");", Replace: "return;",
            Symptom: "does not say that the pool was shut down", InPool: "WorkerPool.RefuseAfterShutdown"),
        new("AboutTheAutoScalingPool.SubmitAfterShutdownIsRefusedWithAClearMessage", "refuses with an exception that does not say why",
            Find: "throw new InvalidOperationException(\"This pool has been shut down: it takes no more jobs.\");",
            Replace: "throw new InvalidOperationException();",
            Symptom: "does not say that the pool was shut down", InPool: "WorkerPool.RefuseAfterShutdown"),
        new("AboutTheAutoScalingPool.SubmitAfterShutdownIsRefusedWithAClearMessage", "refuses with a plain Exception",
            Find: "throw new InvalidOperationException(\"This pool has been shut down: it takes no more jobs.\");",
            Replace: "throw new Exception(\"This pool has been shut down.\");",
            Symptom: "refuses a job with an InvalidOperationException", InPool: "WorkerPool.RefuseAfterShutdown"),

        // ShutdownNow, claimed by AnImmediateShutdownHandsBackTheJobsItDropped.
        new("AboutTheAutoScalingPool.AnImmediateShutdownHandsBackTheJobsItDropped", "ShutdownNow leaves the queued jobs where they are",
            Find: "while (_queue.TryTake(out var job))\n        {\n            dropped.Add(job);\n            JobDone();\n        }\n", Replace: "",
            Symptom: "handed back no job, and the queued jobs ran after it", InPool: "WorkerPool.ShutdownNow"),
        new("AboutTheAutoScalingPool.AnImmediateShutdownHandsBackTheJobsItDropped", "ShutdownNow drops the queued jobs without handing them back",
            Find: "dropped.Add(job);", Replace: "", Symptom: "neither ran nor came back", InPool: "WorkerPool.ShutdownNow"),
        new("AboutTheAutoScalingPool.AnImmediateShutdownHandsBackTheJobsItDropped", "ShutdownNow hands back a copy of the queue and leaves the jobs in it",
            Find: "while (_queue.TryTake(out var job))\n        {\n            dropped.Add(job);\n            JobDone();\n        }\n",
            Replace: "dropped.AddRange(_queue);\n",
            Symptom: "handed back copies and left the jobs in the queue", InPool: "WorkerPool.ShutdownNow"),
        new("AboutTheAutoScalingPool.AnImmediateShutdownHandsBackTheJobsItDropped", "ShutdownNow forgets to count the dropped jobs off, so WaitForIdle never sees idle",
            Find: "JobDone();", Replace: "", Symptom: "still counts jobs as pending", InPool: "WorkerPool.ShutdownNow"),
        new("AboutTheAutoScalingPool.AnImmediateShutdownHandsBackTheJobsItDropped", "ShutdownNow hands the dropped jobs back last first",
            Find: "dropped.Add(job);", Replace: "dropped.Insert(0, job);",
            Symptom: "the jobs ShutdownNow handed back", InPool: "WorkerPool.ShutdownNow"),

        // The queue made in the constructor, claimed by ABoundedQueuePushesBackOnTheSubmitter.
        new("AboutTheAutoScalingPool.ABoundedQueuePushesBackOnTheSubmitter", "the queue is made without the capacity",
            Find: "new BlockingCollection<Action>(capacity)", Replace: "new BlockingCollection<Action>()",
            Symptom: "was the queue made with the pool's Capacity", InPool: "WorkerPool.WorkerPool"),
        new("AboutTheAutoScalingPool.ABoundedQueuePushesBackOnTheSubmitter", "the queue holds one job more than the capacity",
            Find: "new BlockingCollection<Action>(capacity)", Replace: "new BlockingCollection<Action>(capacity + 1)",
            Symptom: "when the submitter had to wait", InPool: "WorkerPool.WorkerPool"),

        // TrySubmit, claimed by TrySubmitGivesUpWhenTheQueueStaysFull.
        new("AboutTheAutoScalingPool.TrySubmitGivesUpWhenTheQueueStaysFull", "TrySubmit waits for a place however long it takes",
            Find: "_queue.TryAdd(job, wait)", Replace: "_queue.TryAdd(job, Timeout.Infinite)",
            Symptom: "must give up once the time it was given has passed", InPool: "WorkerPool.TrySubmit"),
        new("AboutTheAutoScalingPool.TrySubmitGivesUpWhenTheQueueStaysFull", "TrySubmit does not wait at all",
            Find: "_queue.TryAdd(job, wait)", Replace: "_queue.TryAdd(job)",
            Symptom: "does TrySubmit wait as long as it is given", InPool: "WorkerPool.TrySubmit"),
        new("AboutTheAutoScalingPool.TrySubmitGivesUpWhenTheQueueStaysFull", "TrySubmit forgets to count a refused job off",
            Find: "JobDone();", Replace: "", Symptom: "turned away still counts", InPool: "WorkerPool.TrySubmit"),

        // The keep-alive loop in TakeNext, claimed by AnIdleExtraWorkerRetiresAfterTheKeepAlive.
        new("AboutTheAutoScalingPool.AnIdleExtraWorkerRetiresAfterTheKeepAlive", "the worker waits for a job with no time limit, keep-alive or not",
            Find: "while (!_queue.TryTake(out job!, keepAlive))", Replace: "while (!_queue.TryTake(out job!, Timeout.Infinite))",
            Symptom: "leave the pool", InPool: "WorkerPool.TakeNext"),
        new("AboutTheAutoScalingPool.AnIdleExtraWorkerRetiresAfterTheKeepAlive", "the retiring worker ends its thread but stays in the list",
            Find: "_workers.Remove(worker);", Replace: "", Symptom: "leave the pool", InPool: "WorkerPool.TakeNext"),
        new("AboutTheAutoScalingPool.AnIdleExtraWorkerRetiresAfterTheKeepAlive", "the keep-alive loop never asks whether the queue is closed",
            Find: "if (_queue.IsCompleted)\n                {\n                    return false;\n                }\n", Replace: "",
            Symptom: "does its loop end when the queue is closed and empty", InPool: "WorkerPool.TakeNext"),
        new("AboutTheAutoScalingPool.RetiringNeverTakesThePoolBelowItsMinimum", "the keep-alive loop retires every idle worker without asking MayRetire",
            Find: "if (MayRetire())", Replace: "if (_workers.Count > 0)", Symptom: "went on shrinking", InPool: "WorkerPool.TakeNext"),

        // MayRetire, claimed by RetiringNeverTakesThePoolBelowItsMinimum.
        new("AboutTheAutoScalingPool.RetiringNeverTakesThePoolBelowItsMinimum", "retire without checking the minimum",
            Find: "if (_workers.Count <= Options.MinWorkers)", Replace: "if (_workers.Count <= 0)",
            Symptom: "went on shrinking", InPool: "WorkerPool.MayRetire"),
        new("AboutTheAutoScalingPool.RetiringNeverTakesThePoolBelowItsMinimum", "the minimum checked one worker too late",
            Find: "if (_workers.Count <= Options.MinWorkers)", Replace: "if (_workers.Count < Options.MinWorkers)",
            Symptom: "went on shrinking", InPool: "WorkerPool.MayRetire"),

        // Given code, observed first by the graceful shutdown (one worker, so that a worker spinning on a closed queue
        // spins alone): a worker with no keep-alive waits in its take with no time limit.
        new("AboutTheAutoScalingPool.AGracefulShutdownFinishesTheQueuedJobs", "a worker that may not retire loops on a timed take and never asks whether the queue closed",
            Find: "return _queue.TryTake(out job!, Timeout.Infinite);",
            Replace: "while (!_queue.TryTake(out job!, 100))\n        {\n        }\n\n        return true;",
            Symptom: "does the worker's take end when the queue is closed and empty", InPool: "WorkerPool.TakeNext"),
        new("AboutTheAutoScalingPool.AGracefulShutdownFinishesTheQueuedJobs", "a worker that may not retire loops on a timed take, asking each time whether the queue closed",
            Find: "return _queue.TryTake(out job!, Timeout.Infinite);",
            Replace: "while (!_queue.TryTake(out job!, 100))\n        {\n            if (_queue.IsCompleted)\n            {\n                return false;\n            }\n        }\n\n        return true;",
            Symptom: "", InPool: "WorkerPool.TakeNext", KnownToPass: true),
    ];
}
