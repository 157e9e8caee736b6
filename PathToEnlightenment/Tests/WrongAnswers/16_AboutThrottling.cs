namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutThrottlingWrongAnswers : IWrongAnswers
{
    private const string Grow = "WorkerPool.GrowIfBehind";

    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutThrottling.AThrottledJobGivesItsPlaceBackEvenWhenItThrows", "gives the place back only after a job that did not throw",
            Find: "            try\n            {\n                job();\n            }\n            finally\n            {\n                printer.Release();\n            }\n",
            Replace: "            job();\n            printer.Release();\n",
            Symptom: "no place in the semaphore came free"),
        new("AboutThrottling.YourPoolStartsAWorkerWhenTheQueuePassesTheThreshold", "starts a worker on every submit, whatever waits",
            Find: "_queue.Count > Options.GrowWhenQueueOver && ", Replace: "",
            Symptom: "which worker-1 was free to take", InPool: Grow),
        new("AboutThrottling.YourPoolStartsAWorkerWhenTheQueuePassesTheThreshold", "grows when the queue reaches the threshold instead of passing it",
            Find: "_queue.Count > Options.GrowWhenQueueOver", Replace: "_queue.Count >= Options.GrowWhenQueueOver",
            Symptom: "when the pool started its second worker", InPool: Grow),
        new("AboutThrottling.YourPoolNeverGrowsPastItsMaximum", "grows with no maximum",
            Find: " && _workers.Count < Options.MaxWorkers", Replace: "",
            Symptom: "kept growing", InPool: Grow),
        new("AboutThrottling.CheckingForRoomThenStartingAWorkerIsARace", "thinks the lock around the Add alone stops the race",
            Find: "workers.ShouldBe(new List<string> { \"worker-1\", \"worker-2\", \"worker-3\" });",
            Replace: "workers.ShouldBe(new List<string> { \"worker-1\", \"worker-2\" });",
            Symptom: "worker-3"),
        new("AboutThrottling.ManyProducersAtOnceNeverPushThePoolPastItsMaximum", "checks for room outside the lock, starts the worker inside it",
            Find: "        lock (_poolLock)\n        {\n            if (!_shutDown && _queue.Count > Options.GrowWhenQueueOver && _workers.Count < Options.MaxWorkers)\n            {\n                StartWorker();\n            }\n        }",
            Replace: "        if (!_shutDown && _queue.Count > Options.GrowWhenQueueOver && _workers.Count < Options.MaxWorkers)\n        {\n            lock (_poolLock)\n            {\n                StartWorker();\n            }\n        }",
            Symptom: "producers submitting at once", InPool: Grow),
    ];
}
