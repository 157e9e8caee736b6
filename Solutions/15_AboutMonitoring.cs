using ThreadState = System.Threading.ThreadState;

namespace Koans;

[Topic("""
    A pool you cannot see into is a pool you cannot trust. The old demo's main thread kept printing how
    many jobs were still in the queue and which threads were running; your pool will answer the same
    questions with a snapshot: the jobs waiting (not those already taken), every worker by name with its
    thread state, whether it is busy, and how many jobs it has done, and the counts of jobs completed and
    failed, from which two snapshots give jobs per second. A snapshot is a copy, taken under the pool's
    lock, so it never changes afterwards and never catches the workers halfway through a change. The
    numbers in it are written by other threads, so they are read with Interlocked.Read and Volatile.Read,
    and they are true only for the moment they were read. Time comes from a clock the koans move by hand,
    so that "per second" gives the same answer on every machine.
    """)]
public class AboutMonitoring
{
    // The queue length says how far behind the workers are, so it counts only the jobs nobody has taken yet.
    [Koan(
        "The worker takes the jobs in the order they went in, and one of them holds it. Which jobs are still in the queue when Count is read?")]
    public void AQueueCountsOnlyTheJobsStillWaiting()
    {
        var queue = new BlockingCollection<Action>();
        using var heldJob = new GateThatHolds();
        queue.Add(() => { });
        queue.Add(() => { });
        queue.Add(heldJob.HoldHere);
        queue.Add(() => { });
        queue.Add(() => { });
        queue.CompleteAdding();
        var worker = Background.Started("worker", () => TakeJobsUntilTheQueueIsDone(queue));
        heldJob.AwaitHeld("the worker to reach the job that holds it");

        queue.Count.ShouldBe(2, "Count counts the jobs no worker has taken: a finished job has left the queue, and so has the running one");
        heldJob.LetGo();
        Bounded.Join(worker, "its held job was let go, and the queue was closed");
    }

    // A worker waiting for a job and a worker whose job waits for something look alike from outside.
    [Koan(
        "A monitor that knows only ThreadState looks at the worker running the job, then at the other one. What does it say of each?")]
    public void AnIdleWorkerAndABusyOneCanShowTheSameThreadState()
    {
        var queue = new BlockingCollection<Action>();
        using var jobAtAGate = new GateThatHolds();
        Thread? running = null;
        var first = Background.Started("worker-1", () => TakeJobsUntilTheQueueIsDone(queue));
        var second = Background.Started("worker-2", () => TakeJobsUntilTheQueueIsDone(queue));
        try
        {
            queue.Add(() =>
            {
                Volatile.Write(ref running, Thread.CurrentThread);
                jobAtAGate.HoldHere();
            });
            jobAtAGate.AwaitHeld("one of the workers to take the job and start it");
            var other = Volatile.Read(ref running) == first ? second : first;
            Bounded.UntilSteady(() => Background.IsWaiting(first) && Background.IsWaiting(second), "both workers to wait: one for a job, one inside its job");

            new[] { GuessFromThreadState(running!), GuessFromThreadState(other) }.ShouldBe(new[] { "free", "free" });
        }
        finally
        {
            jobAtAGate.LetGo();
            queue.CompleteAdding();
        }

        Bounded.Join(first, "the queue was closed and its job let go");
        Bounded.Join(second, "the queue was closed and its job let go");
    }

    // The counts a monitor prints are written by other threads; each reading is true only at its moment.
    [Koan(
        "The monitor prints the worker's count and flag while a job holds the worker, and again once the worker has ended. Trace both lines.")]
    public void ACountReadFromAnotherThreadIsTrueOnlyForThatMoment()
    {
        long done = 0;
        var busy = false;
        using var heldJob = new GateThatHolds();
        var worker = Background.Started("worker", () =>
        {
            for (var job = 1; job <= 5; job++)
            {
                Volatile.Write(ref busy, true);
                if (job == 4)
                {
                    heldJob.HoldHere();
                }

                Volatile.Write(ref busy, false);
                Interlocked.Increment(ref done);
            }
        });
        heldJob.AwaitHeld("the worker to reach the job that holds it");
        var whileHeld = WorkerLine(Interlocked.Read(ref done), Volatile.Read(ref busy));
        heldJob.LetGo();
        Bounded.Join(worker, "its held job was let go");
        var afterwards = WorkerLine(Interlocked.Read(ref done), Volatile.Read(ref busy));

        new[] { whileHeld, afterwards }.ShouldBe(new[] { "3 done, busy", "5 done, idle" },
            "that is not what the worker's count and flag said when they were read");
    }

    // A monitor prints its list at leisure; a copy lets the pool go on changing its own list meanwhile.
    [Koan(
        "After the monitor has printed its first name, the hirer retires one worker and hires another. Which names does the monitor print?")]
    public void ACopyOfTheWorkerListDoesNotChangeAfterwards()
    {
        var roster = new object();
        var names = new List<string> { "worker-1", "worker-2", "worker-3" };
        List<string> copy;
        lock (roster)
        {
            copy = names.ToList();
        }

        var hirer = new Thread(() => RetireAndHire(roster, names, retired: "worker-2", hired: "worker-4")) { IsBackground = true, Name = "hirer" };
        var printed = new List<string>();
        foreach (var name in copy)
        {
            printed.Add(name);
            if (printed.Count == 1)
            {
                hirer.Start();
                Bounded.Join(hirer, "it only retires one name and adds one");
            }
        }

        names.ShouldContain("worker-4", "the hirer's worker-4 never reached the pool's own list");
        printed.ShouldBe(new List<string> { "worker-1", "worker-2", "worker-3" }, "the monitor printed a list that changed while it was printing");
    }

    // A copy taken under the same lock the writers use can never catch a change half made.
    [Koan(
        "The hirer holds the roster's lock while it adds a name and then its count. Copy both so you never see one without the other.")]
    public void CopyingUnderTheLockNeverSeesAChangeHalfMade()
    {
        var roster = new object();
        var names = new List<string> { "worker-1", "worker-2" };
        var hired = 2;
        using var halfway = new GateThatHolds();
        var hirer = Background.Started("hirer", () =>
        {
            lock (roster)
            {
                names.Add("worker-3");
                halfway.HoldHere();
                hired++;
            }
        });

        (int Names, int Hired) seen = (0, 0);
        halfway.AwaitHeld("the hirer to be halfway through hiring worker-3");
        var monitor = Background.Started("monitor", () =>
        {
            // copy the number of names and the count of hired workers into `seen`
            lock (roster)
            {
                seen = (names.Count, hired);
            }
        });
        Bounded.Until(() => Background.IsWaiting(monitor) || !monitor.IsAlive, "the monitor to wait for the roster, or to finish");
        halfway.LetGo();
        Bounded.Join(monitor, "the hirer has let go of the roster");
        Bounded.Join(hirer, "it was let go");
        seen.Names.ShouldBe(3, "the monitor did not copy the roster as it is once the hiring is over");
        seen.Hired.ShouldBe(seen.Names, "the monitor saw worker-3's name but not its count: it read the roster halfway through the hiring");
    }

    // A rate needs two readings of a count and two of a clock; a clock the koan moves makes it the same on every run.
    [Koan(
        "Real time passes while the worker runs, but this clock moves only when it is told to. Which of its moves fall between the two readings?")]
    public void AClockTheKoanMovesGivesTheSameRateOnEveryRun()
    {
        var clock = new ManualTime();
        long done = 2;
        clock.Advance(TimeSpan.FromSeconds(1));
        var firstCount = Interlocked.Read(ref done);
        var firstTime = clock.GetUtcNow();
        var worker = Background.Started("worker", () =>
        {
            for (var job = 0; job < 6; job++)
            {
                Interlocked.Increment(ref done);
            }
        });
        Bounded.Join(worker, "it only has six quick jobs");
        clock.Advance(TimeSpan.FromSeconds(2));

        var perSecond = (Interlocked.Read(ref done) - firstCount) / (clock.GetUtcNow() - firstTime).TotalSeconds;
        perSecond.ShouldBe(3.0, "that is not the number of jobs per second between the two readings");
    }

    // The learner's pool, first question of any monitor: how many jobs are waiting?
    [Koan(
        "Your pool's two workers take the jobs in the order they went in, and stop at the ones that wait at the gate. What does QueueLength say?")]
    public void YourPoolReportsItsQueueLength()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2 });
        using var gate = new GateThatHolds(2);
        pool.Submit(gate.HoldHere);
        pool.Submit(() => { });
        pool.Submit(gate.HoldHere);
        for (var job = 0; job < 3; job++)
        {
            pool.Submit(() => { });
        }

        gate.AwaitHeld("both workers to be held at the gate, each inside a job");
        var queued = pool.QueueLength;
        queued.ShouldBe(3, queued == pool.Pending
            ? "QueueLength counted jobs that are not waiting: a job a worker has taken is running, and a worker is not a job"
            : "that is not how many jobs no worker has taken yet");
        gate.LetGo();
        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the jobs were let go but never finished");
        pool.QueueLength.ShouldBe(0, "every job is done and nothing waits, yet QueueLength counts something: it should ask the queue");
    }

    // The process cannot tell you which thread is which worker; the pool's own list can, whatever else runs beside it.
    [Koan(
        "Two pools run side by side, the smaller one made first. Which names does the bigger pool's snapshot list, in order?")]
    public void ASnapshotListsEveryWorkerByName()
    {
        using var small = new WorkerPool(new PoolOptions { MinWorkers = 2 });
        using var big = new WorkerPool(new PoolOptions { MinWorkers = 3 });
        Bounded.UntilSteady(() => big.Threads.All(Background.IsWaiting), "the bigger pool's workers to wait for their first job");

        var snapshot = big.Snapshot();

        snapshot.Workers.ShouldAllBe(worker => worker.State.HasFlag(ThreadState.WaitSleepJoin),
            "a worker's state in the snapshot is not its own thread's: every worker here waits for a job");
        var names = snapshot.Workers.Select(worker => worker.Name).ToArray();
        names.ShouldBe(new[] { "worker-1", "worker-2", "worker-3" }, names.Length != big.WorkerCount
            ? $"the snapshot lists {names.Length} workers, but the pool has {big.WorkerCount}: it left some out, or listed some twice"
            : names.Distinct().Count() < names.Length
                ? "the snapshot lists one name for several workers: does it read each worker's own thread?"
                : "a monitor prints the workers in the order the snapshot lists them");
    }

    // ThreadState says "waiting" for a busy worker too, so the pool keeps its own flag for who is working.
    [Koan(
        "Your workers take the jobs below, and one of those jobs throws. Count the busy workers and the idle ones while the gate is shut.")]
    public void ASnapshotTellsBusyWorkersFromIdleOnes()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 3 });
        using var gate = new GateThatHolds(2);
        gate.SubmitJobsHeldHere(pool);
        gate.AwaitHeld("two workers to take a job that waits at the gate");
        pool.Submit(() => throw new InvalidOperationException("a job that fails at once"));
        Bounded.Until(() => pool.Pending == 2, "the job that throws to be over");
        Bounded.UntilSteady(() => pool.Threads.All(Background.IsWaiting), "every worker to wait: at the gate, or for a job");
        var during = pool.Snapshot();
        gate.LetGo();

        during.Workers.Select(worker => worker.State).Distinct().Count().ShouldBe(1, "the workers' thread states differ after all");
        new[] { during.Busy, during.Idle }.ShouldBe(new[] { 2, 1 }, during.Busy == 0
            ? "no worker counts as busy while jobs run: is a worker marked busy before it runs its job, and does Snapshot copy the flag?"
            : during.Idle == 0
                ? "every worker still counts as busy, the one whose job threw too: is the flag cleared however the job ends?"
                : "the snapshot miscounts the workers that are running a job");
        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the jobs were let go but never finished");
        pool.Snapshot().Busy.ShouldBe(0, "a worker whose job has finished still counts as busy");
    }

    // Pending counts jobs not finished, QueueLength jobs not started: what lies between is running right now.
    [Koan(
        "Some jobs run, some wait behind them. How many of the pending jobs are out of the queue?")]
    public void PendingIsTheQueueAndTheBusyWorkersTogether()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 3 });
        using var longJobs = new GateThatHolds(3);
        longJobs.SubmitJobsHeldHere(pool);
        longJobs.AwaitHeld("every worker to take a long job and start it");
        for (var job = 0; job < 4; job++)
        {
            pool.Submit(() => { });
        }

        var snapshot = pool.Snapshot();
        var pending = pool.Pending;

        (pending - snapshot.QueueLength).ShouldBe(3, "that is not how many pending jobs are out of the queue");
        snapshot.Busy.ShouldBe(pending - snapshot.QueueLength, "the pending jobs that are not waiting should be the ones the busy workers run");
    }

    // A worker's own count shows how the work was shared out, and a job that failed was still work done.
    [Koan(
        "One worker is held inside a long job, so the other takes every short one, and one of those throws. What has each worker done?")]
    public void EveryWorkerCountsTheJobsItHasDone()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2 });
        using var longJob = new GateThatHolds();
        longJob.SubmitJobsHeldHere(pool);
        longJob.AwaitHeld("one worker to take the long job and start it");
        pool.Submit(() => { });
        pool.Submit(() => throw new InvalidOperationException("a short job that fails"));
        pool.Submit(() => { });
        pool.Submit(() => { });
        Bounded.Until(() => pool.Pending == 1, "the free worker to finish the short jobs");

        var snapshot = pool.Snapshot();
        var free = snapshot.Workers.Single(worker => !worker.Busy);
        var held = snapshot.Workers.Single(worker => worker.Busy);

        new[] { free.JobsDone, held.JobsDone }.ShouldBe(new[] { 4, 0 }, free.JobsDone == 0
            ? "the free worker counts no job at all: does each worker add one to its own JobsDone after every job, and does Snapshot copy it?"
            : free.JobsDone < snapshot.Completed + snapshot.Failed
                ? "the free worker counted fewer jobs than it ran: a job that threw is a job done too"
                : "the workers' counts do not match the jobs each of them ran");
    }

    // worker.JobsDone++ reads and then writes, yet needs no Interlocked: only the worker's own thread ever writes its
    // count. With one writer no update can be lost; a reader on another thread only sees the count a moment late.
    [Koan(
        "Three workers share the tiny jobs while the koan takes snapshot after snapshot. What do the workers' own counts add up to?")]
    public void AWorkersCountHasOneWriterSoItNeedsNoInterlocked()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 3, MaxWorkers = 3 });
        for (var job = 1; job <= 3000; job++)
        {
            pool.Submit(() => { });
            if (job % 100 == 0)
            {
                // A reader on another thread, all along: it reads the counts and never writes them.
                pool.Snapshot();
            }
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("three thousand tiny jobs were not done after a second");
        var counts = pool.Snapshot().Workers.Select(worker => worker.JobsDone).ToArray();
        counts.Sum().ShouldBe(3000, $"the workers' own counts were {string.Join(", ", counts)}");
    }

    // Throughput is the pace of the pool: jobs done between two snapshots, per second between them.
    [Koan(
        "The pool's clock moves twice and the pool does jobs twice. Which of them fall between the two snapshots?")]
    public void ThroughputIsJobsDonePerSecondBetweenTwoSnapshots()
    {
        var clock = new ManualTime();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, Clock = clock });
        RunQuickJobs(pool, 4);
        clock.Advance(TimeSpan.FromSeconds(0.5));
        var first = pool.Snapshot();
        RunQuickJobs(pool, 6);
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var second = pool.Snapshot();

        second.CompletedPerSecondSince(first).ShouldBe(4.0,
            "that is not the jobs per second: the jobs completed between the two snapshots, over the seconds between them on the pool's clock");
    }

    // A pool that fails fast can look busy; failures are counted apart, so they never pass for throughput.
    [Koan(
        "Some of the jobs throw. Work out both rates between the two snapshots.")]
    public void AFailedJobCountsInTheFailureRateNotTheThroughput()
    {
        var clock = new ManualTime();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, Clock = clock });
        var first = pool.Snapshot();
        for (var job = 1; job <= 6; job++)
        {
            var fails = job % 3 == 0;
            pool.Submit(() =>
            {
                if (fails)
                {
                    throw new InvalidOperationException("a job that fails");
                }
            });
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the six jobs never finished");
        clock.Advance(TimeSpan.FromSeconds(2));
        var second = pool.Snapshot();

        new[] { second.CompletedPerSecondSince(first), second.FailedPerSecondSince(first) }.ShouldBe(new[] { 2.0, 1.0 },
            "those are not the jobs completed and the jobs failed per second between the two snapshots");
    }

    // A snapshot is a copy: what it says stays what the pool was at the moment it was taken.
    [Koan(
        "The first snapshot was taken while a job held the only worker; every job has finished since. What does the monitor print for each snapshot?")]
    public void AnOldSnapshotStillShowsThePoolAsItWas()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1 });
        using var heldJob = new GateThatHolds();
        pool.Submit(() => { });
        pool.Submit(heldJob.HoldHere);
        pool.Submit(() => { });
        pool.Submit(() => { });
        heldJob.AwaitHeld("the worker to take the held job and start it");
        var before = pool.Snapshot();
        heldJob.LetGo();
        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the held job was let go but the jobs never finished");
        var after = pool.Snapshot();

        new[] { PoolLine(before), PoolLine(after) }.ShouldBe(new[] { "1 done, 1 busy, 2 waiting", "4 done, 0 busy, 0 waiting" },
            "the monitor's lines do not match the pool at the two moments the snapshots were taken");
    }

    // The pool's own change to its list of names, made under the list's lock.
    private static void RetireAndHire(object roster, List<string> names, string retired, string hired)
    {
        lock (roster)
        {
            names.Remove(retired);
            names.Add(hired);
        }
    }

    // What a monitor that knows only a worker's ThreadState would print about it.
    private static string GuessFromThreadState(Thread worker) => Background.IsWaiting(worker) ? "free" : "working";

    // One line of a monitor that prints a worker's count and flag.
    private static string WorkerLine(long done, bool busy) => $"{done} done, {(busy ? "busy" : "idle")}";

    // One line of a monitor that prints a snapshot of a pool.
    private static string PoolLine(PoolSnapshot snapshot) =>
        $"{snapshot.Completed} done, {snapshot.Busy} busy, {snapshot.QueueLength} waiting";

    // Submits that many jobs that do nothing, and waits until the pool has done them.
    private static void RunQuickJobs(WorkerPool pool, int jobs)
    {
        for (var job = 0; job < jobs; job++)
        {
            pool.Submit(() => { });
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue($"{jobs} quick jobs never finished");
    }

    // A gate that holds whoever reaches HoldHere (a job, or a thread halfway through its work) until the koan lets them
    // go, or the gate is disposed; AwaitHeld waits until as many as it was made for are held.
    private sealed class GateThatHolds(int holds = 1) : IDisposable
    {
        private readonly CountdownEvent _held = new(holds);
        private readonly ManualResetEventSlim _letGo = new();

        public void HoldHere()
        {
            _held.Signal();
            _letGo.Wait(Bounded.Timeout);
        }

        public void SubmitJobsHeldHere(WorkerPool pool)
        {
            for (var job = 0; job < holds; job++)
            {
                pool.Submit(HoldHere);
            }
        }

        public void AwaitHeld(string what) => Bounded.Wait(_held, what);

        public void LetGo() => _letGo.Set();

        public void Dispose() => LetGo();
    }

    // A worker's loop: take a job and do it, until the queue is closed and empty (or a second passes with no job).
    private static void TakeJobsUntilTheQueueIsDone(BlockingCollection<Action> queue)
    {
        while (queue.TryTake(out var job, Bounded.Timeout))
        {
            job();
        }
    }
}
