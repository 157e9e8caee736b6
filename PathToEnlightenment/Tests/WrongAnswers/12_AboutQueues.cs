namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutQueuesWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutQueues.ChangingAQueueWhileAnotherThreadWalksItBreaksTheWalk", "thinks the walk sees every item",
            Find: "seen.ToArray().ShouldBe(new[] { 1 },", Replace: "seen.ToArray().ShouldBe(new[] { 1, 2, 3 },",
            Symptom: "the walk broke"),
        new("AboutQueues.CheckThenActOnAPlainQueueIsARace", "thinks a plain Queue<T> is safe from two threads",
            Find: "failures.ShouldBe(1,", Replace: "failures.ShouldBe(0,", Symptom: "already empty"),
        new("AboutQueues.TakeWaitsUntilAnItemArrives", "a consumer waits but no producer adds",
            Find: "queue.Add(\"a job\");", Replace: "", Symptom: "nothing arrived"),
        new("AboutQueues.ABoundedQueuePushesBackOnTheProducer", "adds to a full bounded queue with no consumer",
            Find: "Bounded.Take(queue, \"the first item\");", Replace: "", Symptom: "queue stayed full"),
        new("AboutQueues.CompleteAddingEndsTheWorkerLoop", "forgot CompleteAdding, so the worker loop never ends",
            Find: "queue.CompleteAdding();", Replace: "", Symptom: "still waiting for more jobs"),
        new("AboutQueues.AChannelReaderFinishesWhenTheWriterCompletes", "forgot to complete the writer",
            Find: "channel.Writer.Complete();", Replace: "", Symptom: "still waiting for more items"),
        new("AboutQueues.AFullChannelCanDropTheOldestItem", "a full channel that waits refuses TryWrite",
            Find: "BoundedChannelFullMode.DropOldest", Replace: "BoundedChannelFullMode.Wait", Symptom: "a write was refused"),
        new("AboutQueues.AFullChannelCanDropTheOldestItem", "dropping the newest item loses the wrong one",
            Find: "BoundedChannelFullMode.DropOldest", Replace: "BoundedChannelFullMode.DropNewest", Symptom: "losing another item"),
    ];
}
