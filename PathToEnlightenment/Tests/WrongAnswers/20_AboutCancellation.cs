namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutCancellationWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutCancellation.CancellingIsARequestNotAKill", "thinks Cancel stops a loop that never looks at the token",
            Find: "wentOn.ShouldBe(true,", Replace: "wentOn.ShouldBe(false,", Symptom: "more pages"),
        new("AboutCancellation.AWorkerLoopStopsAtItsNextLookAtTheToken", "the loop never looks at the token",
            Find: "if (token.IsCancellationRequested)\n                {\n                    break;\n                }\n", Replace: "",
            Symptom: "went on fetching"),
        new("AboutCancellation.AwaitingACanceledTaskThrowsOperationCanceledException", "expects the TaskCanceledException of a task canceled before it ran",
            Find: "ShouldBe(typeof(OperationCanceledException),", Replace: "ShouldBe(typeof(TaskCanceledException),",
            Symptom: "threw for itself"),
        new("AboutCancellation.ABlockingTakeGivesUpWhenItsTokenIsCanceled", "a Take without the token waits on after the shutdown",
            Find: "frontier.Take(token);", Replace: "frontier.Take();", Symptom: "still waiting for a page"),
        new("AboutCancellation.ADelayEndsEarlyWhenItsTokenIsCanceled", "a pause without the token sits out its ten minutes",
            Find: "await Task.Delay(TimeSpan.FromMinutes(10), shutdown.Token);", Replace: "await Task.Delay(TimeSpan.FromMinutes(10));",
            Symptom: "ten-minute pause"),
        new("AboutCancellation.YourPoolShutsDownGracefullyWhenItsTokenIsCanceled", "the token stops the pool at once, dropping the queued jobs",
            Find: "return stop.Register(Dispose);", Replace: "return stop.Register(() => ShutdownNow());",
            Symptom: "in the queue right after the cancel", InPool: "WorkerPool.ShutdownWhen"),
        new("AboutCancellation.YourPoolShutsDownGracefullyWhenItsTokenIsCanceled", "nothing is registered on the token",
            Find: "return stop.Register(Dispose);", Replace: "return default;",
            Symptom: "took a new job", InPool: "WorkerPool.ShutdownWhen"),
    ];
}
