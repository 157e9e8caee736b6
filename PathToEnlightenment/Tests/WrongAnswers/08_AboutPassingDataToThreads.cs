namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutPassingDataToThreadsWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutPassingDataToThreads.StartCanHandTheThreadOneObject", "started the thread without its argument",
            Find: "worker.Start(\"spam\");", Replace: "worker.Start();", Symptom: "handed nothing"),
        new("AboutPassingDataToThreads.StartHandsOverAValueWhereALambdaSharesTheVariable", "thought Start hands over the variable too",
            Find: "ShouldBe([\"spam\", \"eggs\"],", Replace: "ShouldBe([\"eggs\", \"eggs\"],", Symptom: "what the handed reader saw"),
        new("AboutPassingDataToThreads.TheResultIsThereOnlyOnceJoinHasReturned", "expects the whole result before Join",
            Find: "ShouldBe([1, 3],", Replace: "ShouldBe([3, 3],", Symptom: "dishes counted halfway"),
        new("AboutPassingDataToThreads.EachThreadCanWriteItsOwnSlotOfAResultArray", "thought the slots fill in the order the threads start",
            Find: "ShouldBe([4, 4, 3, 11],", Replace: "ShouldBe([11, 3, 4, 4],", Symptom: "the letters array, slot 0 first"),
        new("AboutPassingDataToThreads.AThreadReadsTheLoopVariableAsItIsWhenItReads", "thought each reader sees the turn that started it",
            Find: "ShouldBe([1, 3, 3],", Replace: "ShouldBe([0, 1, 2],", Symptom: "what the readers saw"),
        new("AboutPassingDataToThreads.ACopyInsideTheLoopGivesEachThreadItsOwnVariable", "thought any copy of the loop variable is the reader's own",
            Find: "ShouldBe([\"0/2\", \"1/2\", \"2/2\"],", Replace: "ShouldBe([\"0/0\", \"1/1\", \"2/2\"],", Symptom: "as the readers saw them"),
    ];
}
