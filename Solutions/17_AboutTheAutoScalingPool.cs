using ThreadState = System.Threading.ThreadState;

namespace Koans;

[Topic("""
    Your pool is finished here. One class: Submit hands a job over, WaitForIdle says when every job is
    done, a snapshot shows what the pool is doing, and three numbers decide how it grows. What is left is
    how a pool ends and how it holds back: a graceful shutdown that still does every queued job, an
    immediate one that hands back what it dropped, a refusal for jobs that come too late, a bounded queue
    that makes a fast submitter wait, and extra workers that retire when the rush is over. Then your pool
    goes to work: it crawls a small site, where every page job submits jobs of its own, and it rides out
    a rush from start to shutdown.
    """)]
public class AboutTheAutoScalingPool
{
    // Two calls are all a caller needs: Submit hands a job over, WaitForIdle says when every job has ended.
    [Koan(
        "Ten jobs, and two of them throw. What do the two counters say once the pool is idle?")]
    public void EveryJobEndsCompletedOrFailedBeforeThePoolIsIdle()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2 });
        for (var job = 1; job <= 10; job++)
        {
            var number = job;
            pool.Submit(() =>
            {
                if (number is 3 or 7)
                {
                    throw new InvalidOperationException($"job {number} went wrong");
                }
            });
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("jobs were still pending after 1 s");
        new[] { pool.Completed, pool.Failed }.ShouldBe(new long[] { 8, 2 });
        pool.Pending.ShouldBe(0, "an idle pool has no job left to count");
    }

    // A snapshot is the one look a monitor needs: what waits, who works, what is done, all at one moment.
    [Koan(
        "Two workers hold a job each and three more jobs wait. Write what the snapshot saw: queue, busy, idle.")]
    public void ASnapshotShowsTheQueueAndWhoIsBusyAtOneMoment()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 2 });
        using var gate = new ManualResetEventSlim();
        PoolSnapshot snapshot;
        try
        {
            pool.Submit(() => { });
            Bounded.Until(() => pool.Completed == 1, "the first job to be completed");
            for (var job = 1; job <= 5; job++)
            {
                pool.Submit(() => gate.Wait(Bounded.Timeout));
            }

            Bounded.Until(() => pool.Snapshot().Busy == 2, "both workers to be busy with a job");
            snapshot = pool.Snapshot();
        }
        finally
        {
            gate.Set();
        }

        new[] { snapshot.QueueLength, snapshot.Busy, snapshot.Idle }.ShouldBe(new[] { 3, 2, 0 });
        snapshot.Completed.ShouldBe(1, "the snapshot lost count of the job done before it");
        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("jobs were still pending after 1 s");
    }

    // A scaling policy is three numbers; this one says: three workers always, a fourth when more than five jobs wait, never a fifth.
    [Koan(
        "Write the policy of the comment above the koan into the options.")]
    public void TheScalingPolicyIsThreeNumbersInThePoolOptions()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 3, MaxWorkers = 4, GrowWhenQueueOver = 5 });
        using var gate = new ManualResetEventSlim();
        try
        {
            pool.WorkerCount.ShouldBe(3, "the pool did not start with the workers it must always have");
            SubmitJobsHeldBy(gate, pool, jobs: 3);
            Bounded.Until(() => pool.Snapshot().Busy == 3, "every worker to be busy with a job");
            SubmitJobsHeldBy(gate, pool, jobs: 5);
            pool.WorkerCount.ShouldBe(3, "five jobs wait, which is not yet more than five, and the pool grew anyway");
            SubmitJobsHeldBy(gate, pool, jobs: 3);
            pool.WorkerCount.ShouldBe(4, "more than five jobs waited; the pool must have one worker more, and no more than that");
        }
        finally
        {
            gate.Set();
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("jobs were still pending after 1 s");
    }

    // A graceful shutdown takes no new jobs but keeps its promise to the ones already queued.
    [Koan(
        "Two jobs were running and four waited in the queue when the pool was told to shut down. How many jobs ran in the end?")]
    public void AGracefulShutdownFinishesTheQueuedJobs()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 2 });
        using var gate = new ManualResetEventSlim();
        var done = 0;
        try
        {
            HoldWorkers(pool, gate, 2, () => Interlocked.Increment(ref done));
            for (var job = 1; job <= 4; job++)
            {
                pool.Submit(() => Interlocked.Increment(ref done));
            }

            // Given no time at all, Shutdown closes the queue and says at once whether the workers have ended.
            var ended = pool.Shutdown(TimeSpan.Zero);
            var queued = pool.QueueLength;
            queued.ShouldBe(4, ShutdownGivenNoTime(ended, queued, Volatile.Read(ref done)));
        }
        finally
        {
            gate.Set();
        }

        pool.Shutdown(Bounded.Timeout).ShouldBeTrue("a worker was still alive 1 s after the shutdown: its loop still waits for more jobs");
        done.ShouldBe(6, $"{6 - done} of the six jobs never ran");
    }

    // What Shutdown(TimeSpan.Zero) was seen to do, when the four queued jobs were not all in the queue after it.
    private static string ShutdownGivenNoTime(bool ended, int queued, int done) =>
        $"when Shutdown(TimeSpan.Zero) returned {ended}, {queued} of the four queued jobs were still in the queue and {done} jobs were done: "
        + (done >= 6
            ? "it waited for every job to run, though it was given no time at all (a Join without a time limit?)"
            : "jobs left the queue without running: a shutdown that takes them out (or workers that end early) throws work away");

    // Submits a job for each of `workers` workers and waits until each is running one: every job waits at `gate`,
    // then does `afterTheGate`.
    private static void HoldWorkers(WorkerPool pool, ManualResetEventSlim gate, int workers, Action? afterTheGate = null)
    {
        using var running = new CountdownEvent(workers);
        for (var job = 1; job <= workers; job++)
        {
            pool.Submit(() =>
            {
                running.Signal();
                gate.Wait(Bounded.Timeout);
                afterTheGate?.Invoke();
            });
        }

        Bounded.Wait(running, $"{workers} workers to start a job each");
    }

    // A job that arrives after the shutdown would wait for ever; the pool must say no, and say why.
    [Koan(
        "The pool is shut down, and a job comes anyway. What type of exception turns it away? Then make your pool say why.")]
    public void SubmitAfterShutdownIsRefusedWithAClearMessage()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1 });
        pool.Shutdown(Bounded.Timeout).ShouldBeTrue("the idle worker did not end after the shutdown");

        var refused = Refusal(() => pool.Submit(() => { }));

        refused.ShouldNotBeNull("the shut-down pool took the job, which no worker will ever run");
        refused.GetType().ShouldBe(typeof(InvalidOperationException));
        refused.Message.ShouldContain("shut", Case.Insensitive, "the job was refused in the queue's words, which do not say that the pool was shut down");
        pool.Pending.ShouldBe(0, "the refused job never got into the queue, yet the pool counts it as pending");
    }

    // What `submit` threw, or null when it threw nothing.
    private static Exception? Refusal(Action submit)
    {
        try
        {
            submit();
            return null;
        }
        catch (Exception refused)
        {
            return refused;
        }
    }

    // Stopping now must not lose work silently: the jobs that never ran come back to the caller.
    [Koan(
        "Only the first job was running when the pool stopped at once. Which jobs did ShutdownNow hand back?")]
    public void AnImmediateShutdownHandsBackTheJobsItDropped()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        using var gate = new ManualResetEventSlim();
        var jobs = new NamedJobs();
        IReadOnlyList<Action> dropped;
        try
        {
            HoldWorkers(pool, gate, 1, jobs.Named("first"));
            pool.Submit(jobs.Named("second"));
            pool.Submit(jobs.Named("third"));
            pool.Submit(jobs.Named("fourth"));

            dropped = pool.ShutdownNow();
        }
        finally
        {
            gate.Set();
        }

        Bounded.Join(pool.Threads.Single(), "a stopped pool's worker ends when its running job does");
        pool.WaitForIdle(TimeSpan.Zero).ShouldBeTrue("the pool still counts jobs as pending that will never run");
        jobs.Ran.ShouldBe(["first"], "only the job that was running when the pool stopped should have run");
        jobs.NamesOf(dropped).ShouldBe(new[] { "second", "third", "fourth" }, "the jobs ShutdownNow handed back, in its order");
    }

    // Jobs a failure message can name: a delegate prints only as System.Action, so that three jobs would read as
    // one. Each job made here notes its name in Ran when it runs; NamesOf gives the names of jobs made here.
    private sealed class NamedJobs
    {
        private readonly Dictionary<Action, string> _names = new(ReferenceEqualityComparer.Instance);
        private readonly ConcurrentQueue<string> _ran = new();

        public string[] Ran => _ran.ToArray();

        public Action Named(string name)
        {
            Action job = () => _ran.Enqueue(name);
            _names[job] = name;
            return job;
        }

        public string[] NamesOf(IEnumerable<Action> jobs) => jobs.Select(job => _names.GetValueOrDefault(job, "a job with no name")).ToArray();
    }

    // A bounded queue makes a fast submitter wait for slow workers, instead of piling up jobs without end.
    [Koan(
        "The worker holds one job, the submitter waits with another. How many jobs are in the queue?")]
    public void ABoundedQueuePushesBackOnTheSubmitter()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1, Capacity = 2 });
        using var gate = new ManualResetEventSlim();
        // A thread that submits four jobs held by the gate, one after the other, and counts each one Submit has taken.
        var submitter = new SubmitterThread(pool, jobs: 4, job: () => gate.Wait(Bounded.Timeout));
        try
        {
            Bounded.Until(
                () => submitter.Submitted == 3 && submitter.Thread.ThreadState.HasFlag(ThreadState.WaitSleepJoin),
                "the submitter to wait with its fourth job at the full queue");
            pool.QueueLength.ShouldBe(2);
        }
        finally
        {
            gate.Set();
        }

        Bounded.Join(submitter.Thread, "it still waits with its fourth job: the queue stayed full");
        submitter.Submitted.ShouldBe(4, "the fourth job never got into the queue");
        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("jobs were still pending after 1 s");
    }

    // A submitter that must not wait for ever asks for a place and hears "no" in good time.
    [Koan(
        "The worker holds one job, and one more fills the queue. Does the third get in?")]
    public void TrySubmitGivesUpWhenTheQueueStaysFull()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1, Capacity = 1 });
        using var gate = new ManualResetEventSlim();
        try
        {
            GiveEachWorkerAJobHeldBy(gate, pool, workers: 1, "the first job to start");
            pool.Submit(() => { });

            var accepted = pool.TrySubmit(() => { }, TimeSpan.FromMilliseconds(20));

            accepted.ShouldBe(false);
            pool.Pending.ShouldBe(2, "a job that was turned away still counts as pending");
        }
        finally
        {
            gate.Set();
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("jobs were still pending after 1 s");
        pool.TrySubmit(() => { }, Bounded.Timeout).ShouldBeTrue("an empty queue turned a job away");
    }

    // Workers started for a rush cost threads for ever unless they leave when the rush is over.
    [Koan(
        "Give the pool a keep-alive: how long an extra worker may sit idle before it retires. Keep it short.")]
    public void AnIdleExtraWorkerRetiresAfterTheKeepAlive()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 2, GrowWhenQueueOver = 1, KeepAlive = TimeSpan.FromMilliseconds(50) });
        using var gate = new ManualResetEventSlim();
        IReadOnlyList<Thread> duringTheRush;
        try
        {
            GiveEachWorkerAJobHeldBy(gate, pool, workers: 1, "the first job to start");
            SubmitJobsHeldBy(gate, pool, jobs: 2);
            duringTheRush = pool.Threads;
            duringTheRush.Count.ShouldBe(2, "two jobs waited, but no extra worker came");
        }
        finally
        {
            gate.Set();
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("jobs were still pending after 1 s");
        Bounded.Until(() => pool.WorkerCount < 2, "an idle extra worker to leave the pool");
        var retired = duringTheRush.Except(pool.Threads).First();
        Bounded.Join(retired, "it left the pool's list of workers, but its thread goes on");
    }

    // Shrinking stops at the minimum: the workers the pool must always have stay, idle or not.
    [Koan(
        "Three workers, a minimum of two, and nothing left to do. How many workers does the pool keep?")]
    public void RetiringNeverTakesThePoolBelowItsMinimum()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 3, GrowWhenQueueOver = 1, KeepAlive = TimeSpan.FromMilliseconds(50) });
        using var gate = new ManualResetEventSlim();
        try
        {
            GiveEachWorkerAJobHeldBy(gate, pool, workers: 2, "both workers to start a job");
            SubmitJobsHeldBy(gate, pool, jobs: 2);
            pool.WorkerCount.ShouldBe(3, "two jobs waited, but no extra worker came");
        }
        finally
        {
            gate.Set();
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("jobs were still pending after 1 s");
        Bounded.Until(() => pool.WorkerCount < 3, "the idle extra worker to leave the pool");
        // Two keep-alives long, every worker that is left waits for a job in vain at least once more.
        var shrankOn = SpinWait.SpinUntil(() => pool.WorkerCount < 2, Bounded.Brief);
        shrankOn.ShouldBeFalse("the idle pool went on shrinking: it has fewer workers than it must always keep");
        pool.WorkerCount.ShouldBe(2);

        using var done = new ManualResetEventSlim();
        pool.Submit(done.Set);
        Bounded.Wait(done, "a job submitted after the pool shrank to run");
    }

    // A worker that may never retire waits in its take with no time limit: closing the queue wakes it all the same, so
    // Shutdown's Join ends. A loop on a timed take would only wake it again and again for nothing.
    [Koan(
        "Without a keep-alive your workers wait in the empty queue with no time limit. Does Shutdown see them all end in the second it gives them?")]
    public void AWorkerThatWaitsWithNoTimeLimitStillEndsAtShutdown()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 2 });
        var workers = pool.Threads;
        Bounded.UntilSteady(
            () => workers.All(worker => worker.ThreadState.HasFlag(ThreadState.WaitSleepJoin)),
            "both workers to fall asleep in the empty queue");

        var ended = pool.Shutdown(Bounded.Timeout);

        ended.ShouldBe(true, $"{workers.Count(worker => worker.IsAlive)} workers still waited for a job after the shutdown");
    }

    // The last koans put your pool to work: a crawler over a small site kept in memory. Every page lists the
    // pages it links to. "faq" links back to "home", so links followed blindly go round for ever; fetching
    // "shop" fails; and nothing links to "drafts".
    private static readonly Dictionary<string, string[]> Site = new()
    {
        ["home"] = ["about", "blog", "shop"],
        ["about"] = ["team", "home"],
        ["blog"] = ["archive", "about"],
        ["team"] = ["faq"],
        ["faq"] = ["home"],
        ["archive"] = [],
        ["shop"] = ["checkout"],
        ["checkout"] = [],
        ["drafts"] = ["home"],
    };

    private static string[] Fetch(string page) =>
        page == "shop" ? throw new IOException("GET /shop: the server answered 503") : Site[page];

    // A crawl on your pool. Follow claims a page in the visited set and submits a job for it; the page's job
    // fetches the page and follows every link on it. TryAdd claims and checks in one step, so of two jobs
    // that find the same link at once, only one submits a job for it.
    private sealed class Crawl(WorkerPool pool, Func<string, string[]> fetch)
    {
        public ConcurrentDictionary<string, bool> Visited { get; } = new();

        public ConcurrentDictionary<string, int> Fetches { get; } = new();

        public void Follow(string page)
        {
            if (Visited.TryAdd(page, true))
            {
                pool.Submit(() => Visit(page));
            }
        }

        private void Visit(string page)
        {
            Fetches.AddOrUpdate(page, 1, (_, fetched) => fetched + 1);
            foreach (var link in fetch(page))
            {
                Follow(link);
            }
        }
    }

    // One job to start with is enough: every page job submits jobs for the pages it links to.
    [Koan(
        "Follow the links from \"home\" on paper. How many pages does the crawl claim?")]
    public void EveryPageJobSubmitsJobsForTheLinksItFinds()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2 });
        var crawl = new Crawl(pool, Fetch);

        crawl.Follow("home");

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the crawl was still going after 1 s");
        crawl.Visited.ContainsKey("drafts").ShouldBeFalse("the crawl found a page that nothing links to");
        crawl.Visited.Count.ShouldBe(7);
    }

    // Without a visited set a cycle of links never ends; with one, every page is fetched once.
    [Koan(
        "Three pages of the site link to \"home\", and the crawl went round the cycle. How often was \"home\" fetched?")]
    public void TheVisitedSetMakesACycleHarmless()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2 });
        var crawl = new Crawl(pool, Fetch);

        crawl.Follow("home");

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the crawl was still going round after 1 s");
        crawl.Fetches.Values.ShouldAllBe(fetched => fetched == 1, "some page was fetched more than once");
        crawl.Fetches.GetValueOrDefault("home").ShouldBe(1);
    }

    // An empty queue does not mean the crawl is done: a page job still running may find more pages.
    [Koan(
        "The queue is empty, but the blog page is still being fetched. Is the pool idle?")]
    public void TheQueueRunsDryLongBeforeTheCrawlIsDone()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2 });
        using var gate = new ManualResetEventSlim();
        using var fetchingBlog = new ManualResetEventSlim();
        var crawl = new Crawl(pool, page =>
        {
            if (page == "blog")
            {
                fetchingBlog.Set();
                gate.Wait(Bounded.Timeout);
            }

            return Fetch(page);
        });
        try
        {
            crawl.Follow("home");
            Bounded.Wait(fetchingBlog, "the blog page's job to start");
            Bounded.Until(() => pool.QueueLength == 0, "the other worker to empty the queue");

            pool.WaitForIdle(TimeSpan.Zero).ShouldBe(false);
            crawl.Visited.ContainsKey("archive").ShouldBeFalse("the crawl found a page only the blog links to before the blog was fetched");
        }
        finally
        {
            gate.Set();
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the crawl was still going after 1 s");
        crawl.Visited.ContainsKey("archive").ShouldBeTrue("the page the blog links to was never found: the crawl stopped when the queue was empty");
    }

    // A page that fails costs one job, not the crawl: the worker counts the failure and takes the next job.
    [Koan("Fetching \"shop\" throws. How many jobs failed?")]
    public void APageThatFailsIsCountedAndTheCrawlGoesOn()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2 });
        var crawl = new Crawl(pool, Fetch);

        crawl.Follow("home");

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the crawl was still going after 1 s");
        crawl.Visited.ContainsKey("checkout").ShouldBeFalse("the crawl found a link on a page it never managed to fetch");
        (pool.Completed + pool.Failed).ShouldBe(crawl.Visited.Count, "a page the crawl claimed never ended, well or badly");
        pool.LastFailure.ShouldBeOfType<IOException>("the pool should keep what the failing page job threw");
        pool.Failed.ShouldBe(1);
    }

    // A page with many links puts a long frontier in the queue, and the pool grows to meet it.
    [Koan(
        "The index page links to twelve pages, and every page takes its time. How many workers does the pool have?")]
    public void ALongFrontierGrowsThePool()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 3 });
        using var gate = new ManualResetEventSlim();
        var index = Enumerable.Range(1, 12).Select(n => $"page-{n}").ToArray();
        var crawl = new Crawl(pool, page =>
        {
            if (page == "index")
            {
                return index;
            }

            gate.Wait(Bounded.Timeout);
            return [];
        });
        try
        {
            crawl.Follow("index");
            Bounded.Until(() => pool.Completed == 1, "the index page's job to submit its links and end");

            pool.WorkerCount.ShouldBe(3);
        }
        finally
        {
            gate.Set();
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the crawl was still going after 1 s");
        pool.Completed.ShouldBe(13, "some page of the frontier was never fetched");
    }

    // The whole story: a rush, a pool that grows to meet it, every job done, and a clean end.
    [Koan(
        "The rush is over, every job is done, and the pool shuts down. How many of its workers are still alive after that?")]
    public void YourPoolRidesOutARushAndEndsEveryWorkerAtShutdown()
    {
        var clock = new ManualTime();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 4, Clock = clock });
        var rush = SnapshotOfARush(pool, jobs: 24, busy: 4);

        rush.Workers.Count.ShouldBe(4, "the queue was long, and the pool did not grow to its maximum");
        rush.QueueLength.ShouldBe(20, "the snapshot lost count of the jobs that waited");
        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("jobs were still pending after 1 s");
        clock.Advance(TimeSpan.FromSeconds(2));
        var after = pool.Snapshot();
        new[] { after.QueueLength, after.Busy, after.Idle }.ShouldBe(
            new[] { 0, 0, 4 }, "once the rush was over, a worker still looked busy or a job still waited");
        after.CompletedPerSecondSince(rush).ShouldBe(12.0, "twenty-four jobs done in the two seconds of the pool's clock");

        var workers = pool.Threads;
        var ended = pool.Shutdown(Bounded.Timeout);
        workers.Count(worker => worker.IsAlive).ShouldBe(0, $"Shutdown said {ended}: a worker still alive after it waits for jobs that never come");
    }

    // Submits `jobs` jobs at once, each held at a gate, and takes a snapshot once `busy` workers hold one; then
    // opens the gate (which the jobs still use: it is never disposed). The pool's clock stands still meanwhile.
    private static PoolSnapshot SnapshotOfARush(WorkerPool pool, int jobs, int busy)
    {
        var gate = new ManualResetEventSlim();
        try
        {
            for (var job = 1; job <= jobs; job++)
            {
                pool.Submit(() => gate.Wait(Bounded.Timeout));
            }

            Bounded.Until(() => pool.Snapshot().Busy == busy, $"{busy} workers to be busy");
            return pool.Snapshot();
        }
        finally
        {
            gate.Set();
        }
    }

    // Submits that many jobs, each of which holds its worker until the gate opens (never longer than 1 s).
    private static void SubmitJobsHeldBy(ManualResetEventSlim gate, WorkerPool pool, int jobs)
    {
        for (var job = 1; job <= jobs; job++)
        {
            pool.Submit(() => gate.Wait(Bounded.Timeout));
        }
    }

    // Submits one job for each of that many workers and returns once every one of them runs it (`what` is awaited);
    // each job then holds its worker until the gate opens (never longer than 1 s).
    private static void GiveEachWorkerAJobHeldBy(ManualResetEventSlim gate, WorkerPool pool, int workers, string what)
    {
        var running = new CountdownEvent(workers);
        for (var job = 1; job <= workers; job++)
        {
            pool.Submit(() =>
            {
                running.Signal();
                gate.Wait(Bounded.Timeout);
            });
        }

        Bounded.Wait(running, what);
    }

    // A started background thread, "submitter", that submits that many jobs to the pool one after the other and counts
    // each one Submit has taken; if the pool is disposed while it still waits to submit, it stops.
    private sealed class SubmitterThread
    {
        private int _submitted;

        public SubmitterThread(WorkerPool pool, int jobs, Action job)
        {
            Thread = new Thread(() =>
            {
                try
                {
                    for (var n = 1; n <= jobs; n++)
                    {
                        pool.Submit(job);
                        Interlocked.Increment(ref _submitted);
                    }
                }
                catch (InvalidOperationException)
                {
                    // The pool was disposed while the submitter still waited: the koan has already failed.
                }
            })
            { IsBackground = true, Name = "submitter" };
            Thread.Start();
        }

        public Thread Thread { get; }

        public int Submitted => Volatile.Read(ref _submitted);
    }
}
