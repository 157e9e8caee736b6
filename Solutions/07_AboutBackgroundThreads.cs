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
    // A thread you make is a foreground thread unless you say otherwise, whoever makes it; the pool's own threads are background.
    [Koan("Each thread writes its label down only if it runs in the foreground. Follow who makes which thread.")]
    public void ANewThreadIsAForegroundThread()
    {
        var foreground = new ConcurrentQueue<string>();
        void NoteIfForeground(string label)
        {
            if (!Thread.CurrentThread.IsBackground)
            {
                foreground.Enqueue(label);
            }
        }

        StartAndJoin(new Thread(() => NoteIfForeground("made by the koan")));
        var pooled = Task.Run(() =>
        {
            NoteIfForeground("the pool's own");
            StartAndJoin(new Thread(() => NoteIfForeground("made on the pool")));
        });
        Bounded.Wait(pooled, "the job on the pool, which makes and joins a thread of its own");
        pooled.GetAwaiter().GetResult();
        foreground.ToArray().ShouldBe(["made by the koan", "made on the pool"], "the labels written, in order");
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

    // Background is a flag in ThreadState, added to whatever else the thread is doing: test for a state with HasFlag, never ==.
    [Koan("All four workers are parked at the gate when the koan looks. Which of them does the == test count?")]
    public void AnEqualsTestOnThreadStateMissesBackgroundThreads()
    {
        var gate = new ManualResetEventSlim();
        Thread[] workers =
        [
            AtTheGate("spam", gate, background: true),
            AtTheGate("eggs", gate, background: false),
            AtTheGate("ham", gate, background: true),
            AtTheGate("beans", gate, background: false),
        ];
        Array.ForEach(workers, worker => worker.Start());
        Bounded.UntilSteady(() => workers.All(Background.IsWaiting), "all four workers to wait at the gate");
        var counted = workers.Where(worker => worker.ThreadState == ThreadState.WaitSleepJoin).Select(worker => worker.Name).ToArray();
        gate.Set();
        Array.ForEach(workers, worker => Bounded.Join(worker, "the gate is open, so the worker should have gone through and ended"));
        counted.ShouldBe(["eggs", "beans"], "the workers the == test counted as waiting");
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
    [Koan("Read the child's Main and its worker: which lines reach the child's output, and in what order?", TimeoutSeconds = 15)]
    public void TheProcessWaitsForItsForegroundThreads()
    {
        var child = ChildProcess.Run(typeof(AboutBackgroundThreads), nameof(ForegroundWorkerScenario));
        child.Exited.ShouldBeTrue(child.Story);
        var lines = child.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldBe(["main: returning", "worker: job done"], "the lines the child wrote, in order");
    }

    // The scenario below runs as the Main of a second process; its worker waits for a job that never comes.
    public static void BackgroundWorkerScenario()
    {
        var waiting = new ManualResetEventSlim();
        var jobArrived = new ManualResetEventSlim();
        var worker = new Thread(() =>
        {
            Console.WriteLine("worker: waiting for a job");
            waiting.Set();
            jobArrived.Wait(Timeout.Infinite);
            Console.WriteLine("worker: a job arrived");
        });
        worker.IsBackground = true;
        worker.Start();
        waiting.Wait(Bounded.Timeout);
        Console.WriteLine("main: returning");
    }

    // A worker that waits forever for jobs must be a background thread, or its program can never exit.
    [Koan("The child's worker waits forever. Make sure that does not keep the child alive; then read which lines it wrote.", TimeoutSeconds = 15)]
    public void ABackgroundThreadDoesNotKeepTheProcessAlive()
    {
        var child = ChildProcess.Run(typeof(AboutBackgroundThreads), nameof(BackgroundWorkerScenario));
        child.Exited.ShouldBeTrue(child.Story);
        child.ExitCode.ShouldBe(0, "the child exited, but not cleanly");
        var lines = child.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldBe(["worker: waiting for a job", "main: returning"], "the lines the child wrote, in order");
    }

    // The scenario below runs as the Main of a second process: two background workers, each with a finally.
    public static void BackgroundFinallyScenario()
    {
        var early = new Thread(() =>
        {
            try
            {
                Console.WriteLine("early: one small job");
            }
            finally
            {
                Console.WriteLine("early: cleaning up");
            }
        }) { IsBackground = true };
        early.Start();
        early.Join(Bounded.Timeout);

        var insideTry = new ManualResetEventSlim();
        var jobArrived = new ManualResetEventSlim();
        var late = new Thread(() =>
        {
            try
            {
                Console.WriteLine("late: waiting for a job");
                insideTry.Set();
                jobArrived.Wait(Timeout.Infinite);
            }
            finally
            {
                Console.WriteLine("late: cleaning up");
            }
        }) { IsBackground = true };
        late.Start();
        insideTry.Wait(Bounded.Timeout);
        Console.WriteLine("main: returning");
    }

    // At exit, background threads are stopped where they stand: a finally not run by then never runs, so never trust one with cleanup.
    [Koan("Both workers are background threads with a finally. Which lines reach the child's output, and in what order?", TimeoutSeconds = 15)]
    public void AtExitABackgroundThreadSkipsItsFinally()
    {
        var child = ChildProcess.Run(typeof(AboutBackgroundThreads), nameof(BackgroundFinallyScenario));
        child.Exited.ShouldBeTrue(child.Story);
        var lines = child.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldBe(["early: one small job", "early: cleaning up", "late: waiting for a job", "main: returning"], "the lines the child wrote, in order");
    }

    // Starts the thread and waits for it to end.
    private static void StartAndJoin(Thread thread)
    {
        thread.Start();
        Bounded.Join(thread, "the thread only notes whether it runs in the foreground");
    }

    // A worker that waits at the gate, as a background thread or not.
    private static Thread AtTheGate(string name, ManualResetEventSlim gate, bool background) =>
        new(() => gate.Wait(Bounded.Timeout)) { Name = name, IsBackground = background };
}
