using ThreadState = System.Threading.ThreadState;

namespace Koans;

[Topic("""
    Whoever hands work to a pool sooner or later asks: is all of it done? The queue cannot answer that.
    It empties the moment a worker takes the last job, while that job may still be running, and a
    running job may hand in more work, as a crawler does with every link it finds. The answer is a
    counter of pending jobs: one up when a job is submitted, before any worker can take it, and one
    down when a worker has finished it, in a finally, so that a job that throws is counted off too.
    Whoever wants to wait for the count to reach zero sleeps on a lock with Monitor.Wait, in a while
    loop and never longer than it was allowed to; the count-off that reaches zero wakes it with
    PulseAll. Why not simply look at the count every millisecond until it is zero? Because such a waiter
    wakes a thousand times a second for nothing, still answers up to a tick late, and, asleep with the
    lock in its hand, keeps out every thread that needs that lock: Monitor.Wait lets the lock go while
    it sleeps and is woken the moment the count changes. First you build these pieces by hand, then you
    give your pool Pending and WaitForIdle.
    """)]
public class AboutWaitingForWork
{
    // A queue only knows about the jobs nobody has taken yet; the job a worker is running has already left it.
    [Koan(
        "The worker has taken the last job and is still busy with it. Ask the queue, then ask the job.")]
    public void AnEmptyQueueDoesNotMeanTheWorkIsDone()
    {
        var queue = new BlockingCollection<Action>();
        using var lastJob = new HeldJob();
        queue.Add(() => { });
        queue.Add(lastJob.Run);
        using var worker = Worker.Start(queue, "worker", job => job());

        Bounded.Wait(lastJob.Running, "the worker to start the last job");
        queue.Count.ShouldBe(__);
        lastJob.Ended.ShouldBe(__);

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
        "This submitter queues the job first and counts it in last. Read the counter while the job runs, and again once the worker has counted it off.")]
    public void CountingAJobInAfterQueueingItComesTooLate()
    {
        var queue = new BlockingCollection<Action>();
        var pending = 0;
        var countedOff = new ManualResetEventSlim();
        using var theJob = new HeldJob();
        using var worker = Worker.Start(queue, "worker", job =>
        {
            job();
            Interlocked.Decrement(ref pending);
            countedOff.Set();
        });

        // Submit done the wrong way round: first queue the job...
        queue.Add(theJob.Run);
        // ...and here the submitter is held up long enough for the worker to take the job and finish it.
        Bounded.Wait(theJob.Running, "the worker to start the job");
        var whileItRuns = Volatile.Read(ref pending);
        theJob.Release();
        Bounded.Wait(countedOff, "the worker to count the job off");
        var onceItIsCountedOff = Volatile.Read(ref pending);
        // ...then, too late, count it in.
        Interlocked.Increment(ref pending);
        new[] { whileItRuns, onceItIsCountedOff }.ShouldBe(__);
        worker.CloseTheQueueAndJoin("its only job ended and the queue was closed");
    }

    // A count-off written after the job is never reached when the job throws, and the counter never comes back to 0.
    [Koan(
        "Three jobs, and the second one throws. Follow the worker through each of them: which line does it skip?")]
    public void ACountOffAfterTheJobIsSkippedWhenTheJobThrows()
    {
        var queue = new BlockingCollection<Action>();
        var pending = 0;
        var failures = 0;
        using var worker = Worker.Start(queue, "worker", job =>
        {
            try
            {
                job();
                Interlocked.Decrement(ref pending);
            }
            catch (InvalidOperationException)
            {
                Interlocked.Increment(ref failures);
            }
        });

        CountInAndQueue(queue, ref pending, () => { });
        CountInAndQueue(queue, ref pending, () => throw new InvalidOperationException("this page is broken"));
        CountInAndQueue(queue, ref pending, () => { });
        worker.CloseTheQueueAndJoin("it got through every job and the queue was closed");

        failures.ShouldBe(1, "the second job threw");
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
        "One crawler, three pages. Write down the counter after every step it takes.")]
    public void AJobCountsInTheWorkItFindsBeforeItCountsItselfOff()
    {
        var links = new Dictionary<string, string[]> { ["/"] = ["/a", "/b"], ["/a"] = [], ["/b"] = [] };
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
        var waiter = new WaiterForZero(gate, () => Volatile.Read(ref pending));
        theJob.Release();

        waiter.SawZero("the counter has reached 0, yet the waiter sleeps on as if nobody told it")
            .ShouldBeTrue("the waiter woke up before the counter reached 0");
    }

    // A wait with a time limit can end without a pulse; then its answer is "not yet", and it never hangs.
    [Koan(
        "The waiter may wait 20 ms for a job that does not end while the koan runs. What does Monitor.Wait return?")]
    public void AMonitorWaitWithATimeoutReturnsFalseWhenNoPulseCame()
    {
        var gate = new object();
        var pending = 1;
        bool pulsed;
        bool idle;
        var clock = Stopwatch.StartNew();

        lock (gate)
        {
            pulsed = Monitor.Wait(gate, TimeSpan.FromMilliseconds(20));
            idle = pending == 0;
        }

        clock.Elapsed.ShouldBeLessThan(Bounded.Timeout, "the wait went on long after its 20 ms");
        pulsed.ShouldBe(__);
        idle.ShouldBeFalse("a job is still pending");
    }

    // After a wake-up the counter may have grown again before the waiter got the lock back: check, don't assume.
    [Koan(
        "The last job ended and pulsed, but a new job was submitted before the waiter got the lock back. What did the waiter see at each wake-up?")]
    public void AWaiterForZeroChecksTheCounterAgainAfterEveryWakeUp()
    {
        var gate = new object();
        var pending = 1;
        var asleep = 0;
        var seenOnWaking = new ConcurrentQueue<int>();
        var waiter = Background.Started("waiter", () =>
        {
            lock (gate)
            {
                while (pending > 0)
                {
                    asleep++;
                    if (!Monitor.Wait(gate, TimeSpan.FromSeconds(30)))
                    {
                        return;
                    }

                    seenOnWaking.Enqueue(pending);
                }
            }
        });
        Bounded.Until(() => { lock (gate) { return asleep == 1; } }, "the waiter to fall asleep while one job is pending");

        lock (gate)
        {
            // The last job ends and pulses; the koan holds the lock, so before the waiter can look, a new job comes in.
            pending--;
            Monitor.PulseAll(gate);
            pending++;
        }

        // Once the waiter sleeps again, the new job ends too: the counter drops to 0 and the waiter is pulsed.
        EndAJobOnceTheWaiterSleepsAgain(gate, () => asleep == 2, countOff: () => pending--);
        Bounded.Join(waiter, "the counter is 0 and the waiter was pulsed");
        seenOnWaking.ToArray().ShouldBe(__);
    }

    // Pending is the pool's counter: it counts a job from Submit until the job ends, whether it waits or runs.
    [Koan(
        "One worker runs the first of three jobs; the other two wait in the queue. Then make your pool's Submit count every job in.")]
    public void EverySubmittedJobCountsAsPendingUntilItIsDone()
    {
        var firstRunning = new ManualResetEventSlim();
        var mayEnd = new ManualResetEventSlim();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });

        try
        {
            pool.Submit(() =>
            {
                firstRunning.Set();
                mayEnd.Wait(Bounded.Timeout);
            });
            pool.Submit(() => mayEnd.Wait(Bounded.Timeout));
            pool.Submit(() => mayEnd.Wait(Bounded.Timeout));
            Bounded.Wait(firstRunning, "the only worker to start the first job");

            pool.Pending.ShouldBe(__, "Pending lost count: it should hold every job submitted and not yet ended, waiting or running");
        }
        finally
        {
            mayEnd.Set();
        }

        Bounded.Until(() => pool.Completed == 3, "the three jobs to complete once they were allowed to end");
    }

    // A job that throws is finished all the same: if it is not counted off, Pending never comes back to 0.
    [Koan(
        "One of three jobs throws. Count the pool's results, then make sure every job is counted off, however it ended.")]
    public void AFinishedJobIsCountedOffInAFinallyEvenWhenItThrows()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });

        pool.Submit(() => { });
        pool.Submit(() => throw new InvalidOperationException("this page is broken"));
        pool.Submit(() => { });
        Bounded.Until(() => pool.Completed + pool.Failed == 3, "the worker to get through all three jobs");

        new[] { pool.Completed, pool.Failed }.ShouldBe(__);
        Bounded.Until(() => pool.Pending == 0, "Pending to come back to 0 after three jobs that have all ended, one of them by throwing");
    }

    // Waiting for work must have a limit: when the time is up, WaitForIdle says "not idle" instead of hanging.
    [Koan(
        "The job runs on; WaitForIdle may wait 20 ms. What does it answer? Then make it really wait, for no longer than that.")]
    public void WaitForIdleReturnsFalseWhenTheTimeRunsOut()
    {
        var running = new ManualResetEventSlim();
        var mayEnd = new ManualResetEventSlim();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        var idle = true;

        try
        {
            // This job outlasts any wait in the koan: only the koan's finally lets it end.
            pool.Submit(() =>
            {
                running.Set();
                mayEnd.Wait(TimeSpan.FromSeconds(10));
            });
            Bounded.Wait(running, "the worker to start the job");
            var waiter = new Thread(() => idle = pool.WaitForIdle(TimeSpan.FromMilliseconds(20))) { IsBackground = true, Name = "waiter" };
            waiter.Start();
            Bounded.Join(waiter, "WaitForIdle was given 20 ms to answer");

            idle.ShouldBe(__, "WaitForIdle said the pool was idle while its job was still running");
        }
        finally
        {
            mayEnd.Set();
        }

        Bounded.Until(() => pool.Pending == 0, "the job to end once it was allowed to");
        pool.WaitForIdle(TimeSpan.Zero).ShouldBeTrue("nothing is pending, so there is nothing to wait for");
    }

    // Whoever waits for the pool must be woken when the last job ends, not when its own time limit runs out.
    [Koan(
        "The waiter may wait 30 seconds, but the job ends long before that. What does WaitForIdle answer? Then make the last job wake it.")]
    public void WaitForIdleWakesUpWhenTheLastJobIsDone()
    {
        var running = new ManualResetEventSlim();
        var mayEnd = new ManualResetEventSlim();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        bool idle;
        try
        {
            // This job outlasts any wait in the koan: only the koan lets it end.
            pool.Submit(() =>
            {
                running.Set();
                mayEnd.Wait(TimeSpan.FromSeconds(10));
            });
            Bounded.Wait(running, "the worker to start the job");
            var waiter = new IdleWaiter(pool, TimeSpan.FromSeconds(30));
            // While it sleeps, the pool's lock is free for everyone else: WorkerCount, for one, needs it.
            Bounded.Wait(Task.Run(() => pool.WorkerCount),
                "WorkerCount while WaitForIdle sleeps: the pool's lock stayed taken, as by a waiter asleep holding it");
            mayEnd.Set();
            idle = waiter.Answer("the last job has ended, yet the waiter sleeps on in WaitForIdle as if nobody told it");
        }
        finally
        {
            mayEnd.Set();
        }

        idle.ShouldBe(__);
    }

    // A pulse only says "look again": by the time the woken waiter has the lock back, a new job may be pending.
    [Koan(
        "The last job ended and pulsed, but a new job came in before WaitForIdle had the lock back. That job outlasts the 250 ms WaitForIdle may " +
        "wait. What does it answer?")]
    public void YourWaitForIdleLooksAtPendingAgainAfterEveryWakeUp()
    {
        // Your pool's Snapshot reads this clock while it holds the pool's lock: the clock can keep it there.
        using var clock = new LockHoldingClock();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1, Clock = clock });
        var firstMayEnd = new ManualResetEventSlim();
        var secondMayEnd = new ManualResetEventSlim();
        try
        {
            pool.Submit(() => firstMayEnd.Wait(Bounded.Timeout));
            var waiter = new IdleWaiter(pool, TimeSpan.FromMilliseconds(250));
            using (clock.Hold(() => pool.Snapshot(), "the pool's lock"))
            {
                // The first job ends and counts itself off; its pulse has to wait for the lock the koan holds.
                firstMayEnd.Set();
                Bounded.Until(() => pool.Pending == 0, "the first job to end and count itself off");
                pool.Submit(() => secondMayEnd.Wait(Bounded.Timeout));
            }

            var idle = waiter.Answer("WaitForIdle was given 250 ms to answer");
            idle.ShouldBe(__, idle ? "WaitForIdle answered true while the second job was still pending: it took the pulse for the answer" : "");
        }
        finally
        {
            firstMayEnd.Set();
            secondMayEnd.Set();
        }
    }

    // Calls WaitForIdle on a thread of its own, and is made once that thread sleeps inside it: once inside
    // WaitForIdle, the only thing it can sleep on is your pool's lock.
    private sealed class IdleWaiter
    {
        private readonly Thread _thread;
        private bool _idle;

        public IdleWaiter(WorkerPool pool, TimeSpan timeout)
        {
            var calling = false;
            _thread = new Thread(() =>
            {
                Volatile.Write(ref calling, true);
                _idle = pool.WaitForIdle(timeout);
            })
            { IsBackground = true, Name = "waiter" };
            _thread.Start();
            Bounded.Until(
                () => Volatile.Read(ref calling) && _thread.ThreadState.HasFlag(ThreadState.WaitSleepJoin),
                "the waiter to fall asleep in WaitForIdle while a job runs");
        }

        // What WaitForIdle answered, once it has; `because` says why it should have by now.
        public bool Answer(string because)
        {
            Bounded.Join(_thread, because);
            return _idle;
        }
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

    // A job that says when a worker has started it, then holds that worker until it is released (never longer than
    // the 1 s bound). Disposing it releases it, so a koan that fails half-way never leaves a worker held.
    private sealed class HeldJob : IDisposable
    {
        private readonly ManualResetEventSlim _mayEnd = new();
        private readonly ManualResetEventSlim _ended = new();

        public ManualResetEventSlim Running { get; } = new();

        public bool Ended => _ended.IsSet;

        public void Run()
        {
            Running.Set();
            _mayEnd.Wait(Bounded.Timeout);
            _ended.Set();
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

    // A waiter for zero, as the topic builds it: under `gate`, it sleeps in Monitor.Wait (allowed 30 s) for as long as
    // the counter is above 0. Made once it sleeps there.
    private sealed class WaiterForZero
    {
        private readonly Thread _thread;
        private bool _asleep;
        private bool _sawZero;

        public WaiterForZero(object gate, Func<int> pending)
        {
            _thread = Background.Started("waiter", () =>
            {
                lock (gate)
                {
                    while (pending() > 0)
                    {
                        _asleep = true;
                        if (!Monitor.Wait(gate, TimeSpan.FromSeconds(30)))
                        {
                            break;
                        }
                    }

                    _sawZero = pending() == 0;
                }
            });
            Bounded.Until(() => { lock (gate) { return _asleep; } }, "the waiter to fall asleep while the job runs");
        }

        // Whether the waiter saw the counter at 0 when it stopped waiting; `because` says why it should have stopped.
        public bool SawZero(string because)
        {
            Bounded.Join(_thread, because);
            return _sawZero;
        }
    }

    // Waits until the waiter has fallen asleep again, then, under the lock, ends one job (countOff) and pulses the waiter.
    private static void EndAJobOnceTheWaiterSleepsAgain(object gate, Func<bool> asleepAgain, Action countOff)
    {
        Bounded.Until(() => { lock (gate) { return asleepAgain(); } }, "the woken waiter to fall asleep again");
        lock (gate)
        {
            countOff();
            Monitor.PulseAll(gate);
        }
    }
}
