namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutExceptionsInThreadsWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutExceptionsInThreads.ACaughtExceptionIsHandedBackThroughACapturedVariable", "forgot to store the exception",
            Find: "problem = e;", Replace: "Debug.WriteLine(e.Message);", Symptom: "never heard of it"),
        new("AboutExceptionsInThreads.ExceptionDispatchInfoRethrowsWithTheOriginalStackTrace", "rethrew with a plain throw",
            Find: "System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(problem).Throw();", Replace: "throw problem;",
            Symptom: "no longer shows where"),
        new("AboutExceptionsInThreads.WaitAllGathersEveryFailure", "waited for the first task only",
            Find: "Task.WaitAll(tasks, Bounded.Timeout)", Replace: "tasks[0].Wait(Bounded.Timeout)", Symptom: "not every failure was gathered"),
    ];
}
