namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutQueuesWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutQueues.ChangingAQueueWhileAnotherThreadWalksItBreaksTheWalk", "thinks the walk sees every item",
            Find: "seen.ToArray().ShouldBe(new[] { 1, 2 },", Replace: "seen.ToArray().ShouldBe(new[] { 1, 2, 3 },",
            Symptom: "the walk saw before it broke"),
        new("AboutQueues.ChangingAQueueWhileAnotherThreadWalksItBreaksTheWalk", "thinks merely looking from another thread breaks the walk",
            Find: "seen.ToArray().ShouldBe(new[] { 1, 2 },", Replace: "seen.ToArray().ShouldBe(new[] { 1 },",
            Symptom: "the walk saw before it broke"),
        new("AboutQueues.CheckThenActOnAPlainQueueIsARace", "thinks a plain Queue<T> is safe from two threads",
            Find: "new[] { taken, failures }.ShouldBe(new[] { 2, 1 },", Replace: "new[] { taken, failures }.ShouldBe(new[] { 2, 0 },", Symptom: "already empty"),
        new("AboutQueues.TakeWaitsUntilAnItemArrives", "a consumer waits but no producer adds",
            Find: "queue.Add(\"a job\");", Replace: "", Symptom: "nothing arrived"),
        new("AboutQueues.ABoundedQueuePushesBackOnTheProducer", "adds to a full bounded queue with no consumer",
            Find: "Bounded.Take(queue, \"the first item\");", Replace: "", Symptom: "queue stayed full"),
        new("AboutQueues.TryAddWithATimeoutGivesUpWhenTheQueueIsFull", "thinks a refused job still gets in once the Take makes room",
            Find: "queue.ToArray().ShouldBe(new[] { \"dry\", \"iron\" },", Replace: "queue.ToArray().ShouldBe(new[] { \"dry\", \"fold\" },",
            Symptom: "the jobs in the queue at the end"),
        new("AboutQueues.CompleteAddingEndsTheWorkerLoop", "forgot CompleteAdding, so the worker loop never ends",
            Find: "queue.CompleteAdding();", Replace: "", Symptom: "still waiting for more jobs"),
        new("AboutQueues.ClosedForAddingIsNotTheSameAsFinished", "thinks a loop on IsAddingCompleted finishes the queued jobs",
            Find: "queue.ToArray().ShouldBe(new[] { \"dry\", \"fold\" },", Replace: "queue.ToArray().ShouldBe(Array.Empty<string>(),",
            Symptom: "the jobs the worker left in the queue"),
        new("AboutQueues.AddingAfterCompleteAddingThrows", "thinks TryAdd answers false on a closed queue",
            Find: "\"dry threw\", \"fold threw\"", Replace: "\"dry turned away\", \"fold turned away\"",
            Symptom: "what each offer came to"),
        new("AboutQueues.AStopItemEndsOnlyTheWorkerThatTakesIt", "thinks one stop item ends every worker",
            Find: "stillWaiting.ShouldBe(2,", Replace: "stillWaiting.ShouldBe(0,",
            Symptom: "still waiting for work"),
        new("AboutQueues.AChannelReaderFinishesWhenTheWriterCompletes", "forgot to complete the writer",
            Find: "channel.Writer.Complete();", Replace: "", Symptom: "still waiting for more items"),
        new("AboutQueues.AFullChannelCanDropTheOldestItem", "a full channel that waits refuses TryWrite",
            Find: "BoundedChannelFullMode.DropOldest", Replace: "BoundedChannelFullMode.Wait", Symptom: "a write was refused"),
        new("AboutQueues.AFullChannelCanDropTheOldestItem", "dropping the newest item loses the wrong one",
            Find: "BoundedChannelFullMode.DropOldest", Replace: "BoundedChannelFullMode.DropNewest", Symptom: "losing other ones"),
    ];
}
