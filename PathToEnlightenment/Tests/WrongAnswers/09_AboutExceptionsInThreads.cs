namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutExceptionsInThreadsWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutExceptionsInThreads.AnExceptionStaysOnTheThreadThatThrewIt", "thought Join brings the worker's exception to the koan",
            Find: "\"slicer: done\", \"koan: joined\"]", Replace: "\"slicer: done\", \"koan: caught 'the slicer jammed'\"]",
            Symptom: "the log, in the order it was written"),
        new("AboutExceptionsInThreads.ACaughtExceptionIsHandedBackThroughACapturedVariable", "forgot to store the exception",
            Find: "problem = e;", Replace: "Debug.WriteLine(e.Message);", Symptom: "never heard of it"),
        new("AboutExceptionsInThreads.ExceptionDispatchInfoRethrowsWithTheOriginalStackTrace", "rethrew with a plain throw",
            Find: "System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(problem).Throw();", Replace: "throw problem;",
            Symptom: "no longer shows where"),
        new("AboutExceptionsInThreads.EachWorkerCanHandBackItsFailureInASlotOfItsOwn", "thought every slot catches the same failure",
            Find: "[\"FormatException\", \"no problem\", \"InvalidOperationException\"]", Replace: "[\"InvalidOperationException\", \"InvalidOperationException\", \"InvalidOperationException\"]",
            Symptom: "what each slot holds"),
        new("AboutExceptionsInThreads.AnEscapedExceptionEndsTheWholeProcess", "thought only the thread that threw ends",
            Find: "\"main: starting the careless slicer\"]", Replace: "\"main: starting the careless slicer\", \"main: the careless slicer is done, carrying on\"]",
            Symptom: "the lines the child wrote"),
        new("AboutExceptionsInThreads.AnEscapedExceptionSkipsTheFinallyOfOtherThreads", "thought a finally always runs",
            Find: "ShouldBe([\"main: waiting for the worker\"],", Replace: "ShouldBe([\"main: waiting for the worker\", \"main: finally, cleaning up\"],",
            Symptom: "the lines the child wrote"),
        new("AboutExceptionsInThreads.TheUnhandledExceptionHandlerRunsButCannotSaveTheProcess", "thought the handler saves the process",
            Find: "\"handler: saw 'the slicer jammed'\"]", Replace: "\"handler: saw 'the slicer jammed'\", \"main: saved by the handler\"]",
            Symptom: "the lines the child wrote"),
    ];
}
