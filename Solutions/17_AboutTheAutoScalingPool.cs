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
        "Ten jobs, and each goes its own way. What do the two counters say once the pool is idle?")]
    public void EveryJobEndsCompletedOrFailedBeforeThePoolIsIdle()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2 });
        for (var job = 1; job <= 10; job++)
        {
            var number = job;
            pool.Submit(() =>
            {
                if (number % 4 == 0)
                {
                    throw new InvalidOperationException($"job {number} went wrong");
                }

                if (number % 3 == 0)
                {
                    try
                    {
                        throw new IOException($"job {number} lost its connection");
                    }
                    catch (IOException)
                    {
                        // The job deals with this failure itself, and goes on.
                    }
                }
            });
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("jobs were still pending after 1 s");
        new[] { pool.Completed, pool.Failed }.ShouldBe(new long[] { 8, 2 }, "completed, failed");
        pool.Pending.ShouldBe(0, "an idle pool has no job left to count");
    }

    // A snapshot is the one look a monitor needs: what waits, who works, what is done, all at one moment.
    [Koan(
        "Write what the snapshot saw: how many jobs waited, how many workers were busy, how many idle.")]
    public void ASnapshotShowsTheQueueAndWhoIsBusyAtOneMoment()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 2 });
        using var gate = new ManualResetEventSlim();
        PoolSnapshot snapshot;
        try
        {
            pool.Submit(() => { });
            Bounded.Until(() => pool.Completed == 1, "the first job to be completed");
            SubmitJobsHeldBy(gate, pool, jobs: 6);

            Bounded.Until(() => pool.Snapshot().Busy == 2, "both workers to be busy with a job");
            snapshot = pool.Snapshot();
        }
        finally
        {
            gate.Set();
        }

        new[] { snapshot.QueueLength, snapshot.Busy, snapshot.Idle }.ShouldBe(new[] { 4, 2, 0 }, "waiting, busy, idle");
        snapshot.Completed.ShouldBe(1, "the snapshot lost count of the job done before it");
        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("jobs were still pending after 1 s");
    }

    // A scaling policy is three numbers: the workers the pool always has, the most it may have, and how long the queue may grow.
    [Koan(
        "Read what the koan asks of the pool, batch after batch, and write the three numbers that make it so.")]
    public void TheScalingPolicyIsThreeNumbersInThePoolOptions()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 3, MaxWorkers = 4, GrowWhenQueueOver = 5 });
        using var gate = new ManualResetEventSlim();
        try
        {
            pool.WorkerCount.ShouldBe(3, "the workers the pool has before any job");
            SubmitJobsHeldBy(gate, pool, jobs: 3);
            Bounded.Until(() => pool.Snapshot().Busy == 3, "every worker to be busy with a job");
            SubmitJobsHeldBy(gate, pool, jobs: 5);
            pool.WorkerCount.ShouldBe(3, "five jobs wait, and the pool grew");
            SubmitJobsHeldBy(gate, pool, jobs: 1);
            pool.WorkerCount.ShouldBe(4, "six jobs wait, and the pool did not grow by one worker");
            SubmitJobsHeldBy(gate, pool, jobs: 6);
            pool.WorkerCount.ShouldBe(4, "eleven jobs wait, and the pool grew again");
        }
        finally
        {
            gate.Set();
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("jobs were still pending after 1 s");
    }

    // A graceful shutdown takes no new jobs but keeps its promise to the ones already queued.
    [Koan(
        "The pool is told to shut down twice: first with no time to wait, then with a second. Write the log.")]
    public void AGracefulShutdownFinishesTheQueuedJobs()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        using var gate = new ManualResetEventSlim();
        var log = new ConcurrentQueue<string>();
        int queued;
        try
        {
            HoldWorkers(pool, gate, 1, () => log.Enqueue("home"));
            pool.Submit(() => log.Enqueue("about"));
            pool.Submit(() => log.Enqueue("blog"));

            // Given no time at all, Shutdown closes the queue and says at once whether the workers have ended.
            log.Enqueue($"Shutdown(no time) says {pool.Shutdown(TimeSpan.Zero)}");
            queued = pool.QueueLength;
        }
        finally
        {
            gate.Set();
        }

        log.Enqueue($"Shutdown(1 s) says {pool.Shutdown(Bounded.Timeout)}");
        var happened = log.ToArray();
        happened.ShouldBe(new[] { "Shutdown(no time) says False", "home", "about", "blog", "Shutdown(1 s) says True" }, WhatTheShutdownDid(happened, queued));
    }

    // What the log of a graceful shutdown says about the pool, for the failure message; `queued`: the jobs still in the
    // queue right after Shutdown(TimeSpan.Zero).
    private static string WhatTheShutdownDid(string[] log, int queued) =>
        log.Contains("Shutdown(no time) says True")
            ? "Shutdown(TimeSpan.Zero) returned only once the jobs had run: it waited for every job to run, though it was given no time at all "
                + "(a Join without a time limit?)"
        : queued < 2
            ? $"right after Shutdown(TimeSpan.Zero) only {queued} of the two queued jobs were still in the queue: jobs left the queue without running "
                + "(a shutdown that takes them out throws work away)"
        : !log.Contains("blog")
            ? "queued jobs never ran: the worker's loop ended while jobs were still in the queue; it should end only once the queue is closed and empty"
        : log.Contains("Shutdown(1 s) says False")
            ? "the second Shutdown waited its whole second in vain: the worker's loop still waits for more jobs. Does StopTakingJobs tell the queue that "
                + "no more will come, and does the worker's take end when the queue is closed and empty?"
        : "what the pool and the koan logged, in order";

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
        "During the graceful shutdown the page jobs still run, and some find new links. What do the two counters say once the worker has ended?")]
    public void SubmitAfterShutdownIsRefusedWithAClearMessage()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        using var gate = new ManualResetEventSlim();
        // A page job: it submits a job for every link it finds on its page.
        void Page(params string[] links) => Array.ForEach(links, link => pool.Submit(() => { }));
        try
        {
            HoldWorkers(pool, gate, 1, () => Page("about"));
            pool.Submit(() => Page());
            pool.Submit(() => Page("team", "faq"));
            pool.Shutdown(TimeSpan.Zero);
        }
        finally
        {
            gate.Set();
        }

        pool.Shutdown(Bounded.Timeout).ShouldBeTrue("the worker did not end after the shutdown");
        new[] { pool.Completed, pool.Failed }.ShouldBe(new long[] { 1, 2 }, "completed, failed");
        var refusal = pool.LastFailure.ShouldBeAssignableTo<InvalidOperationException>(
            "a shut-down pool refuses a job with an InvalidOperationException: the call does not fit the state the pool is in")!;
        refusal.Message.ShouldContain("shut", Case.Insensitive, $"the refusal does not say that the pool was shut down: \"{refusal.Message}\"");
        pool.Pending.ShouldBe(0, "the refused jobs never got into the queue, yet the pool counts them as pending");
    }

    // Stopping now must not lose work silently: the jobs that never ran come back to the caller.
    [Koan(
        "Each of the two workers holds a page job, and more wait, when the pool stops at once. Which jobs does ShutdownNow hand back?")]
    public void AnImmediateShutdownHandsBackTheJobsItDropped()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 2 });
        using var gate = new ManualResetEventSlim();
        using var running = new CountdownEvent(2);
        void HeldAtTheGate()
        {
            running.Signal();
            gate.Wait(Bounded.Timeout);
        }

        var jobs = new NamedJobs();
        IReadOnlyList<Action> dropped;
        try
        {
            pool.Submit(jobs.Named("home", HeldAtTheGate));
            pool.Submit(jobs.Named("about", HeldAtTheGate));
            Bounded.Wait(running, "both workers to start a job");
            Array.ForEach(["blog", "shop", "team"], page => pool.Submit(jobs.Named(page)));

            dropped = pool.ShutdownNow();
        }
        finally
        {
            gate.Set();
        }

        pool.Threads.ToList().ForEach(worker => Bounded.Join(worker, "a stopped pool's worker ends when its running job does"));
        pool.WaitForIdle(TimeSpan.Zero).ShouldBeTrue("the pool still counts jobs as pending that will never run");
        jobs.NamesOf(dropped).ShouldBe(new[] { "blog", "shop", "team" }, WhatShutdownNowDid(jobs.NamesOf(dropped), jobs.Ran));
        jobs.Ran.Intersect(jobs.NamesOf(dropped)).ShouldBeEmpty(
            "jobs ShutdownNow handed back ran all the same: it handed back copies and left the jobs in the queue");
    }

    // What ShutdownNow handed back, and what ran, say about it, for the failure message.
    private static string WhatShutdownNowDid(string[] dropped, string[] ran) =>
        dropped.Length == 0 && ran.Length > 2
            ? "ShutdownNow handed back no job, and the queued jobs ran after it: it must take them out of the queue"
        : dropped.Length == 0
            ? "the queued jobs neither ran nor came back: ShutdownNow took them out of the queue and lost them"
        : dropped.Order(StringComparer.Ordinal).SequenceEqual(dropped)
            ? "the jobs ShutdownNow handed back, in its order"
        : "the jobs ShutdownNow handed back, in its order: is it the order they were queued in?";

    // Jobs a failure message can name: a delegate prints only as System.Action, so that three jobs would read as
    // one. Each job made here does `first` (if given), then notes its name in Ran; NamesOf gives the names of jobs made here.
    private sealed class NamedJobs
    {
        private readonly Dictionary<Action, string> _names = new(ReferenceEqualityComparer.Instance);
        private readonly ConcurrentQueue<string> _ran = new();

        public string[] Ran => _ran.ToArray();

        public Action Named(string name, Action? first = null)
        {
            Action job = () =>
            {
                first?.Invoke();
                _ran.Enqueue(name);
            };
            _names[job] = name;
            return job;
        }

        public string[] NamesOf(IEnumerable<Action> jobs) => jobs.Select(job => _names.GetValueOrDefault(job, "a job with no name")).ToArray();
    }

    // A bounded queue makes a fast submitter wait for slow workers, instead of piling up jobs without end.
    [Koan(
        "The worker holds a job, and a submitter thread submits four more. Once it waits: how many has Submit taken, how many wait in the queue, " +
        "how many are pending?")]
    public void ABoundedQueuePushesBackOnTheSubmitter()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1, Capacity = 2 });
        using var gate = new ManualResetEventSlim();
        SubmitterThread? submitter = null;
        try
        {
            GiveEachWorkerAJobHeldBy(gate, pool, workers: 1, "the first job to start");
            // A thread that submits four jobs held by the gate, one after the other, and counts each one Submit has taken.
            submitter = new SubmitterThread(pool, jobs: 4, job: () => gate.Wait(Bounded.Timeout));
            Bounded.UntilSteady(() => !submitter.Thread.IsAlive || Background.IsWaiting(submitter.Thread), "the submitter to wait, or to end");
            submitter.Thread.IsAlive.ShouldBeTrue("the submitter put all four jobs in without ever waiting: was the queue made with the pool's Capacity?");

            new[] { submitter.Submitted, pool.QueueLength, pool.Pending }.ShouldBe(new[] { 2, 2, 4 }, WhenTheSubmitterWaited(pool));
        }
        finally
        {
            gate.Set();
        }

        Bounded.Join(submitter.Thread, "it still waits with its last job: the queue stayed full");
        submitter.Submitted.ShouldBe(4, "a job never got into the queue");
        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("jobs were still pending after 1 s");
    }

    // What the queue held when the submitter had to wait, for the failure message.
    private static string WhenTheSubmitterWaited(WorkerPool pool) =>
        $"taken by Submit, waiting in the queue, pending: the queue held {pool.QueueLength} jobs when the submitter had to wait, "
        + $"and the pool's Capacity is {pool.Options.Capacity}";

    // A submitter that must not wait for ever asks for a place and hears "no" in good time.
    [Koan(
        "The worker holds a job. Five pages are offered with TrySubmit: four may wait 20 ms each, the last may wait a second. Which pages got in?")]
    public void TrySubmitGivesUpWhenTheQueueStaysFull()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1, Capacity = 2 });
        using var gate = new ManualResetEventSlim();
        var held = JobHeldBy(gate, pool);
        List<string> accepted;
        try
        {
            accepted = Offered(pool, TimeSpan.FromMilliseconds(20), "about", "blog", "team", "faq");
            // The gate opens while the last page waits for a place: then the worker ends its held job and takes another.
            OpenOnceWaiting(gate, Thread.CurrentThread);
            accepted.AddRange(Offered(pool, Bounded.Timeout, "shop"));
        }
        finally
        {
            gate.Set();
        }

        accepted.ToArray().ShouldBe(new[] { "about", "blog", "shop" }, WhatTrySubmitDid(accepted, held));
        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("jobs were still pending 1 s after the gate opened: a job that was turned away still counts as pending");
    }

    // What the pages that got in say about TrySubmit, for the failure message.
    private static string WhatTrySubmitDid(List<string> accepted, HeldJob held) =>
        held.GaveUp
            ? "the held job gave up waiting at its gate after 1 s while TrySubmit was still waiting: TrySubmit must give up once the time it was "
                + "given has passed"
        : !accepted.Contains("shop")
            ? "the last page was turned away, though a place came free while it was allowed to wait: does TrySubmit wait as long as it is given?"
        : "the pages that got in";

    // Offers a job for each page with TrySubmit, each allowed to wait `wait`, and gives the pages that got in.
    private static List<string> Offered(WorkerPool pool, TimeSpan wait, params string[] pages) =>
        pages.Where(page => pool.TrySubmit(() => { }, wait)).ToList();

    // Starts a thread, "opener", that opens the gate once `waiter` has been waiting (WaitSleepJoin) for a while without a
    // break, or after 1 s.
    private static void OpenOnceWaiting(ManualResetEventSlim gate, Thread waiter) => Background.Started("opener", () =>
    {
        long? since = null;
        SpinWait.SpinUntil(() =>
        {
            since = Background.IsWaiting(waiter) ? since ?? Environment.TickCount64 : null;
            return Environment.TickCount64 - since >= Bounded.Steady.TotalMilliseconds;
        }, Bounded.Timeout);
        gate.Set();
    });

    // Submits a job that holds the pool's one worker at the gate (never longer than 1 s), and returns once it runs.
    private static HeldJob JobHeldBy(ManualResetEventSlim gate, WorkerPool pool)
    {
        var held = new HeldJob();
        using var running = new ManualResetEventSlim();
        pool.Submit(() =>
        {
            running.Set();
            held.GaveUp = !gate.Wait(Bounded.Timeout);
        });
        Bounded.Wait(running, "the first job to start");
        return held;
    }

    // Whether a held job gave up waiting at its gate (its 1 s ran out before the gate opened).
    private sealed class HeldJob
    {
        private volatile bool _gaveUp;

        public bool GaveUp
        {
            get => _gaveUp;
            set => _gaveUp = value;
        }
    }

    // Workers started for a rush cost threads for ever unless they leave when the rush is over; the next rush starts new ones.
    [Koan(
        "One long job holds the first worker all along, while two rushes come and go. Which workers does the pool have during the second rush?")]
    public void AnIdleExtraWorkerRetiresAfterTheKeepAlive()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 2, GrowWhenQueueOver = 1, KeepAlive = TimeSpan.FromMilliseconds(20) });
        using var longJob = new ManualResetEventSlim();
        using var firstRush = new ManualResetEventSlim();
        using var secondRush = new ManualResetEventSlim();
        string[] duringTheSecondRush;
        try
        {
            GiveEachWorkerAJobHeldBy(longJob, pool, workers: 1, "the long job to start");
            SubmitJobsHeldBy(firstRush, pool, jobs: 2);
            var firstRushWorkers = pool.Threads;
            firstRushWorkers.Count.ShouldBe(2, "two jobs waited, but no extra worker came");
            firstRush.Set();
            Bounded.Until(() => pool.WorkerCount < 2, "the idle extra worker to leave the pool");
            Bounded.Join(firstRushWorkers.Except(pool.Threads).Single(), "it left the pool's list of workers, but its thread goes on");

            SubmitJobsHeldBy(secondRush, pool, jobs: 2);
            duringTheSecondRush = pool.Snapshot().Workers.Select(worker => worker.Name).ToArray();
        }
        finally
        {
            longJob.Set();
            firstRush.Set();
            secondRush.Set();
        }

        duringTheSecondRush.ShouldBe(new[] { "worker-1", "worker-3" }, "the names of the pool's workers during the second rush");
        pool.Shutdown(Bounded.Timeout).ShouldBeTrue(
            "a worker with a keep-alive still ran 1 s after the shutdown: does its loop end when the queue is closed and empty (IsCompleted)?");
    }

    // Shrinking stops at the minimum: the workers the pool must always have stay, whatever each of them is doing.
    [Koan(
        "A long job still runs when the rush is over. Once the pool has shrunk, how many of its workers are busy, and how many idle?")]
    public void RetiringNeverTakesThePoolBelowItsMinimum()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 3, MaxWorkers = 4, GrowWhenQueueOver = 1, KeepAlive = TimeSpan.FromMilliseconds(20) });
        using var longJob = new ManualResetEventSlim();
        using var rush = new ManualResetEventSlim();
        PoolSnapshot shrunk;
        try
        {
            GiveEachWorkerAJobHeldBy(longJob, pool, workers: 1, "the long job to start");
            GiveEachWorkerAJobHeldBy(rush, pool, workers: 2, "the two other workers to start a job of the rush");
            SubmitJobsHeldBy(rush, pool, jobs: 2);
            pool.WorkerCount.ShouldBe(4, "two jobs waited, but no extra worker came");
            rush.Set();
            Bounded.Until(() => pool.Pending == 1, "every job of the rush to end");
            Bounded.Until(() => pool.WorkerCount < 4, "an idle extra worker to leave the pool");
            // Fifty milliseconds, more than two keep-alives: every idle worker left waits for a job in vain at least once more.
            SpinWait.SpinUntil(() => pool.WorkerCount < 3, Bounded.Brief)
                .ShouldBeFalse("the idle pool went on shrinking: it has fewer workers than it must always keep");
            shrunk = pool.Snapshot();
        }
        finally
        {
            longJob.Set();
            rush.Set();
        }

        new[] { shrunk.Busy, shrunk.Idle }.ShouldBe(new[] { 1, 2 }, "busy, idle");
        using var done = new ManualResetEventSlim();
        pool.Submit(done.Set);
        Bounded.Wait(done, "a job submitted after the pool shrank to run");
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

    // A crawl on your pool. Follow counts a link found, claims its page in the visited set and submits a job for it; the
    // page's job fetches the page and follows every link on it. TryAdd claims and checks in one step, so of two jobs
    // that find the same link at once, only one submits a job for it.
    private sealed class Crawl(WorkerPool pool, Func<string, string[]> fetch)
    {
        public ConcurrentDictionary<string, bool> Visited { get; } = new();

        public ConcurrentDictionary<string, int> Found { get; } = new();

        public ConcurrentDictionary<string, int> Fetches { get; } = new();

        public void Follow(string page)
        {
            Found.AddOrUpdate(page, 1, (_, found) => found + 1);
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

    // Without a visited set a cycle of links never ends; with one, a page found again and again is fetched once.
    [Koan(
        "The crawl went round the cycle back to \"home\". How many times was \"home\" found, and how many times fetched?")]
    public void TheVisitedSetMakesACycleHarmless()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2 });
        var crawl = new Crawl(pool, Fetch);

        crawl.Follow("home");

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the crawl was still going round after 1 s");
        new[] { crawl.Found.GetValueOrDefault("home"), crawl.Fetches.GetValueOrDefault("home") }.ShouldBe(new[] { 3, 1 }, "found, fetched");
    }

    // An empty queue does not mean the crawl is done: a page job still running may find more pages.
    [Koan(
        "The queue ran dry while the blog page was still being fetched. Which pages did the crawl find after that?")]
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
        string[] foundBefore;
        try
        {
            crawl.Follow("home");
            Bounded.Wait(fetchingBlog, "the blog page's job to start");
            Bounded.Until(() => pool.QueueLength == 0 && pool.Pending == 1, "every page job but the blog's to end");
            pool.WaitForIdle(TimeSpan.Zero).ShouldBeFalse("the pool said it was idle while the blog page was still being fetched");
            foundBefore = crawl.Visited.Keys.ToArray();
        }
        finally
        {
            gate.Set();
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the crawl was still going after 1 s");
        crawl.Visited.Keys.Except(foundBefore).ToArray().ShouldBe(new[] { "archive" }, "the pages found after the queue ran dry");
    }

    // A page that fails costs one job, not the crawl: the worker counts the failure and takes the next job.
    [Koan("Fetching \"shop\" throws. Which pages of the site did the crawl never find? Write them in alphabetical order.")]
    public void APageThatFailsIsCountedAndTheCrawlGoesOn()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2 });
        var crawl = new Crawl(pool, Fetch);

        crawl.Follow("home");

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the crawl was still going after 1 s");
        (pool.Completed + pool.Failed).ShouldBe(crawl.Visited.Count, "a page the crawl claimed never ended, well or badly");
        pool.LastFailure.ShouldBeOfType<IOException>("the pool should keep what the failing page job threw");
        var neverFound = Site.Keys.Except(crawl.Visited.Keys).Order(StringComparer.Ordinal).ToArray();
        neverFound.ShouldBe(new[] { "checkout", "drafts" }, "the pages the crawl never found");
        pool.Failed.ShouldBe(1, "the one page that failed was not counted once");
    }

    // A page with many links puts a long frontier in the queue, and the pool grows to meet it.
    [Koan(
        "The index page's job has submitted its links, and every worker holds a page. How many pages wait in the queue?")]
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
            Bounded.Until(
                () => pool.Completed == 1 && pool.Snapshot().Busy == pool.WorkerCount, "the index page's job to end, and every worker to hold a page");

            pool.QueueLength.ShouldBe(9, "the pages that wait");
        }
        finally
        {
            gate.Set();
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("the crawl was still going after 1 s");
        pool.Completed.ShouldBe(13, "some page of the frontier was never fetched");
    }

    // The whole story: a rush, a pool that grows to meet it, every job done, and a clean end, where even the workers
    // asleep in a take with no time limit wake and leave their loops once the queue is closed.
    [Koan(
        "Follow the monitor through a rush: before it, at its height, once it is over, and after the shutdown. Write its four lines.")]
    public void YourPoolRidesOutARushAndEndsEveryWorkerAtShutdown()
    {
        var clock = new ManualTime();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 4, Clock = clock });
        var monitor = new List<string> { Line(pool.Snapshot()) };
        var rush = SnapshotOfARush(pool, jobs: 24, busy: 4);
        monitor.Add(Line(rush));
        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("jobs were still pending after 1 s");
        clock.Advance(TimeSpan.FromSeconds(2));
        var after = pool.Snapshot();
        monitor.Add($"{Line(after)}, {after.CompletedPerSecondSince(rush)} done per second");

        var workers = pool.Threads;
        var ended = pool.Shutdown(Bounded.Timeout);
        monitor.Add($"shut down: {workers.Count(worker => worker.IsAlive)} of {workers.Count} workers alive");
        monitor.ToArray().ShouldBe(
            new[]
            {
                "2 workers, 0 busy, 0 waiting", "4 workers, 4 busy, 20 waiting", "4 workers, 0 busy, 0 waiting, 12 done per second",
                "shut down: 0 of 4 workers alive",
            },
            ended ? "the monitor's four lines" : "Shutdown said False: workers still waited for a job after the shutdown, for jobs that never come");
    }

    // One line of the monitor: a snapshot's workers, busy workers and waiting jobs.
    private static string Line(PoolSnapshot snapshot) =>
        $"{snapshot.Workers.Count} workers, {snapshot.Busy} busy, {snapshot.QueueLength} waiting";

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
