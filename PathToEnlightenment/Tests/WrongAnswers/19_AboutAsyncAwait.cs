namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutAsyncAwaitWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutAsyncAwait.TaskYieldSendsTheRestOfTheMethodToTheQueue", "awaits an already finished task instead of yielding",
            Find: "await Task.Yield();", Replace: "await Task.CompletedTask;", Symptom: "nothing made the method let go"),
        new("AboutAsyncAwait.AValueTaskHandsBackACachedAnswerWithoutATask", "thinks a ValueTask is a Task underneath",
            Find: "byValueTask.ShouldBe(0,", Replace: "byValueTask.ShouldBe(72,", Symptom: "to hand back the cached price as a ValueTask"),
        new("AboutAsyncAwait.AValueTaskHandsBackACachedAnswerWithoutATask", "wraps the cached price in a finished Task before the ValueTask",
            Find: "? new(price)", Replace: "? new(Task.FromResult(price))", Symptom: "to hand back the cached price as a ValueTask"),
        new("AboutAsyncAwait.AnAsyncLambdaGivenAsAnActionIsAsyncVoid", "thinks the call of an async Action comes back when the job is done",
            Find: "doneWhenTheCallCameBack.ShouldBe(false,", Replace: "doneWhenTheCallCameBack.ShouldBe(true,", Symptom: "finished when job() came back"),
        new("AboutAsyncAwait.BlockingTheContextsOnlyThreadOnATaskDeadlocks", "thinks the meal is served while the ui thread blocks on it",
            Find: "servedWhileBlocked.ShouldBe(false,", Replace: "servedWhileBlocked.ShouldBe(true,", Symptom: "before the ui thread began to wait"),
        new("AboutAsyncAwait.ConfigureAwaitFalseLetsTheRestRunOnAnyThread", "lets the await come back to the blocked ui thread",
            Find: "ConfigureAwait(false)", Replace: "ConfigureAwait(true)", Symptom: "waited for the meal in vain"),
        new("AboutAsyncAwait.AnAwaitBetweenAReadAndAWriteLosesAnUpdate", "thinks both sales are counted",
            Find: "takings.ShouldBe(1,", Replace: "takings.ShouldBe(2,", Symptom: "read them before the other wrote"),
        new("AboutAsyncAwait.SemaphoreSlimWaitAsyncGuardsASectionThatAwaits", "never waits for the till before the sale",
            Find: "await till.WaitAsync();", Replace: "", Symptom: "a sale was lost"),
        new("AboutAsyncAwait.SemaphoreSlimWaitAsyncGuardsASectionThatAwaits", "starts waiting for the till but does not await it",
            Find: "await till.WaitAsync();", Replace: "_ = till.WaitAsync();", Symptom: "a sale was lost"),
        new("AboutAsyncAwait.AwaitForeachGetsEachItemAsItIsYielded", "thinks the whole stream is made before the first item arrives",
            Find: "madeWhenTheEggsArrived.ShouldBe(new[] { \"eggs\" },", Replace: "madeWhenTheEggsArrived.ShouldBe(new[] { \"eggs\", \"spam\" },", Symptom: "when the eggs reached the table"),
    ];
}
