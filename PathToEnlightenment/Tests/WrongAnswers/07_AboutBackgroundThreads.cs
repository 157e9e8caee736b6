namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutBackgroundThreadsWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutBackgroundThreads.ANewThreadIsAForegroundThread", "thought a thread made on the pool is background like its maker",
            Find: "ShouldBe([\"made by the koan\", \"made on the pool\"],", Replace: "ShouldBe([\"made by the koan\"],",
            Symptom: "the labels written"),
        new("AboutBackgroundThreads.IsBackgroundIsSetBeforeStart", "forgot IsBackground",
            Find: "worker.IsBackground = true;", Replace: "", Symptom: "ran as a foreground thread"),
        new("AboutBackgroundThreads.AnEqualsTestOnThreadStateMissesBackgroundThreads", "thought == finds every parked worker",
            Find: "ShouldBe([\"eggs\", \"beans\"],", Replace: "ShouldBe([\"spam\", \"eggs\", \"ham\", \"beans\"],",
            Symptom: "counted as waiting"),
        new("AboutBackgroundThreads.TheProcessWaitsForItsForegroundThreads", "thought the process ends when Main returns",
            Find: "lines.ShouldBe([\"main: returning\", \"worker: job done\"],", Replace: "lines.ShouldBe([\"main: returning\"],",
            Symptom: "the lines the child wrote"),
        new("AboutBackgroundThreads.AtExitABackgroundThreadSkipsItsFinally", "thought a finally always runs",
            Find: "\"late: waiting for a job\", \"main: returning\"]", Replace: "\"late: waiting for a job\", \"main: returning\", \"late: cleaning up\"]",
            Symptom: "the lines the child wrote"),
    ];
}
