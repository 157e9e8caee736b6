namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutMonitoringWrongAnswers : IWrongAnswers
{
    private const string QueueLength = "WorkerPool.QueueLength";
    private const string Snapshot = "WorkerPool.Snapshot";
    private const string Run = "WorkerPool.Run";
    private const string RateSince = "PoolSnapshot.RateSince";

    // The line of Snapshot that copies one worker, as answered.
    private const string CopyOneWorker =
        "workers.Add(new WorkerSnapshot(worker.Thread.Name ?? \"\", worker.Thread.ThreadState, worker.Busy, worker.JobsDone));";

    // Run as answered, from the job to the finally's counts: a mistake that moves a line of the finally into the try.
    private const string FromTheJobToTheCounts =
        "                job();\n                Interlocked.Increment(ref _completed);\n            }\n            catch (Exception failure)\n            {\n"
        + "                Step.Act($\"throws {failure.GetType().Name}\");\n"
        + "                // AboutWorkerLoops.AJobThatThrowsDoesNotKillItsWorker: what a job throws ends the job, not the worker:\n"
        + "                // keep it in LastFailure and count the job in _failed.\n"
        + "                LastFailure = failure;\n                Interlocked.Increment(ref _failed);\n            }\n        }\n        finally\n        {\n"
        + "            Step.Act(\"job done\");\n"
        + "            worker.Busy = false;\n"
        + "            // AboutMonitoring.EveryWorkerCountsTheJobsItHasDone: one more job done by this worker.\n"
        + "            worker.JobsDone++;\n";

    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutMonitoring.ACopyOfTheWorkerListDoesNotChangeAfterwards", "hands the monitor the live list instead of a copy",
            Find: "copy = names.ToList();", Replace: "copy = names;", Symptom: "Collection was modified"),
        new("AboutMonitoring.CopyingUnderTheLockNeverSeesAChangeHalfMade", "copies the roster without taking its lock",
            Find: "lock (roster)\n            {\n                seen = (names.Count, hired);\n            }",
            Replace: "seen = (names.Count, hired);", Symptom: "halfway through"),
        new("AboutMonitoring.YourPoolReportsItsQueueLength", "QueueLength counts the jobs already taken too",
            Find: "_queue.Count", Replace: "Pending", Symptom: "not waiting", InPool: QueueLength),
        new("AboutMonitoring.YourPoolReportsItsQueueLength", "QueueLength counts the workers along with the jobs",
            Find: "_queue.Count", Replace: "_queue.Count + WorkerCount", Symptom: "not waiting", InPool: QueueLength),
        new("AboutMonitoring.YourPoolReportsItsQueueLength", "QueueLength counts the workers instead of the jobs",
            Find: "_queue.Count", Replace: "WorkerCount", Symptom: "no worker has taken", InPool: QueueLength),
        new("AboutMonitoring.YourPoolReportsItsQueueLength", "QueueLength as the pending jobs less one for each worker",
            Find: "_queue.Count", Replace: "Pending - WorkerCount", Symptom: "nothing waits", InPool: QueueLength),
        new("AboutMonitoring.ASnapshotListsEveryWorkerByName", "the snapshot leaves out the first worker",
            Find: "foreach (var worker in _workers)", Replace: "foreach (var worker in _workers.Skip(1))",
            Symptom: "left some out", InPool: Snapshot),
        new("AboutMonitoring.ASnapshotListsEveryWorkerByName", "the snapshot lists the workers newest first",
            Find: "foreach (var worker in _workers)", Replace: "foreach (var worker in _workers.AsEnumerable().Reverse())",
            Symptom: "in the order", InPool: Snapshot),
        new("AboutMonitoring.ASnapshotListsEveryWorkerByName", "the snapshot names the thread that takes it, not the worker's",
            Find: CopyOneWorker, Replace: CopyOneWorker.Replace("worker.Thread.Name", "Thread.CurrentThread.Name", StringComparison.Ordinal),
            Symptom: "each worker's own thread", InPool: Snapshot),
        new("AboutMonitoring.ASnapshotListsEveryWorkerByName", "the snapshot gives the state of the thread that takes it",
            Find: CopyOneWorker, Replace: CopyOneWorker.Replace("worker.Thread.ThreadState", "Thread.CurrentThread.ThreadState", StringComparison.Ordinal),
            Symptom: "not its own thread's", InPool: Snapshot),
        new("AboutMonitoring.ASnapshotTellsBusyWorkersFromIdleOnes", "never marks a worker busy",
            Find: "        worker.Busy = true;\n", Replace: "", Symptom: "no worker counts as busy", InPool: Run),
        new("AboutMonitoring.ASnapshotTellsBusyWorkersFromIdleOnes", "the busy flag is never cleared after a job",
            Find: "worker.Busy = false;", Replace: "", Symptom: "still counts as busy", InPool: Run),
        new("AboutMonitoring.ASnapshotTellsBusyWorkersFromIdleOnes", "clears the busy flag only after a job that did not throw",
            Find: FromTheJobToTheCounts, Replace: FromTheJobToTheCounts
                .Replace("            worker.Busy = false;\n", "", StringComparison.Ordinal)
                .Replace("job();\n", "job();\n                worker.Busy = false;\n", StringComparison.Ordinal),
            Symptom: "still counts as busy", InPool: Run),
        new("AboutMonitoring.EveryWorkerCountsTheJobsItHasDone", "never counts a worker's jobs",
            Find: "            worker.JobsDone++;\n", Replace: "", Symptom: "counts no job at all", InPool: Run),
        new("AboutMonitoring.EveryWorkerCountsTheJobsItHasDone", "counts only the jobs that did not throw",
            Find: FromTheJobToTheCounts, Replace: FromTheJobToTheCounts
                .Replace("            worker.JobsDone++;\n", "", StringComparison.Ordinal)
                .Replace("job();\n", "job();\n                worker.JobsDone++;\n", StringComparison.Ordinal),
            Symptom: "a job that threw is a job done too", InPool: Run),
        new("AboutMonitoring.AWorkersCountHasOneWriterSoItNeedsNoInterlocked", "thinks ++ without Interlocked loses updates even with one writer",
            Find: "counts.Sum().ShouldBe(3000", Replace: "counts.Sum().ShouldBeLessThan(3000", Symptom: "the workers' own counts"),
        new("AboutMonitoring.ThroughputIsJobsDonePerSecondBetweenTwoSnapshots", "divides by the span's Seconds part, not its TotalSeconds",
            Find: "(At - earlier.At).TotalSeconds", Replace: "(At - earlier.At).Seconds", Symptom: "jobs per second",
            InPool: RateSince),
        new("AboutMonitoring.ThroughputIsJobsDonePerSecondBetweenTwoSnapshots", "a rate per millisecond",
            Find: "(At - earlier.At).TotalSeconds", Replace: "(At - earlier.At).TotalMilliseconds", Symptom: "jobs per second",
            InPool: RateSince),
        new("AboutMonitoring.ThroughputIsJobsDonePerSecondBetweenTwoSnapshots", "measures the span on the real clock, not the pool's",
            Find: "(At - earlier.At).TotalSeconds", Replace: "(DateTimeOffset.UtcNow - earlier.At).TotalSeconds", Symptom: "on the pool's clock",
            InPool: RateSince),
        new("AboutMonitoring.ThroughputIsJobsDonePerSecondBetweenTwoSnapshots", "divides every job ever done, not those between the snapshots",
            Find: "(count(this) - count(earlier))", Replace: "count(this)", Symptom: "completed between the two snapshots",
            InPool: RateSince),
        new("AboutMonitoring.ThroughputIsJobsDonePerSecondBetweenTwoSnapshots", "subtracts the later count from the earlier one",
            Find: "(count(this) - count(earlier))", Replace: "(count(earlier) - count(this))", Symptom: "jobs per second",
            InPool: RateSince),
    ];
}
