namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutPassingDataToThreadsWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutPassingDataToThreads.StartCanHandTheThreadOneObject", "started the thread without its argument",
            Find: "worker.Start(\"spam\");", Replace: "worker.Start();", Symptom: "handed nothing"),
        new("AboutPassingDataToThreads.TheResultIsThereOnlyOnceJoinHasReturned", "expects the result before Join",
            Find: "readBeforeJoin.ShouldBe(0, ", Replace: "readBeforeJoin.ShouldBe(42, ", Symptom: "before the thinker had written"),
        new("AboutPassingDataToThreads.ACopyInsideTheLoopGivesEachThreadItsOwnVariable", "captured the loop variable instead of the copy",
            Find: "seen.Enqueue(mine);", Replace: "seen.Enqueue(i);", Symptom: "their own turn of the loop"),
    ];
}
