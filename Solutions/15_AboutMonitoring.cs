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
        "Three jobs went in; the worker has taken one and is running it. How many are still in the queue?")]
    public void AQueueCountsOnlyTheJobsStillWaiting()
    {
        var queue = new BlockingCollection<Action>();
        using var firstJob = new GateThatHolds();
        queue.Add(firstJob.HoldHere);
        queue.Add(() => { });
        queue.Add(() => { });
        var worker = Background.Started("worker", () =>
        {
            if (queue.TryTake(out var job, Bounded.Timeout))
            {
                job();
            }
        });
        firstJob.AwaitHeld("the worker to take the first job and start it");
        queue.Count.ShouldBe(2, "the running job is not waiting any more");
        firstJob.LetGo();
        Bounded.Join(worker, "its one job was let go");
    }

    // A worker waiting for a job and a worker whose job waits for something look alike from outside.
    [Koan(
        "One worker waits in the queue for a job; the other runs a job that waits at a gate. Compare their states.")]
    public void AnIdleWorkerAndABusyOneCanShowTheSameThreadState()
    {
        var queue = new BlockingCollection<Action>();
        using var jobAtAGate = new GateThatHolds();
        var first = Background.Started("worker-1", () => TakeJobsUntilTheQueueIsDone(queue));
        var second = Background.Started("worker-2", () => TakeJobsUntilTheQueueIsDone(queue));
        try
        {
            queue.Add(jobAtAGate.HoldHere);
            jobAtAGate.AwaitHeld("one of the workers to take the job and start it");
            Bounded.UntilSteady(() => Background.IsWaiting(first) && Background.IsWaiting(second), "both workers to wait: one for a job, one inside its job");

            (first.ThreadState == second.ThreadState).ShouldBe(true);
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
        "The worker has finished three jobs and is inside its fourth. Read its count and its flag now.")]
    public void ACountReadFromAnotherThreadIsTrueOnlyForThatMoment()
    {
        long done = 0;
        var busy = false;
        using var fourthJob = new GateThatHolds();
        var worker = Background.Started("worker", () =>
        {
            for (var job = 1; job <= 4; job++)
            {
                Volatile.Write(ref busy, true);
                if (job == 4)
                {
                    fourthJob.HoldHere();
                }

                Volatile.Write(ref busy, false);
                Interlocked.Increment(ref done);
            }
        });
        fourthJob.AwaitHeld("the worker to start its fourth job");
        Interlocked.Read(ref done).ShouldBe(3L, "that is not how many jobs the worker had finished when it was read");
        Volatile.Read(ref busy).ShouldBe(true, "that is not what the worker was doing when it was read");
        fourthJob.LetGo();
        Bounded.Join(worker, "its last job was let go");
        Interlocked.Read(ref done).ShouldBe(4L, "the worker's count stopped short");
        Volatile.Read(ref busy).ShouldBeFalse("the worker still looks busy after its last job");
    }

    // A monitor prints its list at leisure; a copy lets the pool go on changing its own list meanwhile.
    [Koan(
        "A new worker is hired while the monitor is still printing. Which names does it print?")]
    public void ACopyOfTheWorkerListDoesNotChangeAfterwards()
    {
        var roster = new object();
        var names = new List<string> { "worker-1", "worker-2" };
        List<string> copy;
        lock (roster)
        {
            copy = names.ToList();
        }

        var hirer = new Thread(() =>
        {
            lock (roster)
            {
                names.Add("worker-3");
            }
        })
        { IsBackground = true, Name = "hirer" };
        var printed = new List<string>();
        foreach (var name in copy)
        {
            printed.Add(name);
            if (printed.Count == 1)
            {
                hirer.Start();
                Bounded.Join(hirer, "it only adds one name");
            }
        }

        names.Count.ShouldBe(3, "the hirer's worker-3 never reached the pool's own list");
        printed.ShouldBe(new List<string> { "worker-1", "worker-2" }, "the monitor printed a list that changed while it was printing");
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
        "Real time passed while the worker ran, but this clock moves only when it is told to. Then it is told to.")]
    public void AClockTheKoanMovesGivesTheSameRateOnEveryRun()
    {
        var clock = new ManualTime();
        long done = 2;
        var firstCount = Interlocked.Read(ref done);
        var firstTime = clock.GetUtcNow();
        var worker = new Thread(() =>
        {
            for (var job = 0; job < 6; job++)
            {
                Interlocked.Increment(ref done);
            }
        })
        { IsBackground = true, Name = "worker" };
        worker.Start();
        Bounded.Join(worker, "it only has six quick jobs");

        (clock.GetUtcNow() - firstTime).ShouldBe(TimeSpan.Zero, "the clock moved by itself");
        clock.Advance(TimeSpan.FromSeconds(2));
        var perSecond = (Interlocked.Read(ref done) - firstCount) / (clock.GetUtcNow() - firstTime).TotalSeconds;
        perSecond.ShouldBe(3.0, "that is not the number of jobs per second between the two readings");
    }

    // The learner's pool, first question of any monitor: how many jobs are waiting?
    [Koan(
        "One worker runs one job; three more are waiting. What does your pool say?")]
    public void YourPoolReportsItsQueueLength()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1 });
        using var running = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        try
        {
            pool.Submit(() =>
            {
                running.Set();
                release.Wait(Bounded.Timeout);
            });
            Bounded.Wait(running, "the worker to take the first job and start it");
            pool.Submit(() => { });
            pool.Submit(() => { });
            pool.Submit(() => { });

            pool.QueueLength.ShouldBe(3,
                "the queue length counted something that is not waiting: a job a worker has taken is running, and a worker is not a job");
        }
        finally
        {
            release.Set();
        }
    }

    // The process cannot tell you which thread is which worker; the pool's own list can.
    [Koan(
        "Your pool started three workers. Which names does its snapshot list?")]
    public void ASnapshotListsEveryWorkerByName()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 3 });

        var snapshot = pool.Snapshot();

        snapshot.Workers.Select(worker => worker.Name).ToArray().ShouldBe(new[] { "worker-1", "worker-2", "worker-3" }, "a monitor can only print the workers the snapshot lists");
    }

    // ThreadState says "waiting" for a busy worker too, so the pool keeps its own flag for who is working.
    [Koan(
        "Two of three workers each run a job that waits at a gate. Count the busy and the idle ones.")]
    public void ASnapshotTellsBusyWorkersFromIdleOnes()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 3 });
        using var bothRunning = new CountdownEvent(2);
        using var release = new ManualResetEventSlim();
        try
        {
            for (var job = 0; job < 2; job++)
            {
                pool.Submit(() =>
                {
                    bothRunning.Signal();
                    release.Wait(Bounded.Timeout);
                });
            }

            Bounded.Wait(bothRunning, "two workers to take a job each and start it");
            Bounded.UntilSteady(() => pool.Threads.All(thread => thread.ThreadState.HasFlag(ThreadState.WaitSleepJoin)),
                "every worker to wait: two inside their jobs, one for a job");
            var during = pool.Snapshot();

            during.Workers.Select(worker => worker.State).Distinct().Count().ShouldBe(1, "the workers' thread states differ after all");
            new[] { during.Busy, during.Idle }.ShouldBe(new[] { 2, 1 }, "the snapshot miscounts the workers that are running a job");
        }
        finally
        {
            release.Set();
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the two jobs were let go but never finished");
        pool.Snapshot().Busy.ShouldBe(0, "a worker whose job has finished still counts as busy");
    }

    // Pending counts jobs not finished, QueueLength jobs not started: what lies between is running right now.
    [Koan(
        "Two workers are inside their jobs; three jobs wait behind them. How many pending jobs are not in the queue?")]
    public void PendingIsTheQueueAndTheBusyWorkersTogether()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2 });
        using var twoLongJobs = new GateThatHolds(2);
        twoLongJobs.SubmitJobsHeldHere(pool);
        twoLongJobs.AwaitHeld("both workers to take a job each and start it");
        for (var job = 0; job < 3; job++)
        {
            pool.Submit(() => { });
        }

        var snapshot = pool.Snapshot();
        var pending = pool.Pending;

        snapshot.QueueLength.ShouldBe(3, "the three short jobs should still be waiting behind the two running ones");
        (pending - snapshot.QueueLength).ShouldBe(2, "that is not how many pending jobs are out of the queue");
        snapshot.Busy.ShouldBe(pending - snapshot.QueueLength, "the pending jobs that are not waiting should be the ones the busy workers run");
    }

    // A worker's own count shows how the work was shared out, and a job that failed was still work done.
    [Koan(
        "One worker is held inside a long job, so the other takes all four short ones; one of those throws. What is its count?")]
    public void EveryWorkerCountsTheJobsItHasDone()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2 });
        using var running = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        try
        {
            pool.Submit(() =>
            {
                running.Set();
                release.Wait(Bounded.Timeout);
            });
            Bounded.Wait(running, "one worker to take the long job and start it");
            pool.Submit(() => { });
            pool.Submit(() => throw new InvalidOperationException("a short job that fails"));
            pool.Submit(() => { });
            pool.Submit(() => { });
            Bounded.Until(() => pool.Pending == 1, "the free worker to finish the four short jobs");

            var snapshot = pool.Snapshot();
            var free = snapshot.Workers.Single(worker => !worker.Busy);
            var held = snapshot.Workers.Single(worker => worker.Busy);

            free.JobsDone.ShouldBe(4, "the free worker's count does not match the short jobs it ran");
            held.JobsDone.ShouldBe(0, "the held worker has not finished a single job yet");
        }
        finally
        {
            release.Set();
        }
    }

    // worker.JobsDone++ reads and then writes, yet needs no Interlocked: only the worker's own thread ever writes its
    // count. With one writer no update can be lost; a reader on another thread only sees the count a moment late.
    [Koan(
        "Three workers share three thousand tiny jobs while the koan takes snapshot after snapshot. What do the workers' own counts add up to?")]
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
        "Four jobs were done before the first snapshot and six more before the second, 1.5 seconds later on the pool's clock.")]
    public void ThroughputIsJobsDonePerSecondBetweenTwoSnapshots()
    {
        var clock = new ManualTime();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, Clock = clock });
        for (var job = 0; job < 4; job++)
        {
            pool.Submit(() => { });
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the first four jobs never finished");
        var first = pool.Snapshot();
        for (var job = 0; job < 6; job++)
        {
            pool.Submit(() => { });
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the next six jobs never finished");
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var second = pool.Snapshot();

        second.CompletedPerSecondSince(first).ShouldBe(4.0, "that is not the jobs per second between the two snapshots");
    }

    // A pool that fails fast can look busy; failures are counted apart, so they never pass for throughput.
    [Koan(
        "Five jobs in two seconds of the pool's clock, and two of them threw.")]
    public void AFailedJobCountsInTheFailureRateNotTheThroughput()
    {
        var clock = new ManualTime();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, Clock = clock });
        var first = pool.Snapshot();
        for (var job = 1; job <= 5; job++)
        {
            var fails = job % 2 == 0;
            pool.Submit(() =>
            {
                if (fails)
                {
                    throw new InvalidOperationException("a job that fails");
                }
            });
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the five jobs never finished");
        clock.Advance(TimeSpan.FromSeconds(2));
        var second = pool.Snapshot();

        second.CompletedPerSecondSince(first).ShouldBe(1.5, "three jobs ran to the end in two seconds");
        second.FailedPerSecondSince(first).ShouldBe(1.0, "that is not the failures per second between the two snapshots");
    }

    // A snapshot is a copy: what it says stays what the pool was at the moment it was taken.
    [Koan(
        "The first snapshot was taken while the job ran; the job has finished since. What does that first snapshot say now?")]
    public void AnOldSnapshotStillShowsThePoolAsItWas()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1 });
        using var running = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        PoolSnapshot before;
        try
        {
            pool.Submit(() =>
            {
                running.Set();
                release.Wait(Bounded.Timeout);
            });
            Bounded.Wait(running, "the worker to take the job and start it");
            before = pool.Snapshot();
        }
        finally
        {
            release.Set();
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the job was let go but never finished");
        var after = pool.Snapshot();
        after.Completed.ShouldBe(1L, "the job should be done by now");
        after.Workers[0].Busy.ShouldBeFalse("the worker should be idle by now");

        before.Workers[0].Busy.ShouldBe(true, "the old snapshot changed along with the pool");
        before.Completed.ShouldBe(0L, "the old snapshot's count moved on with the pool");
    }

    // The process counts every thread it has, but only your pool knows which of them are its workers.
    [Koan(
        "The process lists its threads by their operating-system ids. Can it tell you their names?")]
    public void TheProcessCountsItsThreadsButOnlyYourPoolKnowsTheirNames()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2 });
        using var process = Process.GetCurrentProcess();

        var ours = pool.Snapshot().Workers;
        var all = process.Threads;

        all.Count.ShouldBeGreaterThan(ours.Count, "the process runs the koan's own thread and the runtime's threads as well as the pool's");
        ours.Select(worker => worker.Name).ShouldBe(new[] { "worker-1", "worker-2" });
        (typeof(ProcessThread).GetProperty("Name") is not null).ShouldBe(false, "so where would a ProcessThread keep the name you gave your worker?");
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
