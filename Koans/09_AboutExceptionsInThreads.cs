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

    // Another job that can go wrong: "12" is a number of tins, "many" is not.
    private static int CountTheTins(string tins) => int.Parse(tins, CultureInfo.InvariantCulture);

    // Each thread has its own stack, and an exception only ever unwinds the stack of the thread that threw it.
    [Koan("Two catch blocks wait for the exception, on two threads. Follow it: which catch writes to the log, and what comes after?")]
    public void AnExceptionStaysOnTheThreadThatThrewIt()
    {
        var log = new ConcurrentQueue<string>();
        var worker = new Thread(() =>
        {
            try
            {
                SliceTheHam();
                log.Enqueue("slicer: the ham is sliced");
            }
            catch (InvalidOperationException e)
            {
                log.Enqueue($"slicer: caught '{e.Message}'");
            }

            log.Enqueue("slicer: done");
        })
        {
            IsBackground = true,
            Name = "slicer",
        };
        try
        {
            worker.Start();
            Bounded.Join(worker, "the slicer ends right after its catch block");
            log.Enqueue("koan: joined");
        }
        catch (InvalidOperationException e)
        {
            log.Enqueue($"koan: caught '{e.Message}'");
        }

        log.ToArray().ShouldBe(__, "the log, in the order it was written");
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
                ___();
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
            ___();
        });
        rethrown.StackTrace.ShouldNotBeNull();
        rethrown.StackTrace.ShouldContain(nameof(SliceTheHam), customMessage: "the stack trace no longer shows where the exception was first thrown");
    }

    // Several workers can each hand back their failure in a slot of their own: no failure is lost, and none is mixed up.
    [Koan("Each worker runs the job in its own slot, and keeps there what it caught. What does each slot hold?")]
    public void EachWorkerCanHandBackItsFailureInASlotOfItsOwn()
    {
        Action[] jobs = [() => CountTheTins("a dozen"), () => CountTheTins("12"), SliceTheHam];
        var problems = new Exception?[jobs.Length];
        var workers = new List<Thread>();
        for (var n = 0; n < jobs.Length; n++)
        {
            var worker = new Thread(state =>
            {
                var slot = (int)state!;
                try
                {
                    jobs[slot]();
                }
                catch (Exception e)
                {
                    problems[slot] = e;
                }
            }) { IsBackground = true, Name = $"worker {n}" };
            worker.Start(n);
            workers.Add(worker);
        }

        workers.ForEach(worker => Bounded.Join(worker, "each worker runs one job and ends"));
        var held = problems.Select(problem => problem?.GetType().Name ?? "no problem").ToArray();
        held.ShouldBe(__, "what each slot holds, slot 0 first");
    }

    // Run in a child process: the same careless job runs twice, first as a Task, then on a Thread of its own. No code of ours catches.
    public static void NobodyCatchesTheJobsException()
    {
        var slicing = Task.Run(SliceTheHam);
        Bounded.Wait(slicing, "the slicing task to end");
        Console.WriteLine("main: the slicing task has ended");
        var worker = new Thread(SliceTheHam) { Name = "careless slicer" };
        Console.WriteLine("main: starting the careless slicer");
        worker.Start();
        worker.Join(ChildProcess.Limit);
        Console.WriteLine("main: the careless slicer is done, carrying on");
    }

    // An exception that escapes a thread's body ends the whole process; a Task's job never escapes, for its task catches it.
    [Koan("The same job runs twice, and no code of ours catches. Which lines does the child's Main get to write?", TimeoutSeconds = 15)]
    public void AnEscapedExceptionEndsTheWholeProcess()
    {
        var child = ChildProcess.Run(typeof(AboutExceptionsInThreads), nameof(NobodyCatchesTheJobsException));
        child.Exited.ShouldBeTrue(child.Story);
        child.Errors.ShouldContain("Unhandled exception", Case.Sensitive, "the runtime should have reported an exception nobody caught");
        var lines = child.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldBe(__, "the lines the child wrote, in order");
    }

    // Run in a child process: the main thread waits for the worker inside a try with a finally.
    public static void TheMainThreadWaitsInsideATryFinally()
    {
        var worker = new Thread(SliceTheHam) { Name = "careless slicer" };
        try
        {
            Console.WriteLine("main: waiting for the worker");
            worker.Start();
            worker.Join(ChildProcess.Limit);
            Console.WriteLine("main: the worker is done");
        }
        finally
        {
            Console.WriteLine("main: finally, cleaning up");
        }
    }

    // A crash is not an orderly exit: not even the finally blocks of other threads get to run.
    [Koan("The main thread is waiting inside a try when the worker's exception escapes. Which of its lines get written?", TimeoutSeconds = 15)]
    public void AnEscapedExceptionSkipsTheFinallyOfOtherThreads()
    {
        var child = ChildProcess.Run(typeof(AboutExceptionsInThreads), nameof(TheMainThreadWaitsInsideATryFinally));
        child.Exited.ShouldBeTrue(child.Story);
        child.Errors.ShouldContain("Unhandled exception", Case.Sensitive, "the runtime should have reported an exception nobody caught");
        var lines = child.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldBe(__, "the lines the child wrote, in order");
    }

    // Run in a child process: a handler for unhandled exceptions watches while a worker throws.
    public static void AHandlerWatchesTheWorkerFail()
    {
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
            Console.WriteLine($"handler: saw '{(e.ExceptionObject as Exception)?.Message}'");
        var worker = new Thread(SliceTheHam) { Name = "careless slicer" };
        Console.WriteLine("main: starting the worker");
        worker.Start();
        worker.Join(ChildProcess.Limit);
        Console.WriteLine("main: saved by the handler");
    }

    // The UnhandledException event lets you log a dying process's last words; it cannot keep the process alive.
    [Koan("A handler listens for exceptions nobody caught. Which lines reach the child's output, and in what order?", TimeoutSeconds = 15)]
    public void TheUnhandledExceptionHandlerRunsButCannotSaveTheProcess()
    {
        var child = ChildProcess.Run(typeof(AboutExceptionsInThreads), nameof(AHandlerWatchesTheWorkerFail));
        child.Exited.ShouldBeTrue(child.Story);
        var lines = child.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldBe(__, "the lines the child wrote, in order");
    }
}
