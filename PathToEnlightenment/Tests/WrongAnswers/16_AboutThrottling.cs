namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutThrottlingWrongAnswers : IWrongAnswers
{
    private const string Grow = "WorkerPool.GrowIfBehind";

    // GrowIfBehind as answered, from the first look at the room to the StartWorker under the lock.
    private const string BothLooksAtTheRoom = "        if (_workers.Count >= Options.MaxWorkers)\n        {\n            behind = false;\n        }\n\n        if (!behind || _shutDown)\n        {\n            return;\n        }\n\n        lock (_poolLock)\n        {\n            // AboutThrottling.ManyProducersAtOnceNeverPushThePoolPastItsMaximum: another producer may have started a\n            // worker since your look: look at the room again, now that you hold the lock, and start none if it is gone.\n            if (_workers.Count >= Options.MaxWorkers)\n            {\n                return;\n            }\n\n";

    // The second look, under the lock.
    private const string LookAgainUnderTheLock = "            if (_workers.Count >= Options.MaxWorkers)\n            {\n                return;\n            }\n\n";

    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutThrottling.AThrottledJobGivesItsPlaceBackEvenWhenItThrows", "gives the place back only after a job that did not throw",
            Find: "            try\n            {\n                job();\n            }\n            finally\n            {\n                printer.Release();\n            }\n",
            Replace: "            job();\n            printer.Release();\n",
            Symptom: "no place in the semaphore came free"),
        new("AboutThrottling.YourPoolStartsAWorkerWhenTheQueuePassesTheThreshold", "starts a worker on every submit, whatever waits",
            Find: "behind = _queue.Count > Options.GrowWhenQueueOver;", Replace: "behind = true;",
            Symptom: "which worker-1 was free to take", InPool: Grow),
        new("AboutThrottling.YourPoolStartsAWorkerWhenTheQueuePassesTheThreshold", "never finds the pool behind",
            Find: "behind = _queue.Count > Options.GrowWhenQueueOver;", Replace: "",
            Symptom: "never started another", InPool: Grow),
        new("AboutThrottling.YourPoolStartsAWorkerWhenTheQueuePassesTheThreshold", "grows when the queue reaches the threshold instead of passing it",
            Find: "_queue.Count > Options.GrowWhenQueueOver", Replace: "_queue.Count >= Options.GrowWhenQueueOver",
            Symptom: "as many jobs waited as GrowWhenQueueOver", InPool: Grow),
        new("AboutThrottling.YourPoolStartsAWorkerWhenTheQueuePassesTheThreshold", "counts the running jobs as waiting too",
            Find: "_queue.Count > Options.GrowWhenQueueOver", Replace: "Pending > Options.GrowWhenQueueOver",
            Symptom: "count only the jobs in the queue", InPool: Grow),
        new("AboutThrottling.YourPoolNeverGrowsPastItsMaximum", "grows with no maximum",
            Find: BothLooksAtTheRoom,
            Replace: BothLooksAtTheRoom.Replace(LookAgainUnderTheLock, "", StringComparison.Ordinal)[BothLooksAtTheRoom.IndexOf("if (!behind", StringComparison.Ordinal)..],
            Symptom: "kept growing", InPool: Grow),
        new("AboutThrottling.YourPoolNeverGrowsPastItsMaximum", "stops one worker past the maximum (> instead of >=)",
            Find: BothLooksAtTheRoom,
            Replace: BothLooksAtTheRoom.Replace("_workers.Count >= Options.MaxWorkers", "_workers.Count > Options.MaxWorkers", StringComparison.Ordinal),
            Symptom: "kept growing", InPool: Grow),
        new("AboutThrottling.CheckingForRoomThenStartingAWorkerIsARace", "thinks the lock around the Add alone stops the race",
            Find: "workers.ShouldBe(new List<string> { \"worker-1\", \"worker-2\", \"worker-2\" }",
            Replace: "workers.ShouldBe(new List<string> { \"worker-1\", \"worker-2\" }",
            Symptom: "what the two producers left in the list"),
        new("AboutThrottling.CheckingForRoomThenStartingAWorkerIsARace", "thinks each producer names its worker after the count under the lock",
            Find: "workers.ShouldBe(new List<string> { \"worker-1\", \"worker-2\", \"worker-2\" }",
            Replace: "workers.ShouldBe(new List<string> { \"worker-1\", \"worker-2\", \"worker-3\" }",
            Symptom: "what the two producers left in the list"),
        new("AboutThrottling.ManyProducersAtOnceNeverPushThePoolPastItsMaximum", "looks for room only outside the lock, starts the worker inside it",
            Find: LookAgainUnderTheLock, Replace: "",
            Symptom: "producers submitting at once", InPool: Grow),
        new("AboutThrottling.ManyProducersAtOnceNeverPushThePoolPastItsMaximum", "under the lock, looks again at its first look instead of at the room",
            Find: LookAgainUnderTheLock,
            Replace: "            if (!behind)\n            {\n                return;\n            }\n\n",
            Symptom: "both saw room, and each started one", InPool: Grow),
        new("AboutThrottling.ManyProducersAtOnceNeverPushThePoolPastItsMaximum", "under the lock, looks again at the queue instead of at the room",
            Find: LookAgainUnderTheLock,
            Replace: "            if (_queue.Count <= Options.GrowWhenQueueOver)\n            {\n                return;\n            }\n\n",
            Symptom: "both saw room, and each started one", InPool: Grow),
        new("AboutThrottling.AFinishedJobShrinksTheQueueSoOnlySubmitChecksForGrowth", "thinks a finished job leaves the queue as long as it was",
            Find: "new[] { 5, 4 }", Replace: "new[] { 5, 5 }", Symptom: "once the worker had taken the next"),
    ];
}
