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
        new("AboutThreads.JoinWithATimeLimitGivesUpOnABusyThread", "thought a Join that gives up stops the thread",
            Find: "\"koan: gave up waiting\", \"worker: through the gate\", \"koan: it has ended\"", Replace: "\"koan: gave up waiting\", \"koan: it has ended\"",
            Symptom: "the log, in the order it was written"),
        new("AboutThreads.AThreadIsAliveOnlyBetweenStartAndEnd", "thought a waiting thread is not alive",
            Find: "ShouldBe([\"started\", \"waiting\"],", Replace: "ShouldBe([\"started\"],",
            Symptom: "the looks that found the worker alive"),
        new("AboutThreads.ThreadStateFollowsAThreadThroughItsLife", "took a waiting thread for a running one",
            Find: "ThreadState.WaitSleepJoin,", Replace: "ThreadState.Running,",
            Symptom: "the states the koan noted"),
        new("AboutThreads.AThreadCanBeGivenAName", "named the koan's own thread instead of the worker",
            Find: "worker.Name = \"printer\";", Replace: "Thread.CurrentThread.Name = \"printer\";",
            Symptom: "found no name of its own"),
        new("AboutThreads.LivingThreadsNeverShareAnId", "counted the numbers, not the threads",
            Find: "ShouldBe([5, 3], ", Replace: "ShouldBe([5, 5], ", Symptom: "different numbers in ids"),
        new("AboutThreads.CurrentThreadIsWhicheverThreadRunsTheLine", "thought the lambda runs on the thread it was made for",
            Find: "ShouldBe([\"waiter\", \"cook\"],", Replace: "ShouldBe([\"cook\", \"cook\"],",
            Symptom: "the names noted, in order"),
        new("AboutThreads.AThreadCanBeStartedOnlyOnce", "thought a second Start runs the work again",
            Find: "ShouldBe([2, 2],", Replace: "ShouldBe([4, 0],", Symptom: "runs of the work, refused starts"),
        new("AboutThreads.AFewWorkersDoTheJobsOfManyThreads", "made a thread per job but never started them",
            Find: "thread.Start();", Replace: "", Symptom: "still needed 50 of 50"),
    ];
}
