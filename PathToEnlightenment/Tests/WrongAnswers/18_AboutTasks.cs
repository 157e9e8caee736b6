namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutTasksWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutTasks.WaitThrowsTheExceptionWrappedInAnAggregateException", "thinks Wait throws the job's own exception",
            Find: "typeof(AggregateException)", Replace: "typeof(InvalidOperationException)", Symptom: "Wait threw"),
        new("AboutTasks.AwaitThrowsTheJobsOwnException", "thinks await wraps the exception as Wait does",
            Find: "typeof(InvalidOperationException)", Replace: "typeof(AggregateException)", Symptom: "await threw"),
        new("AboutTasks.AwaitOnWhenAllThrowsOnlyTheFirstException", "thinks await throws the exception that happened first",
            Find: "thrown.Message.ShouldBe(\"the soup burned\",", Replace: "thrown.Message.ShouldBe(\"the bread burned\",",
            Symptom: "only one of the exceptions"),
        new("AboutTasks.WithoutRunContinuationsAsynchronouslyTheAwaiterHoldsUpYourWorker", "thinks the worker finished its job before the awaiting code ran",
            Find: "completed.ShouldBe(0,", Replace: "completed.ShouldBe(1,", Symptom: "the code after the await ran on"),
        new("AboutTasks.YourPoolsTaskFaultsWithWhatTheJobThrew", "SubmitAsync lets the job's exception go to the pool and never ends the task",
            Find: "promise.SetException(failure);", Replace: "throw;", Symptom: "in vain", InPool: "WorkerPool.SubmitAsync"),
        new("AboutTasks.YourSubmitAsyncLetsTheAwaiterGoOnOffYourWorker", "SubmitAsync's TaskCompletionSource without RunContinuationsAsynchronously",
            Find: "new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously)", Replace: "new TaskCompletionSource<T>()",
            Symptom: "the code after the await ran on thread 'worker-1'", InPool: "WorkerPool.SubmitAsync"),
    ];
}
