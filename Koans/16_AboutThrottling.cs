using ThreadState = System.Threading.ThreadState;

namespace Koans;

[Topic("""
    A program that starts a thread for every job drowns in threads when the jobs come in a rush; a pool
    with a fixed few workers falls behind instead. The original design sits in between: the main loop
    watches the queue and, when more than ten jobs wait, starts another worker, up to a maximum, and
    never the other way. A semaphore caps how many jobs run at once; your pool caps how many threads
    there are. Here you teach your pool to grow only past its threshold, to stop at its maximum, and to
    stay there when many producers submit at the very same moment, which takes one lock around the
    check and the start together. Where the threshold sits is a trade-off: lower means more threads,
    sooner; higher means jobs that wait longer behind busy workers.
    """)]
public class AboutThrottling
{
    // Starting a thread for every job looks simple, but a burst of jobs becomes a burst of threads, each with its own stack.
    [Koan(
        "A burst of jobs, a thread for each. Some jobs end at once, the others wait at the gate. Count the threads started, and those still alive.")]
    public void AThreadPerJobMeansAsManyThreadsAsJobs()
    {
        const int Jobs = 20;
        using var gate = new ManualResetEventSlim();
        var threads = new List<Thread>();
        var endAtOnce = new List<Thread>();
        for (var job = 1; job <= Jobs; job++)
        {
            var waitsAtTheGate = job % 4 == 0;
            var thread = Background.Started($"job {job}", () =>
            {
                if (waitsAtTheGate)
                {
                    gate.Wait(Bounded.Timeout);
                }
            });
            threads.Add(thread);
            if (!waitsAtTheGate)
            {
                endAtOnce.Add(thread);
            }
        }

        endAtOnce.ForEach(thread => Bounded.Join(thread, "its job ends at once"));
        var aliveBeforeTheGateOpens = threads.Count(thread => thread.IsAlive);
        gate.Set();
        threads.ForEach(thread => Bounded.Join(thread, "its gate is open, so its job is over"));

        new[] { threads.Count, aliveBeforeTheGateOpens }.ShouldBe(__);
    }

    // A pool runs any number of jobs on the same few threads: the jobs queue up, the threads stay few.
    [Koan(
        "The same burst of jobs goes through your pool instead. Count the jobs that ran, and the threads the pool has.")]
    public void APoolRunsEveryJobOnItsFewWorkers()
    {
        const int Jobs = 20;
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 2, GrowWhenQueueOver = Jobs });
        var ranOn = new ConcurrentBag<string>();
        for (var job = 1; job <= Jobs; job++)
        {
            pool.Submit(() => ranOn.Add(Thread.CurrentThread.Name ?? "a nameless thread"));
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("twenty tiny jobs were still not done after a second");
        ranOn.Distinct().ShouldBeSubsetOf(pool.Threads.Select(thread => thread.Name ?? ""), "a job ran on a thread that is not one of the pool's workers");
        new[] { ranOn.Count, pool.Threads.Count }.ShouldBe(__);
    }

    // A semaphore caps how many jobs run at once, but with a thread per job every waiting job still holds a whole thread.
    [Koan(
        "A thread per job, and a semaphore in front of the jobs. Count the jobs running, and the threads alive.")]
    public void ASemaphoreCapsTheRunningJobsNotTheThreadsThatWait()
    {
        const int Jobs = 10;
        var places = new SemaphoreSlim(2);
        var gate = new ManualResetEventSlim();
        var running = 0;
        // A thread per job; each waits for a place, runs its job while it holds the place, then gives the place back.
        var threads = StartAThreadPerJobBehind(places, Jobs, job: () =>
        {
            Interlocked.Increment(ref running);
            gate.Wait(Bounded.Timeout);
            Interlocked.Decrement(ref running);
        });
        try
        {
            Bounded.Until(
                () => places.CurrentCount == 0 && threads.All(thread => thread.ThreadState.HasFlag(ThreadState.WaitSleepJoin)),
                "every place to be taken and every other job to wait for one");
            new[] { Volatile.Read(ref running), threads.Count(thread => thread.IsAlive) }.ShouldBe(__);
        }
        finally
        {
            gate.Set();
        }

        threads.ForEach(thread => Bounded.Join(thread, "the gate is open, so every job gets its turn"));
    }

    // A place that is never given back is lost for good: one job that throws must not shrink the cap.
    [Koan(
        "The printer has one place. Run the job while you hold it, and give the place back whatever the job does.")]
    public void AThrottledJobGivesItsPlaceBackEvenWhenItThrows()
    {
        using var printer = new SemaphoreSlim(1);
        var printed = new List<string>();

        void Print(string document, Action job)
        {
            Bounded.Wait(printer, $"the printer to be free for the {document}");
            ___();
        }

        Print("letter", () => printed.Add("letter"));
        try
        {
            Print("jammed page", () => throw new InvalidOperationException("paper jam"));
        }
        catch (InvalidOperationException)
        {
            printed.Add("(jam)");
        }

        Print("invoice", () => printed.Add("invoice"));

        printed.ShouldBe(new List<string> { "letter", "(jam)", "invoice" }, "a job did not run, or the jam was not passed on to its caller");
        printer.CurrentCount.ShouldBe(1, "the printer's one place is still taken after every job ended");
    }

    // A producer that must not wait can ask for a place and take "no" for an answer: throttling by refusing.
    [Koan(
        "The jobs ask for a place without waiting, in turn; a quick job gives its place back as soon as it has it. Which jobs were turned away?")]
    public void AThrottleThatMayNotWaitTurnsJobsAway()
    {
        using var places = new SemaphoreSlim(2);
        var refused = new List<string>();

        foreach (var (job, quick) in new[] { ("wash", false), ("dry", true), ("fold", false), ("iron", false) })
        {
            if (!places.Wait(TimeSpan.Zero))
            {
                refused.Add(job);
            }
            else if (quick)
            {
                places.Release();
            }
        }

        refused.ShouldBe(__, "the jobs that found no free place when they asked");
    }

    // A semaphore counts places, not owners: a stray Release quietly raises the cap, unless a maximum forbids it.
    [Koan(
        "The same job, which gives its place back twice, runs behind each semaphore. How many places are free afterwards in each?")]
    public void AnExtraReleaseRaisesACapThatHasNoMaximum()
    {
        using var loose = new SemaphoreSlim(2);
        using var strict = new SemaphoreSlim(2, maxCount: 2);

        // Takes a place, gives it back when the job is done, and then, by mistake, once more.
        void RunGivingThePlaceBackTwice(SemaphoreSlim places)
        {
            Bounded.Wait(places, "a free place");
            try
            {
                places.Release();
            }
            finally
            {
                places.Release();
            }
        }

        RunGivingThePlaceBackTwice(loose);
        Should.Throw<SemaphoreFullException>(() => RunGivingThePlaceBackTwice(strict));
        new[] { loose.CurrentCount, strict.CurrentCount }.ShouldBe(__);
    }

    // The original design's rule: when more jobs wait than the threshold, the workers are falling behind, so start another.
    [Koan(
        "Your pool needs GrowIfBehind first. Then: jobs pile up behind worker-1, one at a time. How many were waiting when worker-2 was started?")]
    public void YourPoolStartsAWorkerWhenTheQueuePassesTheThreshold()
    {
        var gate = new ManualResetEventSlim();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 4, GrowWhenQueueOver = 3 });
        var waitingWhenItGrew = 0;
        try
        {
            // worker-1 takes this job and holds it until the gate opens; the next jobs, quick ones, wait in the queue.
            Step.Act("submits job 1");
            SubmitHeldJob(pool, gate);
            pool.WorkerCount.ShouldBe(1, "the pool started a second worker for the very first job, which worker-1 was free to take");
            for (var waiting = 1; waiting <= 6 && waitingWhenItGrew == 0; waiting++)
            {
                Step.Act($"submits job {waiting + 1}");
                pool.Submit(() => { });
                if (pool.WorkerCount > 1)
                {
                    waitingWhenItGrew = waiting;
                }
            }

            // A worker that Submit started does the waiting jobs, while worker-1 still holds its own.
            Bounded.Until(() => pool.WorkerCount == 1 || pool.Pending == 1, "worker-2 to catch up");
        }
        finally
        {
            gate.Set();
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the gate is open, yet the jobs were not done after a second");
        pool.WorkerCount.ShouldBeGreaterThan(1, "six jobs waited behind a busy worker, and the pool never started another");
        waitingWhenItGrew.ShouldBe(__, waitingWhenItGrew == pool.Options.GrowWhenQueueOver
            ? "the pool started its second worker when as many jobs waited as GrowWhenQueueOver, not more: "
                + "does it compare with >, and count only the jobs in the queue?"
            : "that is not the number of jobs waiting when the pool started its second worker");
    }

    // A worker started to catch up takes a waiting job at once, so the queue shrinks again as the pool grows.
    [Koan(
        "Jobs pile up behind worker-1 until the pool starts worker-2. How many jobs wait once worker-2 has taken its first?")]
    public void AWorkerStartedToCatchUpTakesAWaitingJob()
    {
        var gate = new ManualResetEventSlim();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 4, GrowWhenQueueOver = 2 });
        try
        {
            SubmitHeldJob(pool, gate);
            for (var waiting = 1; waiting <= 3; waiting++)
            {
                pool.Submit(() => gate.Wait(Bounded.Timeout));
            }

            pool.WorkerCount.ShouldBe(2, $"three jobs waited, more than GrowWhenQueueOver, and the pool has {pool.WorkerCount} workers");
            // Submit has started worker-2; it takes its first job on its own thread, a moment later.
            Bounded.Until(() => pool.Snapshot().Busy == 2, "worker-2 to take a job of its own");
            pool.QueueLength.ShouldBe(__);
        }
        finally
        {
            gate.Set();
        }
    }

    // A pool that may grow must also stop: without a maximum, a flood of jobs is a flood of threads again.
    [Koan(
        "Your pool must stop growing at Options.MaxWorkers. Then: held jobs keep coming, one at a time. How many wait in the queue in the end?")]
    public void YourPoolNeverGrowsPastItsMaximum()
    {
        var gate = new ManualResetEventSlim();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 3, GrowWhenQueueOver = 1 });
        try
        {
            for (var job = 1; job <= 12; job++)
            {
                SubmitHeldJob(pool, gate);
            }

            pool.WorkerCount.ShouldBeGreaterThan(1, "twelve jobs piled up, and the pool never started a worker");
            pool.WorkerCount.ShouldBeLessThanOrEqualTo(pool.Options.MaxWorkers,
                $"twelve jobs piled up and the pool kept growing: it has {pool.WorkerCount} workers, more than its MaxWorkers");
            pool.QueueLength.ShouldBe(__);
        }
        finally
        {
            gate.Set();
        }
    }

    // "Is there room for another worker? Then start one" is two steps: a lock around only the second still lets two producers both see room.
    [Koan(
        "The pool has one worker and room for two. Both producers looked before either of them started one. Which workers does the list hold now?")]
    public void CheckingForRoomThenStartingAWorkerIsARace()
    {
        const int MaxWorkers = 2;
        var workers = new List<string> { "worker-1" };
        var workersLock = new object();
        var bothLooked = new Barrier(2);

        Thread Producer(string name) => new(() =>
        {
            var seen = workers.Count;
            // Both producers have looked before either acts: the unlucky timing, forced every time.
            bothLooked.SignalAndWait(Bounded.Timeout);
            if (seen < MaxWorkers)
            {
                lock (workersLock)
                {
                    workers.Add($"worker-{seen + 1}");
                }
            }
        })
        { IsBackground = true, Name = name };

        var first = Producer("first producer");
        var second = Producer("second producer");
        first.Start();
        second.Start();
        Bounded.Join(first, "it only had to look once and add one worker");
        Bounded.Join(second, "it only had to look once and add one worker");

        workers.ShouldBe(__, "what the two producers left in the list");
    }

    // Real producers hit the unlucky timing only now and then; a pool must be right every time, not almost always.
    // Here the koan forces the unlucky timing: both producers look while the pool's lock is held elsewhere.
    [Koan(
        "Make \"is there room?\" and \"start a worker\" one step in your pool. Then: two producers looked at once. How many workers are there?")]
    public void ManyProducersAtOnceNeverPushThePoolPastItsMaximum()
    {
        // Your pool's Snapshot reads this clock while it holds the pool's lock: the clock can keep it there.
        using var clock = new LockHoldingClock();
        var gate = new ManualResetEventSlim();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 2, GrowWhenQueueOver = 1, Clock = clock });
        try
        {
            // worker-1 holds one job, one more waits: the queue is at its threshold, with room for one worker more.
            SubmitHeldJob(pool, gate);
            SubmitHeldJob(pool, gate);
            Thread[] producers;
            using (clock.Hold(() => pool.Snapshot(), "the pool's lock"))
            {
                producers = [SubmitOnAThreadOfItsOwn(pool, gate, "first producer"), SubmitOnAThreadOfItsOwn(pool, gate, "second producer")];
                Bounded.UntilSteady(
                    () => producers.All(producer => producer.ThreadState.HasFlag(ThreadState.WaitSleepJoin)),
                    "both producers to have submitted, looked, and to wait for the pool's lock");
            }

            Array.ForEach(producers, producer => Bounded.Join(producer, "the pool's lock was let go"));
            var workers = pool.WorkerCount;
            workers.ShouldBe(__, workers > pool.Options.MaxWorkers
                ? $"two producers submitting at once left the pool with {workers} workers, past its MaxWorkers: both saw room, and each started one"
                : "the pool's workers once both producers had submitted");
        }
        finally
        {
            gate.Set();
        }
    }

    // A thread that submits one held job to the pool, started at once.
    private static Thread SubmitOnAThreadOfItsOwn(WorkerPool pool, ManualResetEventSlim gate, string name) =>
        Background.Started(name, () => pool.Submit(() => gate.Wait(Bounded.Timeout)));

    // Growing is upwards only: when the rush is over, the pool keeps every worker it started for it.
    [Koan(
        "A rush of held jobs made your pool grow; then every job finished and the queue ran dry. How many workers has it now?")]
    public void ThePoolKeepsItsWorkersWhenTheQueueDrains()
    {
        var gate = new ManualResetEventSlim();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 4, GrowWhenQueueOver = 2 });
        try
        {
            for (var job = 1; job <= 5; job++)
            {
                SubmitHeldJob(pool, gate);
            }
        }
        finally
        {
            gate.Set();
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the gate is open, yet the jobs were not done after a second");
        pool.QueueLength.ShouldBe(0);
        pool.WorkerCount.ShouldBe(__);
    }

    // Your pool grows only in Submit, never when a worker finishes a job: growing answers a queue that grows, and only
    // Submit makes it grow. A worker that finishes a job goes back for the next one, and the queue shrinks.
    [Koan(
        "The job the only worker holds ends. How long was the queue before, and once the worker had taken its next job?")]
    public void AFinishedJobShrinksTheQueueSoOnlySubmitChecksForGrowth()
    {
        var gate = new ManualResetEventSlim();
        var firstMayEnd = new ManualResetEventSlim();
        var secondRunning = new ManualResetEventSlim();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        try
        {
            SubmitHeldJob(pool, firstMayEnd);
            pool.Submit(() =>
            {
                secondRunning.Set();
                gate.Wait(Bounded.Timeout);
            });
            for (var job = 1; job <= 4; job++)
            {
                SubmitHeldJob(pool, gate);
            }

            var before = pool.QueueLength;
            firstMayEnd.Set();
            Bounded.Wait(secondRunning, "the worker to finish the held job and take the next");
            new[] { before, pool.QueueLength }.ShouldBe(__, "the queue before the held job ended, and once the worker had taken the next");
        }
        finally
        {
            firstMayEnd.Set();
            gate.Set();
        }
    }

    // A high threshold saves threads, but the price is paid in waiting: jobs queue up behind busy workers and no help comes.
    [Koan(
        "Both workers are busy, and quick jobs pile up behind them, as many as the threshold. How many jobs wait, and how many have run?")]
    public void AHighThresholdLetsJobsWaitBehindBusyWorkers()
    {
        var gate = new ManualResetEventSlim();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 8, GrowWhenQueueOver = 6 });
        var ran = 0;
        try
        {
            SubmitHeldJob(pool, gate);
            SubmitHeldJob(pool, gate);
            for (var job = 1; job <= pool.Options.GrowWhenQueueOver; job++)
            {
                pool.Submit(() => Interlocked.Increment(ref ran));
            }

            pool.WorkerCount.ShouldBe(2, "the pool grew, though no more jobs waited than its threshold");
            new[] { pool.QueueLength, Volatile.Read(ref ran) }.ShouldBe(__);
        }
        finally
        {
            gate.Set();
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the gate is open, yet the jobs were not done after a second");
        ran.ShouldBe(pool.Options.GrowWhenQueueOver, "some quick jobs never ran");
    }

    // A low threshold brings help sooner, and pays for it in threads: the same held jobs, two thresholds.
    [Koan(
        "The same held jobs go to two pools that differ only in their threshold. How many workers has each?")]
    public void ALowerThresholdStartsMoreWorkersSooner()
    {
        var gate = new ManualResetEventSlim();
        using var patient = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 10, GrowWhenQueueOver = 6 });
        using var eager = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 10, GrowWhenQueueOver = 2 });
        try
        {
            for (var job = 1; job <= 10; job++)
            {
                SubmitHeldJob(patient, gate);
                SubmitHeldJob(eager, gate);
            }

            new[] { patient.WorkerCount, eager.WorkerCount }.ShouldBe(__);
        }
        finally
        {
            gate.Set();
        }
    }

    // Submits a job that holds its worker until the gate opens, then waits until every worker holds one such
    // job (busy with it) and only the rest wait in the queue: a worker that Submit starts takes its first job a moment later.
    private static void SubmitHeldJob(WorkerPool pool, ManualResetEventSlim gate)
    {
        pool.Submit(() => gate.Wait(Bounded.Timeout));
        Bounded.Until(
            () => pool.QueueLength == Math.Max(0, pool.Pending - pool.WorkerCount) && pool.Snapshot().Busy == Math.Min(pool.Pending, pool.WorkerCount),
            "every worker to take one job of its own, and only the rest to wait in the queue");
    }

    // Starts a thread per job, named "job 1" to "job N"; each waits (at most 1 s) for one of the semaphore's places,
    // runs the job while it holds the place, and gives the place back however the job ends.
    private static List<Thread> StartAThreadPerJobBehind(SemaphoreSlim places, int jobs, Action job)
    {
        var threads = Enumerable.Range(1, jobs)
            .Select(n => new Thread(() =>
            {
                if (!places.Wait(Bounded.Timeout))
                {
                    return;
                }

                try
                {
                    job();
                }
                finally
                {
                    places.Release();
                }
            })
            { IsBackground = true, Name = $"job {n}" })
            .ToList();
        threads.ForEach(thread => thread.Start());
        return threads;
    }
}
