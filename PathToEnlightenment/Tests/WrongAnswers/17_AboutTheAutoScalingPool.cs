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
            Find: "if (_workers.Count > Options.MinWorkers)", Replace: "if (_workers.Count > 0)",
            Symptom: "went on shrinking", InPool: "WorkerPool.TakeNext"),
    ];
}
