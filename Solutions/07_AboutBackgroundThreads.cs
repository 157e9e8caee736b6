using ThreadState = System.Threading.ThreadState;

namespace Koans;

[Topic("""
    A process ends when its last foreground thread ends. Background threads do not count: when the last
    foreground thread is done, the process exits and any background thread still running is stopped where
    it stands, without running its finally blocks. Workers that wait for jobs forever must therefore be
    background threads, or the program they serve can never exit. Some koans here run a tiny second
    process to show this for real.
    """)]
public class AboutBackgroundThreads
{
    // A thread you make yourself is a foreground thread unless you say otherwise.
    [Koan("Foreground is the default. What does IsBackground say, then?")]
    public void ANewThreadIsAForegroundThread()
    {
        var worker = new Thread(() => { });
        worker.IsBackground.ShouldBe(false);
    }

    // Whether a thread is background is a setting of the thread, best made before it starts.
    [Koan("The worker asks itself whether it runs in the background. Make it so before it starts.")]
    public void IsBackgroundIsSetBeforeStart()
    {
        bool? backgroundInside = null;
        var worker = new Thread(() => backgroundInside = Thread.CurrentThread.IsBackground);
        worker.IsBackground = true;
        worker.Start();
        Bounded.Join(worker, "the worker only looks at itself");
        backgroundInside.ShouldBe(true, "the worker ran as a foreground thread: it would keep the process alive");
    }

    // The thread pool's threads serve every Task.Run; they must never hold a process open, so they are background.
    [Koan("Task.Run borrows a thread from the pool. Would the pool's threads keep a program from exiting?")]
    public void ThreadPoolThreadsAreBackgroundThreads()
    {
        var task = Task.Run(() => Thread.CurrentThread.IsBackground);
        task.Wait(Bounded.Timeout).ShouldBeTrue("the pool never ran the task");
        task.Result.ShouldBe(true);
    }

    // Background is a flag in ThreadState, added to whatever else the thread is doing.
    [Koan("The worker waits at a gate the koan holds, and it is a background thread. Its state says both.")]
    public void ThreadStateShowsTheBackgroundFlag()
    {
        var gate = new ManualResetEventSlim();
        var worker = new Thread(() => gate.Wait(Bounded.Timeout)) { IsBackground = true };
        worker.Start();
        var seen = ThreadState.Unstarted;
        Bounded.Until(() => (seen = worker.ThreadState).HasFlag(ThreadState.WaitSleepJoin), "the worker to wait at the gate");
        gate.Set();
        Bounded.Join(worker, "the gate is open, so the worker should have gone through and ended");
        seen.ShouldBe(ThreadState.Background | ThreadState.WaitSleepJoin, "this is the state the worker was in while the gate was shut");
    }

    // Being background changes nothing while the process runs: the work is done, and finally blocks run.
    [Koan("This background worker ends by itself, long before the process does. Did its finally run?")]
    public void ABackgroundThreadThatEndsByItselfRunsItsFinally()
    {
        var jobsDone = 0;
        var cleanedUp = false;
        var worker = new Thread(() =>
        {
            try
            {
                jobsDone++;
            }
            finally
            {
                cleanedUp = true;
            }
        }) { IsBackground = true };
        worker.Start();
        Bounded.Join(worker, "the worker does one small job and ends");
        jobsDone.ShouldBe(1);
        cleanedUp.ShouldBe(true);
    }

    // The scenario below runs as the Main of a second process.
    public static void ForegroundWorkerScenario()
    {
        var mainIsDone = new ManualResetEventSlim();
        var worker = new Thread(() =>
        {
            mainIsDone.Wait(Bounded.Timeout);
            Thread.Sleep(200); // the job
            Console.WriteLine("worker: job done");
        });
        worker.Start();
        Console.WriteLine("main: returning");
        mainIsDone.Set();
    }

    // A process whose Main has returned lives on until its last foreground thread has finished.
    [Koan("Main returns first. Does the foreground worker still get to write its line?", TimeoutSeconds = 15)]
    public void TheProcessWaitsForItsForegroundThreads()
    {
        var child = ChildProcess.Run(typeof(AboutBackgroundThreads), nameof(ForegroundWorkerScenario));
        child.Exited.ShouldBeTrue(child.Story);
        var lines = child.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldBe(["main: returning", "worker: job done"]);
    }

    // The scenario below runs as the Main of a second process; its worker waits for a job that never comes.
    public static void BackgroundWorkerScenario()
    {
        var jobArrived = new ManualResetEventSlim();
        var worker = new Thread(() => jobArrived.Wait(Timeout.Infinite));
        worker.IsBackground = true;
        worker.Start();
        Console.WriteLine("main: returning");
    }

    // A worker that waits forever for jobs must be a background thread, or its program can never exit.
    [Koan("The child's worker waits forever. Make sure that does not stop the child from exiting.", TimeoutSeconds = 15)]
    public void ABackgroundThreadDoesNotKeepTheProcessAlive()
    {
        var child = ChildProcess.Run(typeof(AboutBackgroundThreads), nameof(BackgroundWorkerScenario));
        child.Exited.ShouldBeTrue(child.Story);
        child.ExitCode.ShouldBe(0);
        child.Output.ShouldContain("main: returning");
    }

    // The scenario below runs as the Main of a second process; its background worker is inside a try when Main returns.
    public static void BackgroundFinallyScenario()
    {
        var insideTry = new ManualResetEventSlim();
        var jobArrived = new ManualResetEventSlim();
        var worker = new Thread(() =>
        {
            try
            {
                insideTry.Set();
                jobArrived.Wait(Timeout.Infinite);
            }
            finally
            {
                Console.WriteLine("worker: finally, cleaning up");
            }
        }) { IsBackground = true };
        worker.Start();
        insideTry.Wait(Bounded.Timeout);
        Console.WriteLine("main: returning");
    }

    // At exit, background threads are simply stopped: their finally blocks never run, so never trust them with cleanup.
    [Koan("The worker was inside its try when the process ended. Did the child print the finally's line?", TimeoutSeconds = 15)]
    public void AtExitABackgroundThreadSkipsItsFinally()
    {
        var child = ChildProcess.Run(typeof(AboutBackgroundThreads), nameof(BackgroundFinallyScenario));
        child.Exited.ShouldBeTrue(child.Story);
        child.Output.Contains("worker: finally", StringComparison.Ordinal).ShouldBe(false, $"the child wrote:\n{child.Output}");
    }
}
