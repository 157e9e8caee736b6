namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutBackgroundThreadsWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutBackgroundThreads.IsBackgroundIsSetBeforeStart", "forgot IsBackground",
            Find: "worker.IsBackground = true;", Replace: "", Symptom: "ran as a foreground thread"),
        new("AboutBackgroundThreads.ThreadStateShowsTheBackgroundFlag", "forgot that Background is part of the state",
            Find: "seen.ShouldBe(ThreadState.Background | ThreadState.WaitSleepJoin,", Replace: "seen.ShouldBe(ThreadState.WaitSleepJoin,",
            Symptom: "Background, WaitSleepJoin"),
        new("AboutBackgroundThreads.TheProcessWaitsForItsForegroundThreads", "thought the process ends when Main returns",
            Find: "lines.ShouldBe([\"main: returning\", \"worker: job done\"]);", Replace: "lines.ShouldBe([\"main: returning\"]);",
            Symptom: "worker: job done"),
        new("AboutBackgroundThreads.AtExitABackgroundThreadSkipsItsFinally", "thought a finally always runs",
            Find: "StringComparison.Ordinal).ShouldBe(false,", Replace: "StringComparison.Ordinal).ShouldBe(true,",
            Symptom: "the child wrote"),
    ];
}
