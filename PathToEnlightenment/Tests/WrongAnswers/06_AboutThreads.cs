namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutThreadsWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutThreads.AThreadDoesNothingUntilItIsStarted", "forgot Start",
            Find: "worker.Start();", Replace: "", Symptom: "was it ever started"),
        new("AboutThreads.JoinWaitsForAThreadToFinish", "joined the koan's own thread instead of the worker",
            Find: "finished = worker.Join(Bounded.Timeout);", Replace: "finished = Thread.CurrentThread.Join(Bounded.Timeout);",
            Symptom: "no word that the worker finished"),
        new("AboutThreads.JoinWaitsForAThreadToFinish", "waited, but threw Join's answer away",
            Find: "finished = worker.Join(Bounded.Timeout);", Replace: "worker.Join(Bounded.Timeout);",
            Symptom: "finished is still false"),
        new("AboutThreads.AThreadWaitingAtAGateIsInWaitSleepJoin", "took a waiting thread for a running one",
            Find: "seen.ShouldBe(ThreadState.WaitSleepJoin,", Replace: "seen.ShouldBe(ThreadState.Running,",
            Symptom: "while the gate was shut"),
        new("AboutThreads.AThreadCanBeGivenAName", "named the koan's own thread instead of the worker",
            Find: "worker.Name = \"printer\";", Replace: "Thread.CurrentThread.Name = \"printer\";",
            Symptom: "found no name of its own"),
        new("AboutThreads.AFewWorkersDoTheJobsOfManyThreads", "made a thread per job but never started them",
            Find: "thread.Start();", Replace: "", Symptom: "still needed 50 of 50"),
    ];
}
