namespace Koans;

[Topic("""
    A thread per job is the expensive way. A worker is a thread started once that loops: take the next job
    from a blocking queue (asleep while it is empty), run it, go back for more. A good worker survives a
    job that throws, has a name, runs in the background and stops cleanly. A few workers over one queue
    are a pool: from here on you build one, in WorkerPool.cs.
    """)]
public class AboutWorkerLoops
{
    // A thread started once and looping over a queue does job after job; nobody starts a thread per job.
    [Koan(
        "The worker thread starts, but its body is empty. Give it a loop that takes each job from the queue and runs it.")]
    public void AWorkerIsALoopThatKeepsTakingJobs()
    {
        var jobs = new BlockingCollection<Action>();
        var ranOn = new ConcurrentQueue<string>();
        var allDone = new CountdownEvent(3);
        var worker = new Thread(() =>
        {
            ___();
        })
        { IsBackground = true, Name = "worker" };
        worker.Start();

        for (var n = 1; n <= 3; n++)
        {
            jobs.Add(() =>
            {
                Step.Act("runs a job");
                ranOn.Enqueue(Thread.CurrentThread.Name ?? "a nameless thread");
                allDone.Signal();
            });
        }

        Bounded.Wait(allDone, "the worker to do all three jobs");
        jobs.CompleteAdding();
        Bounded.Join(worker, "the queue is closed and empty, so its loop should have ended");
        ranOn.ToArray().ShouldBe(new[] { "worker", "worker", "worker" }, "one thread should have done every job");
    }

    // A loop that keeps asking an empty queue for work burns a core for nothing; a blocking take asks once and sleeps until a job comes.
    [Koan(
        "Both loops get the same jobs, one at a time, each once the loop has come back for more. How often has the sleeping loop asked its queue?")]
    public void ABlockingTakeSleepsWhereABusyLoopKeepsAsking()
    {
        // Each loop counts an ask, then asks its queue for a job: the busy one looks and asks again at once, the sleeping one waits there.
        long busyAsks;
        using (var busy = new AskingLoop("busy loop", queue => queue.TryTake(out var job) ? job : null))
        {
            busy.GiveJobsOneAtATime(3);
            busyAsks = busy.Asks;
        }

        using var sleeping = new AskingLoop("sleeping loop", queue => queue.TryTake(out var job, Timeout.Infinite) ? job : null);
        sleeping.GiveJobsOneAtATime(3);

        sleeping.Asks.ShouldBe(__, $"for the same jobs the busy loop asked {busyAsks} times");
    }

    // A catch around the whole loop stops the crash, but the worker leaves its loop with the exception: one bad job ends it.
    [Koan(
        "The second job throws, and the catch is outside the loop. How many jobs ran, and how many still wait in the queue?")]
    public void ACatchAroundTheWholeLoopLetsOneBadJobEndTheWorker()
    {
        var jobs = new BlockingCollection<Action>();
        var ran = 0;
        Exception? caught = null;
        jobs.Add(() => ran++);
        jobs.Add(() => throw new InvalidOperationException("the second job goes wrong"));
        jobs.Add(() => ran++);
        jobs.Add(() => ran++);
        jobs.CompleteAdding();
        var worker = Background.Started("worker", () =>
        {
            try
            {
                foreach (var job in jobs.GetConsumingEnumerable())
                {
                    job();
                }
            }
            catch (InvalidOperationException failure)
            {
                caught = failure;
            }
        });

        Bounded.Join(worker, "the queue was closed before the worker started, so it had a known amount of work");
        caught.ShouldNotBeNull("the second job's exception never reached the catch");
        new[] { ran, jobs.Count }.ShouldBe(__, "jobs that ran, jobs left in the queue");
    }

    // A pool is that same loop, run by a few workers over one shared queue: you hand the pool jobs, its workers do them.
    [Koan(
        "Your pool's workers wait in its queue before any job comes. Hand each job to the pool; then make your workers take them, run them and count them.")]
    public void YourWorkersTakeJobsAndRunThem()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 2 });
        WaitUntilEveryWorkerSleepsInTheQueue(pool);
        using var fifth = new HeldJob();
        var firstFourDone = new CountdownEvent(4);
        Action quick = () => firstFourDone.Signal();
        foreach (var job in new[] { quick, quick, quick, quick, fifth.Run })
        {
            // Hand the job to your pool.
            ___();
        }

        Bounded.Wait(firstFourDone, "the first four jobs to run: handed to your pool, taken by a worker that goes back for the next, and run");
        Bounded.Wait(fifth.Running, "a worker to start the fifth job");
        Bounded.Until(() => pool.Completed >= 4, "your pool to count the four jobs that have returned as completed");
        pool.Completed.ShouldBe(4, "the fifth job is still running, yet your pool counts it completed: count a job once it has returned, not before it runs");
    }

    // Named workers can be told apart in a debugger, a log or a monitor; background workers never keep a program from exiting.
    [Koan(
        "Your pool starts its workers in StartWorker: give each a name, and make them background threads. Then: what are the second pool's workers called?")]
    public void YourPoolStartsNamedBackgroundWorkers()
    {
        using var first = new WorkerPool(new PoolOptions { MinWorkers = 3, MaxWorkers = 3 });
        using var second = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 2 });

        first.Threads.Select(thread => thread.Name).ShouldBe(
            new[] { "worker-1", "worker-2", "worker-3" }, "your workers' names, worker-1, worker-2, ..., in the order they were started");
        first.Threads.Concat(second.Threads).Where(thread => !thread.IsBackground).Select(Bounded.Describe).ShouldBeEmpty(
            "foreground workers: waiting for jobs, they would keep the program from ever exiting");
        second.Threads.Select(thread => thread.Name).ToArray().ShouldBe(__);
    }

    // A job that throws is the job's failure, not the worker's: the worker counts it, keeps what it threw, and goes on to the next job.
    [Koan(
        "Some of the jobs throw, and the pool has one worker for all of them. What does the pool count?")]
    public void AJobThatThrowsDoesNotKillItsWorker()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        var lastRan = new ManualResetEventSlim();
        Step.Act("submits 4 jobs");
        pool.Submit(() => throw new InvalidOperationException("page 1 is broken"));
        pool.Submit(() => { });
        pool.Submit(() => throw new InvalidOperationException("page 3 is broken"));
        pool.Submit(lastRan.Set);

        // The last job is queued behind the failing ones, on the pool's only worker.
        WaitUntilItHasRunAndTheWorkersAreBack(pool, lastRan, "the last job to run");
        Bounded.Until(() => pool.Completed + pool.Failed == 4, "your pool to count every job, the ones that returned and the ones that threw");
        new[] { pool.Completed, pool.Failed }.ShouldBe(__, "jobs completed, jobs failed");
        (pool.LastFailure?.Message).ShouldBe("page 3 is broken", "the pool should keep what the last failing job threw, in LastFailure");
    }

    // While every worker is busy, the next job waits in the queue; the first worker to come back for more takes it.
    [Koan(
        "Each job holds its worker until the koan lets it go, and the koan lets one go. Which jobs are running now?")]
    public void OneQueueFeedsEveryWorker()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 2 });
        using var jobs = new HeldJobs(pool, count: 4);
        jobs.WaitUntilRunning(2, "two jobs to run, one on each worker");

        jobs.LetGo(2);

        jobs.Running.ShouldBe(__);
    }

    // A pool starts no thread per job: its few workers run every job between them, each going back to the queue for the next.
    [Koan(
        "The jobs meet in pairs at a barrier, so each pair needs two workers at the same time. How many jobs did each worker run?")]
    public void AFewWorkersRunManyJobsBetweenThem()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 2 });
        var inPairs = new Barrier(2);
        var ranOn = new ConcurrentQueue<string>();
        var allDone = new CountdownEvent(6);
        for (var n = 1; n <= 6; n++)
        {
            pool.Submit(() =>
            {
                ranOn.Enqueue(Thread.CurrentThread.Name ?? "a nameless thread");
                inPairs.SignalAndWait(Bounded.Timeout);
                allDone.Signal();
            });
        }

        Bounded.Wait(allDone, "every job to be done, two at a time");
        ranOn.GroupBy(name => name).Select(jobsOfOneWorker => jobsOfOneWorker.Count()).Order().ToArray().ShouldBe(__);
    }

    // A job's result has to travel back to whoever asked for it: a callback the job calls when it is done carries it.
    [Koan(
        "SubmitWithReply must give the pool a job that works the answer out and then hands it to reply.")]
    public void ADoneCallbackBringsEachResultBack()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 2 });
        var answers = new ConcurrentDictionary<int, int>();
        var replies = new CountdownEvent(4);
        void SubmitWithReply(Func<int> work, Action<int> reply)
        {
            ___();
        }

        for (var n = 1; n <= 4; n++)
        {
            var number = n;
            SubmitWithReply(() => number * number, square =>
            {
                answers[number] = square;
                replies.Signal();
            });
        }

        Bounded.Wait(replies, "a reply from each of the four jobs");
        answers.OrderBy(answer => answer.Key).Select(answer => answer.Value).ToArray().ShouldBe(new[] { 1, 4, 9, 16 });
    }

    // "No more jobs are coming" is the gentle stop: the queue takes no new job, and the worker finishes the queued ones before it leaves.
    [Koan(
        "The queue was closed while the worker was busy with its first job, and then one more job was offered. What does the log say?")]
    public void ClosingTheQueueLetsTheWorkerFinishWhatIsQueued()
    {
        var jobs = new BlockingCollection<Action>();
        var log = new ConcurrentQueue<string>();
        var job1 = QueueThreeJobsTheFirstHeld(jobs, log);
        var worker = StartThread("worker", () =>
        {
            while (!jobs.IsCompleted)
            {
                if (jobs.TryTake(out var job, Bounded.Timeout))
                {
                    job();
                }
            }
        });
        try
        {
            Bounded.Wait(job1.Started, "the worker to start job 1");
        }
        finally
        {
            jobs.CompleteAdding();
            OfferJob4(jobs, log);
            job1.LetFinish();
        }

        Bounded.Join(worker, "the queue is closed, so its loop should end once the queue is empty");
        log.ToArray().ShouldBe(__, "the log: what the queue refused and what the worker did, in order");
    }

    // A stop flag is never seen by a worker asleep in the queue; a cancelled stop token wakes it where it sleeps.
    [Koan(
        "Two workers sleep in empty queues: one checks a stop flag each turn of its loop, one hands Take a stop token. Both are told to stop. What does the log say?")]
    public void AStopTokenWakesAWorkerAsleepInAnEmptyQueue()
    {
        var flagJobs = new BlockingCollection<Action>();
        var tokenJobs = new BlockingCollection<Action>();
        var stopFlag = false;
        var stopToken = new CancellationTokenSource();
        var log = new ConcurrentQueue<string>();
        var flagWorker = StartWorker("flag worker", () => Volatile.Read(ref stopFlag), () => flagJobs.Take(), log);
        var tokenWorker = StartWorker("token worker", () => false, () => tokenJobs.Take(stopToken.Token), log);
        try
        {
            Bounded.Until(() => Background.IsWaiting(flagWorker) && Background.IsWaiting(tokenWorker), "both workers to fall asleep in their empty queues");
        }
        finally
        {
            // The stop, for both workers.
            Volatile.Write(ref stopFlag, true);
            stopToken.Cancel();
        }

        Bounded.Join(tokenWorker, "its stop token was cancelled while it slept in its queue");
        flagJobs.Add(() => log.Enqueue("the flag worker ran one more job"));
        Bounded.Join(flagWorker, "a job arrived, so it should have come round its loop and seen the flag");
        log.ToArray().ShouldBe(__);
    }

    // A stop token ends the loop at its next turn, even with jobs still waiting: those are not run, but not lost either.
    [Koan(
        "The stop token was cancelled while the worker was busy with its first job. Who did which job, in the end?")]
    public void AStopTokenLeavesTheQueuedJobsInTheQueue()
    {
        var jobs = new BlockingCollection<Action>();
        var stop = new CancellationTokenSource();
        var log = new ConcurrentQueue<string>();
        var job1 = QueueThreeJobsTheFirstHeld(jobs, log);
        // The cancelled token ends the loop with an OperationCanceledException, which StartThread catches.
        var worker = StartThread("worker", () =>
        {
            foreach (var job in jobs.GetConsumingEnumerable(stop.Token))
            {
                job();
            }
        });
        try
        {
            Bounded.Wait(job1.Started, "the worker to start job 1");
        }
        finally
        {
            stop.Cancel();
            job1.LetFinish();
        }

        Bounded.Join(worker, "the stop token was cancelled, so its loop should end at its next turn");
        jobs.CompleteAdding();
        Bounded.Join(StartThread("second worker", () => RunEveryJob(jobs)), "the queue was closed, so it should end once the queue is empty");
        log.ToArray().ShouldBe(__);
    }

    // The scenario below runs as the Main of a second process: your pool gets three jobs, and Main returns while the first still runs.
    public static void ExitWithJobsQueuedScenario()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        var firstStarted = new ManualResetEventSlim();
        var neverOpened = new ManualResetEventSlim();
        for (var n = 1; n <= 3; n++)
        {
            var job = n;
            pool.Submit(() =>
            {
                Console.WriteLine($"job {job}: started");
                firstStarted.Set();
                neverOpened.Wait(Timeout.Infinite);
                Console.WriteLine($"job {job}: finished");
            });
        }

        firstStarted.Wait(Bounded.Timeout);
        Console.WriteLine("main: returning");
    }

    // When the program ends, background workers end with it, mid-job: the jobs still queued are lost, and nobody is told.
    [Koan(
        "Main returned while job 1 was running and jobs 2 and 3 were queued. What did the child print, in order?",
        TimeoutSeconds = 15)]
    public void AtExitTheJobsStillQueuedAreLost()
    {
        var child = ChildProcess.Run(typeof(AboutWorkerLoops), nameof(ExitWithJobsQueuedScenario));
        child.Exited.ShouldBeTrue(child.Story);
        var lines = child.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldBe(__);
    }

    // Waits until every worker of the pool sleeps in its empty queue, and fails if one spins instead, or has ended.
    private static void WaitUntilEveryWorkerSleepsInTheQueue(WorkerPool pool)
    {
        var workers = pool.Threads;
        Bounded.UntilSteady(
            () => workers.All(worker => !worker.IsAlive || Background.IsWaiting(worker)),
            "your workers to fall asleep in the empty queue; a worker still Running with nothing to do is spinning round its loop instead of waiting in a take");
        workers.Where(worker => !worker.IsAlive).Select(Bounded.Describe).ShouldBeEmpty(
            "workers that ended before any job came: a worker's loop must wait for the next job, not stop when the queue is empty for a moment");
    }

    // Waits until `ran` is set and every worker of the pool sleeps in its queue again: the job that set it is over, and so
    // is all its worker did after it.
    private static void WaitUntilItHasRunAndTheWorkersAreBack(WorkerPool pool, ManualResetEventSlim ran, string what)
    {
        var workers = pool.Threads;
        Bounded.UntilSteady(() => ran.IsSet && workers.All(Background.IsWaiting), what);
    }

    // Starts a worker whose loop takes a job with `take` and runs it, until `stopped` says so when the loop comes round; a
    // cancelled stop token ends it where it waits (Take throws OperationCanceledException). Either way it logs that it left.
    private static Thread StartWorker(string name, Func<bool> stopped, Func<Action> take, ConcurrentQueue<string> log) =>
        Background.Started(name, () =>
        {
            try
            {
                while (!stopped())
                {
                    var job = take();
                    job();
                }
            }
            catch (OperationCanceledException)
            {
                // The stop token was cancelled: the loop ends here.
            }

            log.Enqueue($"{name} left its loop");
        });

    // Starts a background thread of that name running `loop`; when a cancelled stop token ends the loop with an
    // OperationCanceledException, the thread ends quietly.
    private static Thread StartThread(string name, Action loop) =>
        Background.Started(name, () =>
        {
            try
            {
                loop();
            }
            catch (OperationCanceledException)
            {
                // The stop token was cancelled: the loop ends here.
            }
        });

    // Runs the queue's jobs one by one until the queue is closed and empty.
    private static void RunEveryJob(BlockingCollection<Action> jobs)
    {
        foreach (var job in jobs.GetConsumingEnumerable())
        {
            job();
        }
    }

    // Queues jobs 1, 2 and 3; each logs "<thread> did job <n>" as it ends. Job 1 says when it has started, then holds its
    // worker until LetFinish (never longer than the 1 s bound).
    private static FirstJob QueueThreeJobsTheFirstHeld(BlockingCollection<Action> jobs, ConcurrentQueue<string> log)
    {
        var first = new FirstJob(new ManualResetEventSlim(), new ManualResetEventSlim());
        jobs.Add(() =>
        {
            first.Started.Set();
            first.MayFinish.Wait(Bounded.Timeout);
            log.Enqueue($"{Thread.CurrentThread.Name} did job 1");
        });
        jobs.Add(() => log.Enqueue($"{Thread.CurrentThread.Name} did job 2"));
        jobs.Add(() => log.Enqueue($"{Thread.CurrentThread.Name} did job 3"));
        return first;
    }

    // Offers the queue a job 4, and logs it if the queue refuses it.
    private static void OfferJob4(BlockingCollection<Action> jobs, ConcurrentQueue<string> log)
    {
        try
        {
            jobs.Add(() => log.Enqueue($"{Thread.CurrentThread.Name} did job 4"));
        }
        catch (InvalidOperationException)
        {
            log.Enqueue("the queue refused job 4");
        }
    }

    private sealed record FirstJob(ManualResetEventSlim Started, ManualResetEventSlim MayFinish)
    {
        public void LetFinish() => MayFinish.Set();
    }

    // A job that says when a worker has started it, then holds that worker until it is released (never longer than the
    // 1 s bound). Disposing it releases it, so a koan that fails half-way never leaves a worker held.
    private sealed class HeldJob : IDisposable
    {
        private readonly ManualResetEventSlim _mayEnd = new();

        public ManualResetEventSlim Running { get; } = new();

        public void Run()
        {
            Running.Set();
            _mayEnd.Wait(Bounded.Timeout);
        }

        public void Dispose() => _mayEnd.Set();
    }

    // Jobs 1 to `count`, handed to the pool at once. Each holds its worker from the moment it starts until the koan lets
    // it go (never longer than the 1 s bound); disposing lets them all go.
    private sealed class HeldJobs : IDisposable
    {
        private readonly ManualResetEventSlim[] _mayEnd;
        private readonly ConcurrentDictionary<int, bool> _running = new();
        private readonly ConcurrentDictionary<int, bool> _ended = new();

        public HeldJobs(WorkerPool pool, int count)
        {
            _mayEnd = Enumerable.Range(0, count + 1).Select(_ => new ManualResetEventSlim()).ToArray();
            for (var n = 1; n <= count; n++)
            {
                var job = n;
                pool.Submit(() =>
                {
                    _running[job] = true;
                    _mayEnd[job].Wait(Bounded.Timeout);
                    _running.TryRemove(job, out _);
                    _ended[job] = true;
                });
            }
        }

        // The jobs running now, by number.
        public int[] Running => _running.Keys.Order().ToArray();

        public void WaitUntilRunning(int jobs, string what) => Bounded.Until(() => _running.Count == jobs, what);

        // Lets job `job` end, and waits until it has, and until the worker it held has started the next job.
        public void LetGo(int job)
        {
            var runningBefore = _running.Count;
            _mayEnd[job].Set();
            Bounded.Until(
                () => _ended.ContainsKey(job) && _running.Count == runningBefore,
                $"job {job} to end, and the worker it held to take the next job");
        }

        public void Dispose()
        {
            foreach (var mayEnd in _mayEnd)
            {
                mayEnd.Set();
            }
        }
    }

    // A background thread that loops: it counts an ask, asks its queue for a job with `ask` (null: none there), and runs the
    // job it got; until it is disposed.
    private sealed class AskingLoop : IDisposable
    {
        private readonly BlockingCollection<Action> _queue = new();
        private readonly Thread _thread;
        private long _asks;
        private long _asksSinceLastJob;
        private int _jobsDone;
        private volatile bool _stopped;

        public AskingLoop(string name, Func<BlockingCollection<Action>, Action?> ask)
        {
            _thread = Background.Started(name, () =>
            {
                while (!_stopped)
                {
                    Interlocked.Increment(ref _asks);
                    Interlocked.Increment(ref _asksSinceLastJob);
                    if (ask(_queue) is { } job)
                    {
                        Interlocked.Exchange(ref _asksSinceLastJob, 0);
                        job();
                    }
                }
            });
        }

        // How many times the loop has asked its queue for a job.
        public long Asks => Interlocked.Read(ref _asks);

        // Hands the loop `count` jobs, each one once the loop has come back to its queue for more (asleep in it, or asking
        // a thousand times), and waits until it has come back once more after the last.
        public void GiveJobsOneAtATime(int count)
        {
            for (var n = 1; n <= count; n++)
            {
                WaitUntilItHasComeBackAfter(n - 1);
                _queue.Add(() => Interlocked.Increment(ref _jobsDone));
            }

            WaitUntilItHasComeBackAfter(count);
        }

        public void Dispose()
        {
            _stopped = true;
            _queue.CompleteAdding();
            Bounded.Join(_thread, "it was told to stop");
        }

        private void WaitUntilItHasComeBackAfter(int jobs) =>
            Bounded.Until(
                () => Volatile.Read(ref _jobsDone) == jobs && Interlocked.Read(ref _asksSinceLastJob) > 0
                    && (Background.IsWaiting(_thread) || Interlocked.Read(ref _asksSinceLastJob) > 1000),
                $"{Bounded.Describe(_thread)} to come back to its queue after {jobs} jobs");
    }
}
