using ThreadState = System.Threading.ThreadState;

namespace Koans;

[Topic("""
    Starting a thread for every job is the expensive way to get work done. A worker is a thread started
    once, running a loop: take the next job from a blocking queue, do it, report it done, and go back for
    the next one. While the queue is empty it sleeps inside the queue instead of asking again and again.
    A good worker survives a job that throws, has a name a monitor can show, runs in the background, and
    has a clear way to stop: "no more jobs are coming" lets it finish what is queued, a stop token ends it
    at its next turn. A few such workers over one shared queue are a worker pool, and from here on you
    build one of your own, in WorkerPool.cs.
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
            foreach (var job in jobs.GetConsumingEnumerable())
            {
                job();
            }
        })
        { IsBackground = true, Name = "worker" };
        worker.Start();

        for (var n = 1; n <= 3; n++)
        {
            jobs.Add(() =>
            {
                ranOn.Enqueue(Thread.CurrentThread.Name ?? "a nameless thread");
                allDone.Signal();
            });
        }

        Bounded.Wait(allDone, "the worker to do all three jobs");
        jobs.CompleteAdding();
        Bounded.Join(worker, "the queue is closed and empty, so its loop should have ended");
        ranOn.ToArray().ShouldBe(new[] { "worker", "worker", "worker" }, "one thread should have done every job");
    }

    // A loop that keeps asking an empty queue for work burns a whole core doing nothing; a blocking Take sleeps.
    [Koan(
        "Both loops wait for one job: the busy one asks the queue again and again, the other asks once and sleeps. How often did the sleeping one ask?")]
    public void ABlockingTakeLooksOnceWhereABusyLoopLooksAgainAndAgain()
    {
        var busyQueue = new BlockingCollection<Action>();
        var sleepyQueue = new BlockingCollection<Action>();
        long busyLooks = 0;
        long sleepingLooks = 0;
        var busy = StartThread("busy loop", () =>
        {
            Action? job;
            do
            {
                Interlocked.Increment(ref busyLooks);
            }
            while (!busyQueue.TryTake(out job));
            job();
        });
        var sleeping = StartThread("sleeping loop", () =>
        {
            Interlocked.Increment(ref sleepingLooks);
            if (sleepyQueue.TryTake(out var job, Bounded.Timeout))
            {
                job();
            }
        });
        try
        {
            Bounded.Until(
                () => Interlocked.Read(ref busyLooks) > 1000 && sleeping.ThreadState.HasFlag(ThreadState.WaitSleepJoin),
                "the busy loop to look into its empty queue a thousand times, and the other loop to fall asleep in its own");
        }
        finally
        {
            busyQueue.Add(() => { });
            sleepyQueue.Add(() => { });
        }

        Bounded.Join(busy, "its job has arrived");
        Bounded.Join(sleeping, "its job has arrived");
        Interlocked.Read(ref sleepingLooks).ShouldBe(1, $"meanwhile the busy loop looked {Interlocked.Read(ref busyLooks)} times");
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
        var worker = new Thread(() =>
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
        })
        { IsBackground = true, Name = "worker" };
        worker.Start();

        Bounded.Join(worker, "the queue was closed before the worker started, so it had a known amount of work");
        caught.ShouldNotBeNull("the second job's exception never reached the catch");
        new[] { ran, jobs.Count }.ShouldBe(new[] { 1, 2 }, "jobs that ran, jobs left in the queue");
    }

    // A pool is that same loop, run by a few workers over one shared queue: you hand the pool jobs, its workers do them.
    [Koan(
        "Your pool's workers wait for jobs. Hand each job to the pool; then make its workers take them and run them.")]
    public void YourWorkersTakeJobsAndRunThem()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 2 });
        var allDone = new CountdownEvent(5);
        for (var n = 1; n <= 5; n++)
        {
            pool.Submit(() => allDone.Signal());
        }

        Bounded.Wait(allDone, "your workers to take and run all five jobs");
        Bounded.Until(() => pool.Completed == 5, "your pool to count five completed jobs once they have returned");
    }

    // Named workers can be told apart in a debugger, a log or a monitor; background workers never keep a program from exiting.
    [Koan(
        "Your pool has started three workers. What are they called, in the order they were started?")]
    public void YourPoolStartsNamedBackgroundWorkers()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 3, MaxWorkers = 3 });

        pool.Threads.Select(thread => thread.Name).ToArray().ShouldBe(new[] { "worker-1", "worker-2", "worker-3" });
        foreach (var thread in pool.Threads)
        {
            thread.IsBackground.ShouldBeTrue(
                $"{Bounded.Describe(thread)} is a foreground thread: waiting for jobs, it would keep the program from ever exiting");
        }
    }

    // A job that throws is the job's failure, not the worker's: the worker counts it and goes on to the next job.
    [Koan(
        "The first job throws; the second job is queued behind it, for the pool's only worker. What does the pool count?")]
    public void AJobThatThrowsDoesNotKillItsWorker()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        var secondRan = new ManualResetEventSlim();
        pool.Submit(() => throw new InvalidOperationException("this job goes wrong"));
        pool.Submit(secondRan.Set);

        Bounded.Wait(secondRan, "the job queued after the failing one to run on the pool's only worker");
        Bounded.Until(() => pool.Completed + pool.Failed == 2, "your pool to count both jobs, the good one and the bad one");
        new[] { pool.Completed, pool.Failed }.ShouldBe(new long[] { 1, 1 }, "jobs completed, jobs failed");
        pool.LastFailure.ShouldBeOfType<InvalidOperationException>("the pool should keep what the failing job threw");
    }

    // An idle worker costs nothing: it sleeps inside the queue until a job arrives, instead of asking again and again.
    [Koan(
        "Your worker has done its job and the queue is empty again. What state is its thread in now?")]
    public void AnIdleWorkerSleepsInTheQueue()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        var done = new ManualResetEventSlim();
        pool.Submit(done.Set);
        Bounded.Wait(done, "your worker to run the job");
        var worker = pool.Threads.Single();

        Bounded.UntilSteady(
            () => worker.ThreadState.HasFlag(ThreadState.WaitSleepJoin),
            $"{Bounded.Describe(worker)} to fall asleep in the empty queue; a worker that stays Running with nothing to do is spinning round its loop");
        worker.ThreadState.ShouldBe(ThreadState.Background | ThreadState.WaitSleepJoin);
    }

    // Several workers on one queue run several jobs at once: while one worker is busy, the next job goes to another.
    [Koan(
        "Three jobs wait for each other at a barrier, so they can only get past it if three workers run them at the same time. Which workers ran them?")]
    public void OneQueueFeedsEveryWorker()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 3, MaxWorkers = 3 });
        var allRunning = new Barrier(4);
        var ranOn = new ConcurrentBag<string>();
        for (var n = 1; n <= 3; n++)
        {
            pool.Submit(() =>
            {
                ranOn.Add(Thread.CurrentThread.Name ?? "a nameless thread");
                allRunning.SignalAndWait(Bounded.Timeout);
            });
        }

        Bounded.SignalAndWait(allRunning, "three jobs to be running at once, one on each worker");
        ranOn.Order().ToArray().ShouldBe(new[] { "worker-1", "worker-2", "worker-3" });
    }

    // However the workers share the jobs out, each job is taken once: by one worker, never by two, never by none.
    [Koan(
        "Thirty jobs, three workers. Every job counts the times it was run. Which different counts do you find?")]
    public void EveryJobIsDoneByExactlyOneWorker()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 3, MaxWorkers = 3 });
        var timesRun = new int[30];
        var allDone = new CountdownEvent(30);
        for (var n = 0; n < 30; n++)
        {
            var job = n;
            pool.Submit(() =>
            {
                Interlocked.Increment(ref timesRun[job]);
                allDone.Signal();
            });
        }

        Bounded.Wait(allDone, "all thirty jobs to be done");
        timesRun.Distinct().ToArray().ShouldBe(new[] { 1 });
    }

    // A worker reports a job done only when it is back from it: a running job is not done yet, nor a queued one.
    [Koan(
        "One job has finished, one is running, one still waits in the queue. How many does the pool count as completed?")]
    public void APoolCountsAJobCompletedOnlyOnceItHasReturned()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        var secondStarted = new ManualResetEventSlim();
        var letSecondFinish = new ManualResetEventSlim();
        var thirdRan = new ManualResetEventSlim();
        pool.Submit(() => { });
        pool.Submit(() =>
        {
            secondStarted.Set();
            letSecondFinish.Wait(Bounded.Timeout);
        });
        pool.Submit(thirdRan.Set);

        try
        {
            Bounded.Wait(secondStarted, "the second job to start");
            pool.Completed.ShouldBe(1);
        }
        finally
        {
            letSecondFinish.Set();
        }

        Bounded.Wait(thirdRan, "the third job to run once the second was let go");
        Bounded.Until(() => pool.Completed == 3, "your pool to count all three jobs completed");
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
            pool.Submit(() => reply(work()));
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

    // "No more jobs are coming" is the gentle stop: the worker finishes every job already queued, and only then leaves its loop.
    [Koan(
        "The worker was busy with job 1, jobs 2 and 3 waiting, when the queue was closed. Which jobs got done?")]
    public void ClosingTheQueueLetsTheWorkerFinishWhatIsQueued()
    {
        var jobs = new BlockingCollection<Action>();
        var done = new ConcurrentQueue<int>();
        var job1 = QueueThreeJobsTheFirstHeld(jobs, done);
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
            job1.LetFinish();
        }
        Bounded.Join(worker, "the queue is closed, so its loop should end once the queue is empty");
        done.ToArray().ShouldBe(new[] { 1, 2, 3 }, "the jobs the worker did, in the order it did them, when the queue was closed while job 1 ran");
    }

    // A stop flag is never seen by a worker asleep in the queue; a cancelled stop token wakes it where it sleeps.
    [Koan(
        "Two workers sleep in empty queues: one checks a stop flag each turn of its loop, one hands Take a stop token. Right after the stop, which is alive?")]
    public void AStopTokenWakesAWorkerAsleepInAnEmptyQueue()
    {
        var flagJobs = new BlockingCollection<Action>();
        var tokenJobs = new BlockingCollection<Action>();
        var stopFlag = false;
        var stopToken = new CancellationTokenSource();
        var flagWorker = StartWorker("flag worker", () => Volatile.Read(ref stopFlag), () => flagJobs.Take());
        var tokenWorker = StartWorker("token worker", () => false, () => tokenJobs.Take(stopToken.Token));
        try
        {
            Bounded.Until(
                () => flagWorker.ThreadState.HasFlag(ThreadState.WaitSleepJoin) && tokenWorker.ThreadState.HasFlag(ThreadState.WaitSleepJoin),
                "both workers to fall asleep in their empty queues");
        }
        finally
        {
            // The stop, for both workers.
            Volatile.Write(ref stopFlag, true);
            stopToken.Cancel();
        }

        Bounded.Join(tokenWorker, "its stop token was cancelled while it slept in its queue");
        var alive = new[] { flagWorker.IsAlive, tokenWorker.IsAlive };
        // One more job wakes the flag worker, so it comes round its loop and sees the flag.
        flagJobs.Add(() => { });
        Bounded.Join(flagWorker, "a job arrived, so it should have come round its loop and seen the flag");
        alive.ShouldBe(new[] { true, false }, "flag worker, token worker");
    }

    // Starts a worker whose loop takes a job with `take` and runs it, until `stopped` says so when the loop comes
    // round; a cancelled stop token ends it where it waits (Take throws OperationCanceledException).
    private static Thread StartWorker(string name, Func<bool> stopped, Func<Action> take)
    {
        var worker = new Thread(() =>
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
        })
        { IsBackground = true, Name = name };
        worker.Start();
        return worker;
    }

    // A stop token ends the loop at its next turn, even with jobs still waiting: those are not run, but not lost either.
    [Koan(
        "The worker was busy with job 1, jobs 2 and 3 waiting, when the stop token was cancelled. Which jobs got done, and how many are still in the queue?")]
    public void AStopTokenLeavesTheQueuedJobsInTheQueue()
    {
        var jobs = new BlockingCollection<Action>();
        var stop = new CancellationTokenSource();
        var done = new ConcurrentQueue<int>();
        var job1 = QueueThreeJobsTheFirstHeld(jobs, done);
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
        done.ToArray().ShouldBe(new[] { 1 });
        jobs.Count.ShouldBe(2, "jobs still waiting in the queue");
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
        lines.ShouldBe(new[] { "job 1: started", "main: returning" });
    }

    // Starts a background thread of that name running `loop`; when a cancelled stop token ends the loop with an
    // OperationCanceledException, the thread ends quietly.
    private static Thread StartThread(string name, Action loop)
    {
        var thread = new Thread(() =>
        {
            try
            {
                loop();
            }
            catch (OperationCanceledException)
            {
                // The stop token was cancelled: the loop ends here.
            }
        })
        { IsBackground = true, Name = name };
        thread.Start();
        return thread;
    }

    // Queues jobs 1, 2 and 3; each adds its number to `done` as it ends. Job 1 says when it has started, then holds its
    // worker until LetFinish (never longer than the 1 s bound).
    private static FirstJob QueueThreeJobsTheFirstHeld(BlockingCollection<Action> jobs, ConcurrentQueue<int> done)
    {
        var first = new FirstJob(new ManualResetEventSlim(), new ManualResetEventSlim());
        jobs.Add(() =>
        {
            first.Started.Set();
            first.MayFinish.Wait(Bounded.Timeout);
            done.Enqueue(1);
        });
        jobs.Add(() => done.Enqueue(2));
        jobs.Add(() => done.Enqueue(3));
        return first;
    }

    private sealed record FirstJob(ManualResetEventSlim Started, ManualResetEventSlim MayFinish)
    {
        public void LetFinish() => MayFinish.Set();
    }
}
