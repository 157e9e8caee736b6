using System.Globalization;

namespace Koans;

[Topic("""
    An exception belongs to the thread that throws it. It never travels to the thread that started that
    one, and Join does not bring it along: if the worker's own code does not catch it, the exception
    escapes the thread and the runtime ends the whole process. So a worker catches what it can, and
    hands the exception back to whoever needs to know; Tasks do that handing back for you, wrapped in an
    AggregateException. The last koans here show an escaped exception, safely, in a child process.
    """)]
public class AboutExceptionsInThreads
{
    // The job that goes wrong in the koans below.
    private static void SliceTheHam() => throw new InvalidOperationException("the slicer jammed");

    // Another job that goes wrong: there is no number in "many".
    private static int CountTheTins(string tins) => int.Parse(tins, CultureInfo.InvariantCulture);

    // Each thread has its own stack, and an exception only ever unwinds the stack of the thread that threw it.
    [Koan("The worker threw, and caught it too. Did waiting for the worker throw anything at the koan?")]
    public void AnExceptionStaysOnTheThreadThatThrewIt()
    {
        Exception? caughtByWorker = null;
        var worker = new Thread(() =>
        {
            try
            {
                SliceTheHam();
            }
            catch (InvalidOperationException e)
            {
                caughtByWorker = e;
            }
        })
        {
            IsBackground = true,
            Name = "slicer",
        };
        worker.Start();
        var joinThrew = false;
        try
        {
            Bounded.Join(worker, "the slicer ends right after its catch block");
        }
        catch (InvalidOperationException)
        {
            joinThrew = true;
        }

        caughtByWorker.ShouldNotBeNull("the slicer should have kept what it caught");
        joinThrew.ShouldBe(false);
    }

    // The starter only hears of a worker's trouble if the worker catches it and hands the exception over.
    [Koan("The worker catches the FormatException. The koan can only see it if the worker puts it somewhere the koan can read.")]
    public void ACaughtExceptionIsHandedBackThroughACapturedVariable()
    {
        Exception? problem = null;
        var worker = new Thread(() =>
        {
            try
            {
                CountTheTins("many");
            }
            catch (FormatException e)
            {
                problem = e;
            }
        })
        {
            IsBackground = true,
            Name = "counter",
        };
        worker.Start();
        Bounded.Join(worker, "the counter ends right after its catch block");
        problem.ShouldNotBeNull("the counter caught its exception, but the koan never heard of it");
        problem.ShouldBeOfType<FormatException>();
    }

    // ExceptionDispatchInfo throws a handed-back exception again on your thread, keeping where it first came from.
    [Koan("The exception is in hand; throw it again here, on the koan's thread, without losing its stack trace.")]
    public void ExceptionDispatchInfoRethrowsWithTheOriginalStackTrace()
    {
        Exception? problem = null;
        var worker = new Thread(() =>
        {
            try
            {
                SliceTheHam();
            }
            catch (InvalidOperationException e)
            {
                problem = e;
            }
        })
        {
            IsBackground = true,
            Name = "slicer",
        };
        worker.Start();
        Bounded.Join(worker, "the slicer ends right after its catch block");
        problem.ShouldNotBeNull("the slicer should have handed back what it caught");
        var rethrown = Should.Throw<InvalidOperationException>(() =>
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(problem).Throw();
        });
        rethrown.StackTrace.ShouldNotBeNull();
        rethrown.StackTrace.ShouldContain(nameof(SliceTheHam), customMessage: "the stack trace no longer shows where the exception was first thrown");
    }

    // A Task catches for you: waiting on a failed task throws an AggregateException with the real one inside.
    [Koan("What is wrapped inside the AggregateException? Look at what the job throws.")]
    public void WaitingOnAFailedTaskThrowsAnAggregateException()
    {
        var task = Task.Run(SliceTheHam);
        var wrapper = Should.Throw<AggregateException>(() => task.Wait(Bounded.Timeout));
        wrapper.InnerException.ShouldNotBeNull();
        wrapper.InnerException.GetType().ShouldBe(typeof(InvalidOperationException));
    }

    // A failed task does not throw until asked: it keeps its failure, and its Status says so.
    [Koan("The task ended by throwing. Which TaskStatus describes that?")]
    public void AFailedTaskRemembersThatItFailed()
    {
        var task = Task.Run(SliceTheHam);
        Bounded.Wait(task, "the task to end, one way or another");
        _ = task.Exception; // Read, so that what the task kept is not reported as lost.
        task.Status.ShouldBe(TaskStatus.Faulted);
    }

    // Waiting for several tasks gathers every failure into one AggregateException: none of them is lost.
    [Koan("Three tasks: how many of them failed?")]
    public void WaitAllGathersEveryFailure()
    {
        var tasks = new[] { Task.Run(SliceTheHam), Task.Run(() => { }), Task.Run(() => CountTheTins("lots")) };
        var all = Should.Throw<AggregateException>(() => Task.WaitAll(tasks, Bounded.Timeout));
        all.InnerExceptions.Count.ShouldBe(2, "not every failure was gathered: was every task waited for?");
    }

    // Run in a child process: a worker throws, and nobody catches.
    public static void NobodyCatchesTheWorkersException()
    {
        var worker = new Thread(SliceTheHam) { Name = "careless slicer" };
        Console.WriteLine("main: starting the worker");
        worker.Start();
        worker.Join(Bounded.Timeout);
        Console.WriteLine("main: the worker is done, carrying on");
    }

    // An exception that escapes a thread's body ends the whole process, not just the thread that threw it.
    [Koan("The child's worker threw and nobody caught it. Did the child process end well?", TimeoutSeconds = 15)]
    public void AnEscapedExceptionEndsTheWholeProcess()
    {
        var child = ChildProcess.Run(typeof(AboutExceptionsInThreads), nameof(NobodyCatchesTheWorkersException));
        child.Exited.ShouldBeTrue(child.Story);
        child.Errors.ShouldContain("Unhandled exception", Case.Sensitive, "the runtime should have reported an exception nobody caught");
        var endedWell = child.ExitCode == 0;
        endedWell.ShouldBe(false);
    }

    // Run in a child process: the main thread waits for the worker inside a try with a finally.
    public static void TheMainThreadWaitsInsideATryFinally()
    {
        var worker = new Thread(SliceTheHam) { Name = "careless slicer" };
        try
        {
            Console.WriteLine("main: waiting for the worker");
            worker.Start();
            worker.Join(Bounded.Timeout);
        }
        finally
        {
            Console.WriteLine("main: finally, cleaning up");
        }
    }

    // A crash is not an orderly exit: not even the finally blocks of other threads get to run.
    [Koan("The main thread was waiting inside a try when the worker's exception escaped. Did its finally run?", TimeoutSeconds = 15)]
    public void AnEscapedExceptionSkipsTheFinallyOfOtherThreads()
    {
        var child = ChildProcess.Run(typeof(AboutExceptionsInThreads), nameof(TheMainThreadWaitsInsideATryFinally));
        child.Exited.ShouldBeTrue(child.Story);
        child.Output.ShouldContain("main: waiting for the worker", Case.Sensitive, "the child's main thread should have begun to wait");
        var finallyRan = child.Output.Contains("main: finally", StringComparison.Ordinal);
        finallyRan.ShouldBe(false);
    }

    // Run in a child process: a handler for unhandled exceptions watches while a worker throws.
    public static void AHandlerWatchesTheWorkerFail()
    {
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
            Console.WriteLine($"handler: saw '{(e.ExceptionObject as Exception)?.Message}'");
        var worker = new Thread(SliceTheHam) { Name = "careless slicer" };
        worker.Start();
        worker.Join(Bounded.Timeout);
        Console.WriteLine("main: saved by the handler");
    }

    // The UnhandledException event lets you log a dying process's last words; it cannot keep the process alive.
    [Koan("Look for the handler's line in the child's output, and think about the exit code.", TimeoutSeconds = 15)]
    public void TheUnhandledExceptionHandlerRunsButCannotSaveTheProcess()
    {
        var child = ChildProcess.Run(typeof(AboutExceptionsInThreads), nameof(AHandlerWatchesTheWorkerFail));
        child.Exited.ShouldBeTrue(child.Story);
        var handlerRan = child.Output.Contains("handler: saw 'the slicer jammed'", StringComparison.Ordinal);
        var endedWell = child.ExitCode == 0;
        handlerRan.ShouldBe(true);
        endedWell.ShouldBe(false);
    }
}
