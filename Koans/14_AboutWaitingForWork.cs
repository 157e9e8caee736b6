namespace Koans;

[Topic("""
    Whoever hands work to a pool asks sooner or later: is all of it done? The queue cannot say. It is
    empty once a worker takes the last job, which may still be running and may hand in more work, as a
    crawler does with every link it finds. The answer is a count of pending jobs: one up when a job is
    submitted, before a worker can take it; one down when it has finished, in a finally, so that a job
    that throws counts off too. A waiter for zero sleeps in Monitor.Wait, in a while loop and never longer
    than it may, which lets the lock go while it sleeps, and the count-off that reaches zero wakes it with
    PulseAll. You build these by hand, then give your pool Pending and WaitForIdle.
    """)]
public class AboutWaitingForWork
{
    // A queue only knows about the jobs nobody has taken yet; the job a worker is running has already left it.
    [Koan(
        "The worker has taken the last job and is still busy with it. How many jobs are in the queue, and how many have ended?")]
    public void AnEmptyQueueDoesNotMeanTheWorkIsDone()
    {
        var queue = new BlockingCollection<Action>();
        using var lastJob = new HeldJob();
        var ended = 0;
        queue.Add(() => Interlocked.Increment(ref ended));
        queue.Add(() => Interlocked.Increment(ref ended));
        queue.Add(lastJob.Run);
        using var worker = Worker.Start(queue, "worker", job => job());

        Bounded.Wait(lastJob.Running, "the worker to start the last job");
        new[] { queue.Count, Volatile.Read(ref ended) }.ShouldBe(__, "jobs in the queue, jobs ended");

        lastJob.Release();
        worker.CloseTheQueueAndJoin("its last job was allowed to end and the queue was closed");
    }

    // A counter raised on submit and lowered after the job still counts the job that has left the queue but not ended.
    [Koan(
        "The counter goes up in Submit. Where does the worker bring it down again?")]
    public void AJobIsCountedInWhenSubmittedAndCountedOffWhenDone()
    {
        var queue = new BlockingCollection<Action>();
        var pending = 0;
        using var second = new HeldJob();

        void Submit(Action job)
        {
            Interlocked.Increment(ref pending);
            queue.Add(job);
        }

        using var worker = Worker.Start(queue, "worker", job =>
        {
            job();
            ___();
        });
        Submit(() => { });
        Submit(second.Run);
        Bounded.Wait(second.Running, "the worker to start the second job");
        queue.Count.ShouldBe(0, "the worker has taken both jobs");
        Volatile.Read(ref pending).ShouldBe(1,
            "the counter should hold exactly the jobs that have not ended: the second one runs, the first one ended long ago");
        second.Release();
        Bounded.Until(() => Volatile.Read(ref pending) == 0, "the counter to come back to 0 once both jobs have ended");
        worker.CloseTheQueueAndJoin("both jobs ended and the queue was closed");
    }

    // Count a job in before it is queued: a worker may take it and finish it before the next line of Submit runs.
    [Koan(
        "This submitter queues the job first and counts it in last, and it is held up in between. What does the counter read at each of the koan's looks?")]
    public void CountingAJobInAfterQueueingItComesTooLate()
    {
        var queue = new BlockingCollection<Action>();
        var pending = 0;
        var looks = new List<int>();
        var countedOff = new ManualResetEventSlim();
        using var theJob = new HeldJob();
        using var worker = Worker.Start(queue, "worker", job =>
        {
            job();
            Interlocked.Decrement(ref pending);
            Step.Act("counts the job off");
            countedOff.Set();
        });

        // Submit done the wrong way round: first queue the job...
        Step.Act("queues the job");
        queue.Add(theJob.Run);
        // ...and here the submitter is held up long enough for the worker to take the job and finish it.
        Bounded.Wait(theJob.Running, "the worker to start the job");
        looks.Add(Volatile.Read(ref pending));
        theJob.Release();
        Bounded.Wait(countedOff, "the worker to count the job off");
        looks.Add(Volatile.Read(ref pending));
        // ...then, too late, count it in.
        Step.Act("counts the job in");
        Interlocked.Increment(ref pending);
        looks.Add(Volatile.Read(ref pending));
        looks.ToArray().ShouldBe(__);
        worker.CloseTheQueueAndJoin("its only job ended and the queue was closed");
    }

    // A count-off written after the job is never reached when the job throws, and the counter never comes back to 0.
    [Koan(
        "Follow the worker through every job: which line does it skip when a job throws? What is left on the counter in the end?")]
    public void ACountOffAfterTheJobIsSkippedWhenTheJobThrows()
    {
        var queue = new BlockingCollection<Action>();
        var pending = 0;
        using var worker = Worker.Start(queue, "worker", job =>
        {
            try
            {
                job();
                Interlocked.Decrement(ref pending);
                Step.Act("counts the job off");
            }
            catch (InvalidOperationException)
            {
                // The job's failure ends here, and the worker goes on to the next job.
                Step.Act("the job throws");
            }
        });

        CountInAndQueue(queue, ref pending, () => { });
        CountInAndQueue(queue, ref pending, () => throw new InvalidOperationException("this page is broken"));
        CountInAndQueue(queue, ref pending, () => { });
        CountInAndQueue(queue, ref pending, () => throw new InvalidOperationException("this page is broken too"));
        worker.CloseTheQueueAndJoin("it got through every job and the queue was closed");

        pending.ShouldBe(__);
    }

    // A CountdownEvent is told at the start how many signals to wait for; work found along the way is not among them.
    [Koan(
        "The countdown was made for the two pages known at the start. Which pages had been crawled when it said everything was done?")]
    public void ACountdownEventWaitsOnlyForTheCountItWasGiven()
    {
        var queue = new BlockingCollection<string>();
        var countdown = new CountdownEvent(2);
        queue.Add("/");
        queue.Add("/about");
        // The crawler signals the countdown after every page it crawls, and finds "/news" on "/", which loads slowly.
        using var crawler = new CrawlerThatSignalsEveryPage(queue, countdown, foundOnTheHomePage: "/news");

        string[] crawledWhenTheCountdownSaidDone;
        try
        {
            Bounded.Wait(countdown, "the countdown to reach zero");
            crawledWhenTheCountdownSaidDone = crawler.Crawled.ToArray();
        }
        finally
        {
            crawler.LetTheFoundPageLoad();
            queue.CompleteAdding();
        }

        crawler.Join("every page was allowed to load and the queue was closed");
        crawledWhenTheCountdownSaidDone.ShouldBe(__);
        crawler.Crawled.ShouldContain("/news", "the page found along the way was crawled in the end");
        crawler.ExtraSignal.ShouldNotBeNull("the countdown took a signal it was never told about");
    }

    // A job counts in the work it finds before it counts itself off, so a growing counter reaches 0 only at the very end.
    [Koan(
        "One crawler, and every page it crawls may find more. Write down the counter every time it changes.")]
    public void AJobCountsInTheWorkItFindsBeforeItCountsItselfOff()
    {
        var links = new Dictionary<string, string[]> { ["/"] = ["/a", "/b"], ["/a"] = ["/c"], ["/b"] = [], ["/c"] = [] };
        var queue = new BlockingCollection<string>();
        var pending = 0;
        var counter = new ConcurrentQueue<int>();

        void Submit(string page)
        {
            counter.Enqueue(Interlocked.Increment(ref pending));
            queue.Add(page);
        }

        using var crawler = Worker.Start(queue, "crawler", page =>
        {
            foreach (var link in links[page])
            {
                Submit(link);
            }

            var left = Interlocked.Decrement(ref pending);
            counter.Enqueue(left);
            if (left == 0)
            {
                // Nothing waits and nothing runs: nobody is left who could find another page.
                queue.CompleteAdding();
            }
        });
        Submit("/");
        crawler.Join("it stops once its counter says the crawl is over");
        counter.ToArray().ShouldBe(__);
    }

    // The count-off that brings the counter to 0 must wake whoever sleeps waiting for 0, or it sleeps on.
    [Koan(
        "The waiter sleeps in Monitor.Wait, allowed 30 seconds. The job that brings the counter to 0 must wake it.")]
    public void TheLastCountOffWakesWhoeverWaitsForZero()
    {
        var gate = new object();
        var queue = new BlockingCollection<Action>();
        var pending = 0;
        using var worker = Worker.StartCountingOffInAFinally(queue, countOff: () =>
        {
            if (Interlocked.Decrement(ref pending) == 0)
            {
                Step.Act("counts the last job off");
                lock (gate)
                {
                    ___();
                }
            }
        });
        using var theJob = new HeldJob();
        Interlocked.Increment(ref pending);
        queue.Add(theJob.Run);
        Bounded.Wait(theJob.Running, "the worker to start the job");

        // Sleeps in Monitor.Wait(gate, 30 s) while the counter is above 0; made once it sleeps there.
        var waiter = new WaiterForZero(gate, () => Volatile.Read(ref pending), "waiter", TimeSpan.FromSeconds(30));
        theJob.Release();

        waiter.Join("the counter has reached 0, yet the waiter sleeps on as if nobody told it");
        waiter.SawWhenItStopped.ShouldBe(0, "the waiter woke up before the counter reached 0");
    }

    // A wait with a time limit can end without a pulse: Monitor.Wait then returns false, and the waiter decides what to do.
    [Koan(
        "Two waiters wait for the counter to reach 0, each with its own time limit, and give up when a wait ends without a pulse. What did each see when it stopped waiting?")]
    public void AMonitorWaitWithATimeoutCanEndWithoutAPulse()
    {
        var gate = new object();
        var pending = 3;
        var hasty = new WaiterForZero(gate, () => pending, "hasty waiter", TimeSpan.FromMilliseconds(20));
        var patient = new WaiterForZero(gate, () => pending, "patient waiter", TimeSpan.FromSeconds(30));

        hasty.Join("it may wait 20 ms");
        for (var job = 1; job <= 3; job++)
        {
            CountOff(gate, ref pending);
        }

        patient.Join("the counter has reached 0, and the count-off that took it there pulsed");
        new[] { hasty.SawWhenItStopped, patient.SawWhenItStopped }.ShouldBe(__);
    }

    // After a wake-up the counter may have grown again before the waiter got the lock back: check, don't assume.
    [Koan(
        "Follow the counter under the lock, step by step. What does the waiter read each time it wakes?")]
    public void AWaiterForZeroChecksTheCounterAgainAfterEveryWakeUp()
    {
        var gate = new object();
        var pending = 1;
        var sleeps = 0;
        var seenOnWaking = new List<int>();
        var waiter = Background.Started("waiter", () =>
        {
            lock (gate)
            {
                while (pending > 0)
                {
                    sleeps++;
                    Monitor.Wait(gate, TimeSpan.FromSeconds(30));
                    seenOnWaking.Add(pending);
                    Step.Read($"pending {pending}");
                }
            }
        });
        UnderTheLockOnceItSleeps(gate, () => sleeps == 1, "the waiter to fall asleep while a job is pending", () =>
        {
            // The last job ends and pulses; before the waiter has the lock back, the job's two links come in as new jobs.
            pending--;
            Monitor.PulseAll(gate);
            Step.Act($"pulses at {pending}");
            pending += 2;
            Step.Write($"pending {pending}");
        });
        UnderTheLockOnceItSleeps(gate, () => sleeps == 2, "the woken waiter to fall asleep again", () =>
        {
            // Both links end; the count-off that takes the counter to 0 pulses.
            pending -= 2;
            Monitor.PulseAll(gate);
            Step.Act($"pulses at {pending}");
        });
        Bounded.Join(waiter, "the counter is 0 and the waiter was pulsed");
        seenOnWaking.ShouldBe(__);
    }

    // Pending is the pool's counter: it counts a job from Submit until the job ends, whether it waits or runs.
    [Koan(
        "The pool's only worker is busy with the first job; the others wait in the queue. What does Pending say? Then make your pool's Submit count every job in.")]
    public void EverySubmittedJobCountsAsPendingUntilItIsDone()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        using var first = new HeldJob();
        var lastRan = new ManualResetEventSlim();
        pool.Submit(first.Run);
        pool.Submit(() => { });
        pool.Submit(lastRan.Set);
        Bounded.Wait(first.Running, "the only worker to start the first job");
        Step.Read($"pending {pool.Pending}");

        pool.Pending.ShouldBe(__, "Pending lost count: it should hold every job submitted and not yet ended, waiting or running");

        first.Release();
        WaitUntilItHasRunAndTheWorkerIsBack(pool, lastRan, "the last job to run once the first was allowed to end");
    }

    // A job that throws is finished all the same: if it is not counted off, Pending never comes back to 0.
    [Koan(
        "The worker has got through the jobs queued before the one it runs now, and one of them threw. What does Pending say? Then make sure every job is counted off, however it ended.")]
    public void AFinishedJobIsCountedOffInAFinallyEvenWhenItThrows()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        using var held = new HeldJob();
        Step.Act("submits 4 jobs");
        pool.Submit(() => { });
        pool.Submit(() => throw new InvalidOperationException("this page is broken"));
        pool.Submit(held.Run);
        pool.Submit(() => { });
        Bounded.Wait(held.Running, "the pool's only worker to start the third job");
        Step.Read($"pending {pool.Pending}");

        pool.Pending.ShouldBe(__,
            "Pending should count exactly the jobs that have not ended: a job is counted off once it has ended, not before, and in a finally, so that a job that throws is counted off too");

        held.Release();
        Bounded.Until(() => pool.Pending == 0, "Pending to come back to 0 once every job has ended, one of them by throwing");
    }

    // WaitForIdle sleeps while jobs are pending, with the pool's lock let go; it looks at Pending again after every wake-up,
    // never waits longer than it was allowed to, and the job that brings Pending to 0 wakes every waiter.
    [Koan(
        "Three waiters sleep in WaitForIdle while the first job runs. Give your pool WaitForIdle, and make the job that brings Pending to 0 wake them all. " +
        "Which waiters answer that the pool is idle?")]
    public void WaitForIdleSleepsUntilNothingIsPendingOrItsTimeIsUp()
    {
        // Your pool's Snapshot reads this clock while it holds the pool's lock: the clock can keep it there.
        using var clock = new LockHoldingClock();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1, Clock = clock });
        // Both jobs outlast any wait in the koan: only the koan lets them end.
        using var first = new HeldJob(TimeSpan.FromSeconds(10));
        using var second = new HeldJob(TimeSpan.FromSeconds(10));
        pool.Submit(first.Run);
        Bounded.Wait(first.Running, "the worker to start the first job");
        IdleWaiter[] patient = [new(pool, "patient waiter 1", TimeSpan.FromSeconds(30)), new(pool, "patient waiter 2", TimeSpan.FromSeconds(30))];
        var hasty = new IdleWaiter(pool, "hasty waiter", TimeSpan.FromMilliseconds(500));
        using (clock.Hold(() => pool.Snapshot(), "the pool's lock"))
        {
            // The first job ends, and its wake-up waits for the lock the koan holds; before the waiters have it back, a second job comes in.
            first.Release();
            Bounded.Until(() => pool.Pending == 0, "the first job to end and count itself off");
            Step.Act("submits job 2");
            pool.Submit(second.Run);
        }

        hasty.Join("WaitForIdle was given 500 ms: does its Monitor.Wait wait for the time that is left, and no longer?");
        second.Release();
        IdleWaiter.WaitUntilEveryOneHasAnswered(patient);
        patient.Append(hasty).Where(waiter => waiter.Idle).Select(waiter => waiter.Name).Order().ToArray().ShouldBe(__,
            "the waiters whose WaitForIdle answered that the pool was idle: a waiter looks at Pending again after every wake-up (a while, not an if), and waits until nothing is pending or its time is up");
    }

    // A crawler's pages find more pages; WaitForIdle waits for those too, because each is counted in before its finder ends.
    [Koan(
        "Each page the crawler visits links to more pages. Hand each link to the pool as a job of its own.")]
    public void WaitForIdleAlsoWaitsForTheWorkThatJobsSubmit()
    {
        var links = new Dictionary<string, string[]>
        {
            ["/"] = ["/blog", "/shop"],
            ["/blog"] = ["/blog/1", "/blog/2"],
            ["/shop"] = [],
            ["/blog/1"] = [],
            ["/blog/2"] = [],
        };
        var crawled = new ConcurrentQueue<string>();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2 });

        void Crawl(string page)
        {
            crawled.Enqueue(page);
            foreach (var link in links[page])
            {
                ___();
            }
        }

        pool.Submit(() => Crawl("/"));

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the crawl was not over after 1 s");
        crawled.Order().ToList().ShouldBe(new List<string> { "/", "/blog", "/blog/1", "/blog/2", "/shop" },
            "the crawl was over before it had visited every page it found");
    }

    // Waits until `ran` is set and the pool's only worker sleeps in its queue again: the job that set it is over, and so is
    // all the worker did after it.
    private static void WaitUntilItHasRunAndTheWorkerIsBack(WorkerPool pool, ManualResetEventSlim ran, string what)
    {
        var worker = pool.Threads.Single();
        Bounded.UntilSteady(() => ran.IsSet && Background.IsWaiting(worker), what);
    }

    // A job that says when a worker has started it, then holds that worker until it is released (never longer than
    // `atMost`, the 1 s bound unless told). Disposing it releases it, so a koan that fails half-way never leaves a worker held.
    private sealed class HeldJob(TimeSpan? atMost = null) : IDisposable
    {
        private readonly ManualResetEventSlim _mayEnd = new();

        public ManualResetEventSlim Running { get; } = new();

        public void Run()
        {
            Running.Set();
            _mayEnd.Wait(atMost ?? Bounded.Timeout);
        }

        public void Release() => _mayEnd.Set();

        public void Dispose() => Release();
    }

    // A background thread that takes the queue's items one by one and hands each to `handle`, until the queue is
    // closed and empty. Disposing it closes the queue, so a koan that fails half-way never leaves the thread waiting.
    private sealed class Worker : IDisposable
    {
        private readonly Thread _thread;
        private readonly Action _closeQueue;

        private Worker(Thread thread, Action closeQueue)
        {
            _thread = thread;
            _closeQueue = closeQueue;
        }

        public static Worker Start<T>(BlockingCollection<T> queue, string name, Action<T> handle)
        {
            var thread = Background.Started(name, () =>
            {
                foreach (var item in queue.GetConsumingEnumerable())
                {
                    handle(item);
                }
            });
            return new Worker(thread, queue.CompleteAdding);
        }

        // A worker that runs each job in a try and calls countOff in its finally, however the job ended.
        public static Worker StartCountingOffInAFinally(BlockingCollection<Action> queue, Action countOff) =>
            Start(queue, "worker", job =>
            {
                try
                {
                    job();
                }
                finally
                {
                    countOff();
                }
            });

        public void Join(string because) => Bounded.Join(_thread, because);

        public void CloseTheQueueAndJoin(string because)
        {
            _closeQueue();
            Join(because);
        }

        public void Dispose() => _closeQueue();
    }

    // Submit done the right way round: count the job in, then queue it.
    private static void CountInAndQueue(BlockingCollection<Action> queue, ref int pending, Action job)
    {
        Interlocked.Increment(ref pending);
        queue.Add(job);
    }

    // A crawler thread that crawls the queue's pages and signals the countdown after every page it crawls, as many
    // times as it crawls pages, keeping the refusal if the countdown is already at zero. On "/" it finds one more
    // page and queues it; that page loads only once LetTheFoundPageLoad is called (or after the 1 s bound).
    private sealed class CrawlerThatSignalsEveryPage : IDisposable
    {
        private readonly ManualResetEventSlim _foundPageMayLoad = new();
        private readonly Worker _worker;

        public CrawlerThatSignalsEveryPage(BlockingCollection<string> queue, CountdownEvent countdown, string foundOnTheHomePage)
        {
            _worker = Worker.Start(queue, "crawler", page =>
            {
                if (page == foundOnTheHomePage)
                {
                    _foundPageMayLoad.Wait(Bounded.Timeout);
                }

                Crawled.Enqueue(page);
                if (page == "/")
                {
                    queue.Add(foundOnTheHomePage);
                }

                try
                {
                    countdown.Signal();
                }
                catch (InvalidOperationException refused)
                {
                    ExtraSignal = refused;
                }
            });
        }

        public ConcurrentQueue<string> Crawled { get; } = new();

        // The countdown's refusal of a signal it was never told about, if it refused one.
        public Exception? ExtraSignal { get; private set; }

        public void LetTheFoundPageLoad() => _foundPageMayLoad.Set();

        public void Join(string because) => _worker.Join(because);

        public void Dispose()
        {
            LetTheFoundPageLoad();
            _worker.Dispose();
        }
    }

    // A waiter for zero, as the topic builds it: under `gate`, it sleeps in Monitor.Wait (no longer than `limit` at a
    // time) for as long as the counter is above 0; a wait that ends without a pulse makes it give up. Made once it sleeps
    // there.
    private sealed class WaiterForZero
    {
        private readonly object _gate;
        private readonly Thread _thread;
        private int _sleeps;
        private int _sawWhenItStopped;

        public WaiterForZero(object gate, Func<int> pending, string name, TimeSpan limit)
        {
            _gate = gate;
            _thread = Background.Started(name, () =>
            {
                lock (gate)
                {
                    while (pending() > 0)
                    {
                        _sleeps++;
                        if (!Monitor.Wait(gate, limit))
                        {
                            break;
                        }
                    }

                    _sawWhenItStopped = pending();
                }
            });
            Bounded.Until(
                () =>
                {
                    lock (gate)
                    {
                        return _sleeps > 0;
                    }
                },
                $"the {name} to fall asleep while jobs are pending");
        }

        // The counter as the waiter read it when it stopped waiting.
        public int SawWhenItStopped
        {
            get
            {
                lock (_gate)
                {
                    return _sawWhenItStopped;
                }
            }
        }

        public void Join(string because) => Bounded.Join(_thread, because);
    }

    // Waits until `asleep` says the waiter sleeps in Monitor.Wait (checked under the lock, which it holds while awake), then,
    // under the lock, takes `step`.
    private static void UnderTheLockOnceItSleeps(object gate, Func<bool> asleep, string what, Action step)
    {
        Bounded.Until(
            () =>
            {
                lock (gate)
                {
                    return asleep();
                }
            },
            what);
        lock (gate)
        {
            step();
        }
    }

    // Ends one job: under the lock, counts it off, and wakes whoever waits once the counter is down to 0.
    private static void CountOff(object gate, ref int pending)
    {
        lock (gate)
        {
            pending--;
            if (pending == 0)
            {
                Monitor.PulseAll(gate);
            }
        }
    }

    // Calls WaitForIdle on a thread of its own, and is made once that thread sleeps inside it: once inside WaitForIdle,
    // the only thing it can sleep on is your pool's lock.
    private sealed class IdleWaiter
    {
        private readonly Thread _thread;
        private volatile bool _answered;
        private bool _idle;

        public IdleWaiter(WorkerPool pool, string name, TimeSpan timeout)
        {
            Name = name;
            var calling = false;
            _thread = Background.Started(name, () =>
            {
                Volatile.Write(ref calling, true);
                _idle = pool.WaitForIdle(timeout);
                _answered = true;
            });
            Bounded.Until(
                () => _answered || (Volatile.Read(ref calling) && Background.IsWaiting(_thread)),
                $"the {name} to fall asleep in WaitForIdle while a job runs");
            _answered.ShouldBeFalse(
                $"WaitForIdle answered {_idle} at once, while a job was still running: while jobs are pending it should sleep on the pool's lock (Monitor.Wait)");
        }

        public string Name { get; }

        // What WaitForIdle answered, once it has.
        public bool Idle => _idle;

        // Waits until WaitForIdle has answered; `because` says why it should have by now.
        public void Join(string because) => Bounded.Join(_thread, because);

        // Waits until every one of `waiters` has had its answer from WaitForIdle, now that the last job has ended.
        public static void WaitUntilEveryOneHasAnswered(IReadOnlyList<IdleWaiter> waiters)
        {
            Bounded.Until(
                () => waiters.Any(waiter => waiter._answered),
                "a waiter to wake in WaitForIdle once the last job had ended; they all sleep on, as if nobody told them");
            Bounded.Until(
                () => waiters.All(waiter => waiter._answered),
                "every waiter to wake once the last job had ended: one woke, the other sleeps on, as if only one was told (Pulse wakes one waiter, PulseAll every one)");
        }
    }
}
