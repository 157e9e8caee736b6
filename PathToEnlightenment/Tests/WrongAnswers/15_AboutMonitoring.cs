namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutMonitoringWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutMonitoring.ACopyOfTheWorkerListDoesNotChangeAfterwards", "hands the monitor the live list instead of a copy",
            Find: "copy = names.ToList();", Replace: "copy = names;", Symptom: "Collection was modified"),
        new("AboutMonitoring.CopyingUnderTheLockNeverSeesAChangeHalfMade", "copies the roster without taking its lock",
            Find: "lock (roster)\n            {\n                seen = (names.Count, hired);\n            }",
            Replace: "seen = (names.Count, hired);", Symptom: "halfway through"),
        new("AboutMonitoring.YourPoolReportsItsQueueLength", "QueueLength counts the jobs already taken too",
            Find: "_queue.Count", Replace: "Pending", Symptom: "not waiting", InPool: "WorkerPool.QueueLength"),
        new("AboutMonitoring.YourPoolReportsItsQueueLength", "QueueLength counts the workers along with the jobs",
            Find: "_queue.Count", Replace: "_queue.Count + WorkerCount", Symptom: "not waiting", InPool: "WorkerPool.QueueLength"),
        new("AboutMonitoring.ASnapshotTellsBusyWorkersFromIdleOnes", "the busy flag is never cleared after a job",
            Find: "worker.Busy = false;", Replace: "", Symptom: "still counts as busy", InPool: "WorkerPool.Run"),
        new("AboutMonitoring.ThroughputIsJobsDonePerSecondBetweenTwoSnapshots", "divides by the span's Seconds part, not its TotalSeconds",
            Find: "(At - earlier.At).TotalSeconds", Replace: "(At - earlier.At).Seconds", Symptom: "jobs per second",
            InPool: "PoolSnapshot.RateSince"),
        new("AboutMonitoring.ThroughputIsJobsDonePerSecondBetweenTwoSnapshots", "divides every job ever done, not those between the snapshots",
            Find: "(count(this) - count(earlier))", Replace: "count(this)", Symptom: "jobs per second",
            InPool: "PoolSnapshot.RateSince"),
        new("AboutMonitoring.AWorkersCountHasOneWriterSoItNeedsNoInterlocked", "thinks ++ without Interlocked loses updates even with one writer",
            Find: "counts.Sum().ShouldBe(3000", Replace: "counts.Sum().ShouldBeLessThan(3000", Symptom: "the workers' own counts"),
    ];
}
