using ThreadState = System.Threading.ThreadState;

namespace Koans;

// YOUR WORKER POOL. The koans of AboutWorkerLoops, AboutWaitingForWork, AboutMonitoring, AboutThrottling
// and AboutTheAutoScalingPool build it with you, one missing piece at a time. Every blank below names the
// koan that asks for it; the runner sends you here when that koan is the next one. Keep what you write:
// the later koans, and the demo (`dotnet run --project PathToEnlightenment -- demo`), use your pool.

/// <summary>How a <see cref="WorkerPool"/> is shaped and how it grows.</summary>
public sealed record PoolOptions
{
    /// <summary>Workers started at once, and the fewest an idle pool shrinks to.</summary>
    public int MinWorkers { get; init; } = 2;

    /// <summary>The most workers the pool ever has.</summary>
    public int MaxWorkers { get; init; } = 8;

    /// <summary>When more jobs than this wait in the queue, the pool starts another worker.</summary>
    public int GrowWhenQueueOver { get; init; } = 10;

    /// <summary>How many jobs the queue holds before Submit has to wait; null for no limit.</summary>
    public int? Capacity { get; init; }

    /// <summary>How long an extra worker may sit idle before it retires; null keeps every worker.</summary>
    public TimeSpan? KeepAlive { get; init; }

    /// <summary>The clock that snapshots are stamped with.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>One worker, as a snapshot saw it.</summary>
/// <param name="Name">The worker thread's name.</param>
/// <param name="State">The worker thread's state.</param>
/// <param name="Busy">Whether it was running a job.</param>
/// <param name="JobsDone">How many jobs it had finished, well or not.</param>
public sealed record WorkerSnapshot(string Name, ThreadState State, bool Busy, int JobsDone);

/// <summary>What a pool looked like at one moment: the view a monitor prints.</summary>
/// <param name="At">When it was taken, by the pool's clock.</param>
/// <param name="QueueLength">Jobs waiting, not yet taken by a worker.</param>
/// <param name="Workers">Every worker.</param>
/// <param name="Completed">Jobs that ran to the end.</param>
/// <param name="Failed">Jobs that threw.</param>
public sealed record PoolSnapshot(DateTimeOffset At, int QueueLength, IReadOnlyList<WorkerSnapshot> Workers, long Completed, long Failed)
{
    /// <summary>Workers running a job.</summary>
    public int Busy => Workers.Count(worker => worker.Busy);

    /// <summary>Workers waiting for a job.</summary>
    public int Idle => Workers.Count - Busy;

    /// <summary>Jobs completed per second between <paramref name="earlier"/> and this snapshot.</summary>
    public double CompletedPerSecondSince(PoolSnapshot earlier) => RateSince(earlier, snapshot => snapshot.Completed);

    /// <summary>Jobs failed per second between <paramref name="earlier"/> and this snapshot.</summary>
    public double FailedPerSecondSince(PoolSnapshot earlier) => RateSince(earlier, snapshot => snapshot.Failed);

    // How fast one of the counts grew: `count` reads it from a snapshot.
    private double RateSince(PoolSnapshot earlier, Func<PoolSnapshot, long> count)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        // AboutMonitoring.ThroughputIsJobsDonePerSecondBetweenTwoSnapshots: what the count gained between the two
        // snapshots, per second of the pool's clock between them.
        return __;
    }
}

/// <summary>
/// A queue of jobs and a few background threads that take them, run them and report them done; it grows
/// when the queue falls behind.
/// </summary>
public sealed class WorkerPool : IDisposable
{
    private readonly BlockingCollection<Action> _queue;
    private readonly List<Worker> _workers = [];
    private readonly object _poolLock = new();
    private int _pending;
    private int _idleWaiters;
    private long _completed;
    private long _failed;
    private int _started;
    private volatile bool _shutDown;

    /// <summary>Starts <see cref="PoolOptions.MinWorkers"/> workers over an empty queue.</summary>
    public WorkerPool(PoolOptions? options = null)
    {
        Options = options ?? new PoolOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MinWorkers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxWorkers, Options.MinWorkers);
        // AboutTheAutoScalingPool.ABoundedQueuePushesBackOnTheSubmitter: with a Capacity, a queue that holds
        // no more than that many jobs.
        _queue = Options.Capacity is { } capacity ? __ : [];
        lock (_poolLock)
        {
            for (var i = 0; i < Options.MinWorkers; i++)
            {
                StartWorker();
            }
        }
    }

    /// <summary>The shape this pool was given.</summary>
    public PoolOptions Options { get; }

    /// <summary>Jobs waiting in the queue.</summary>
    // AboutMonitoring.YourPoolReportsItsQueueLength: the jobs that wait, not those already taken.
    public int QueueLength => __;

    /// <summary>Jobs submitted and not finished yet: waiting or running.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Jobs that ran to the end.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Jobs that threw.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The last exception a job threw, if any.</summary>
    public Exception? LastFailure { get; private set; }

    /// <summary>How many workers the pool has now.</summary>
    public int WorkerCount
    {
        get
        {
            lock (_poolLock)
            {
                return _workers.Count;
            }
        }
    }

    /// <summary>Every worker thread the pool has now.</summary>
    public IReadOnlyList<Thread> Threads
    {
        get
        {
            lock (_poolLock)
            {
                return _workers.Select(worker => worker.Thread).ToList();
            }
        }
    }

    /// <summary>Puts a job in the queue; waits while a bounded queue is full.</summary>
    /// <exception cref="InvalidOperationException">The pool has been shut down.</exception>
    public void Submit(Action job)
    {
        ArgumentNullException.ThrowIfNull(job);
        RefuseAfterShutdown();
        // AboutWaitingForWork.EverySubmittedJobCountsAsPendingUntilItIsDone: count the job in, before it can
        // possibly be taken.
        ___();
        try
        {
            _queue.Add(job);
        }
        catch (InvalidOperationException)
        {
            JobDone();
            RefuseAfterShutdown();
            throw;
        }

        GrowIfBehind();
    }

    /// <summary>Puts a job in the queue unless a bounded queue stays full for <paramref name="wait"/>.</summary>
    /// <returns>Whether the job was queued.</returns>
    public bool TrySubmit(Action job, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(job);
        RefuseAfterShutdown();
        Interlocked.Increment(ref _pending);
        // AboutTheAutoScalingPool.TrySubmitGivesUpWhenTheQueueStaysFull: try to queue the job, waiting no
        // longer than `wait`.
        if (!__)
        {
            JobDone();
            return false;
        }

        GrowIfBehind();
        return true;
    }

    /// <summary>Puts a job in the queue, and hands back a task that the worker completes when the job ends.</summary>
    /// <returns>A task with what the job returned, or faulted with what it threw.</returns>
    public Task<T> SubmitAsync<T>(Func<T> job)
    {
        ArgumentNullException.ThrowIfNull(job);
        // RunContinuationsAsynchronously: AboutTasks shows why a pool's promises need it.
        var promise = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Submit(() =>
        {
            try
            {
                // AboutTasks.YourPoolHandsBackATaskThatItsWorkerCompletes: run `job` and set the promise's result to
                // what it returns.
                ___();
            }
            catch (Exception failure)
            {
                // AboutTasks.YourPoolsTaskFaultsWithWhatTheJobThrew: hand what `job` threw to the promise instead.
                ___();
            }
        });
        return promise.Task;
    }

    /// <summary>Waits until every submitted job is done, but no longer than <paramref name="timeout"/>.</summary>
    /// <returns>True when no job is pending; false when the time ran out first.</returns>
    public bool WaitForIdle(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        // Counted in before the first look at Pending, so that the job that ends last knows someone waits.
        Interlocked.Increment(ref _idleWaiters);
        try
        {
            lock (_poolLock)
            {
                // AboutWaitingForWork.WaitForIdleSleepsUntilNothingIsPendingOrItsTimeIsUp: while jobs are pending, wait on
                // _poolLock (Monitor.Wait) for the time that is left, and look at Pending again after every wake-up; when the
                // time runs out, say whether the pool is idle now.
                ___();
                return true;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _idleWaiters);
        }
    }

    /// <summary>The queue, the workers and the counts, as they are now.</summary>
    public PoolSnapshot Snapshot()
    {
        var workers = new List<WorkerSnapshot>();
        DateTimeOffset at;
        lock (_poolLock)
        {
            // The moment is read with the lock held, so that it is the moment the list was copied.
            at = Options.Clock.GetUtcNow();
            // AboutMonitoring.ASnapshotListsEveryWorkerByName: one WorkerSnapshot per worker, in the order they
            // were started.
            ___();
        }

        return new PoolSnapshot(at, QueueLength, workers, Completed, Failed);
    }

    /// <summary>
    /// Takes no more jobs, lets the workers finish every job already queued, and waits for them to end,
    /// but no longer than <paramref name="timeout"/>.
    /// </summary>
    /// <returns>True when every worker ended in time.</returns>
    public bool Shutdown(TimeSpan timeout)
    {
        StopTakingJobs();
        var deadline = DateTime.UtcNow + timeout;
        foreach (var thread in Threads)
        {
            var left = deadline - DateTime.UtcNow;
            if (left < TimeSpan.Zero || !thread.Join(left))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Takes no more jobs and takes every queued job back out; jobs already running finish.</summary>
    /// <returns>The jobs that were dropped, in queue order.</returns>
    public IReadOnlyList<Action> ShutdownNow()
    {
        StopTakingJobs();
        var dropped = new List<Action>();
        // AboutTheAutoScalingPool.AnImmediateShutdownHandsBackTheJobsItDropped: take every job still queued
        // back out, into `dropped`, and count each one off as it will never run.
        ___();

        return dropped;
    }

    /// <summary>Takes no more jobs; the workers finish what is already queued and then end (ShutdownNow drops it instead).</summary>
    public void Dispose()
    {
        StopTakingJobs();
    }

    /// <summary>
    /// Shuts the pool down gracefully, as <see cref="Dispose"/> does, once <paramref name="stop"/> is canceled
    /// (at once if it already is).
    /// </summary>
    /// <returns>The registration: dispose it to call the shutdown off.</returns>
    public CancellationTokenRegistration ShutdownWhen(CancellationToken stop)
    {
        // AboutCancellation.YourPoolShutsDownGracefullyWhenItsTokenIsCanceled: have `stop` run a graceful
        // shutdown when it is canceled, and hand back what lets the caller call that off.
        return __;
    }

    // Called with _poolLock held.
    private void StartWorker()
    {
        var worker = new Worker();
        _started++;
        worker.Thread = new Thread(() => WorkLoop(worker));
        // AboutWorkerLoops.YourPoolStartsNamedBackgroundWorkers: worker-1, worker-2, ... that never keep the program alive.
        ___();
        _workers.Add(worker);
        Step.Act($"starts {worker.Thread.Name}");
        worker.Thread.Start();
    }

    private void WorkLoop(Worker worker)
    {
        // AboutWorkerLoops.YourWorkersTakeJobsAndRunThem: take the next job (TakeNext) and Run it, again and
        // again, until TakeNext says there will be no more.
        ___();
    }

    private bool TakeNext(Worker worker, out Action job)
    {
        if (Options.KeepAlive is { } keepAlive)
        {
            // AboutTheAutoScalingPool.AnIdleExtraWorkerRetiresAfterTheKeepAlive: wait for a job no longer than the
            // keep-alive, again and again; each time none came, leave the pool (and its list, with _poolLock held)
            // if MayRetire says so.
            ___();
        }

        return _queue.TryTake(out job!, Timeout.Infinite);
    }

    private void Run(Worker worker, Action job)
    {
        Step.Act("runs a job");
        // AboutMonitoring.ASnapshotTellsBusyWorkersFromIdleOnes: mark the worker busy while its job runs.
        ___();
        try
        {
            try
            {
                // AboutWorkerLoops.YourWorkersTakeJobsAndRunThem: run the job, and count it in _completed once it
                // has returned.
                ___();
            }
            catch (Exception failure)
            {
                Step.Act($"throws {failure.GetType().Name}");
                // AboutWorkerLoops.AJobThatThrowsDoesNotKillItsWorker: what a job throws ends the job, not the worker:
                // keep it in LastFailure and count the job in _failed.
                ___();
            }
        }
        finally
        {
            Step.Act("job done");
            worker.Busy = false;
            // AboutMonitoring.EveryWorkerCountsTheJobsItHasDone: one more job done by this worker.
            ___();
            // AboutWaitingForWork.AFinishedJobIsCountedOffInAFinallyEvenWhenItThrows: count the job off.
            ___();
        }
    }

    private void JobDone()
    {
        // Waking takes the lock, which costs more than the job when jobs are tiny: only wake a pool someone waits on.
        if (Interlocked.Decrement(ref _pending) == 0 && Volatile.Read(ref _idleWaiters) > 0)
        {
            // AboutWaitingForWork.WaitForIdleSleepsUntilNothingIsPendingOrItsTimeIsUp: the last job is done; wake
            // every thread that waits in WaitForIdle.
            ___();
        }
    }

    private void GrowIfBehind()
    {
        // A first look, without the lock: a Submit that finds the pool keeping up need not wait for the lock.
        var behind = false;
        // AboutThrottling.YourPoolStartsAWorkerWhenTheQueuePassesTheThreshold: the pool is behind when more jobs
        // wait in the queue than Options.GrowWhenQueueOver.
        ___();
        // AboutThrottling.YourPoolNeverGrowsPastItsMaximum: but a pool that has Options.MaxWorkers workers already
        // has no room for another.
        ___();

        if (!behind || _shutDown)
        {
            return;
        }

        lock (_poolLock)
        {
            // AboutThrottling.ManyProducersAtOnceNeverPushThePoolPastItsMaximum: another producer may have started a
            // worker since your look: look at the room again, now that you hold the lock, and start none if it is gone.
            ___();

            StartWorker();
        }
    }

    private void RefuseAfterShutdown()
    {
        // AboutTheAutoScalingPool.SubmitAfterShutdownIsRefusedWithAClearMessage: a shut-down pool refuses the
        // job with an InvalidOperationException that says why.
        ___();
    }

    // Called with _poolLock held, by a worker that has waited a whole keep-alive for a job in vain.
    private bool MayRetire()
    {
        // AboutTheAutoScalingPool.RetiringNeverTakesThePoolBelowItsMinimum: only a worker beyond the pool's
        // minimum may leave.
        ___();

        Step.Act("retires");
        return true;
    }

    // Shutdown, ShutdownNow and Dispose all begin here: from now on the pool refuses new jobs.
    private void StopTakingJobs()
    {
        _shutDown = true;
        Step.Act("stops taking jobs");
        // AboutTheAutoScalingPool.AGracefulShutdownFinishesTheQueuedJobs: tell the queue (and so every worker
        // loop) that no more jobs will come.
        ___();
    }

    private sealed class Worker
    {
        private int _jobsDone;
        private volatile bool _busy;

        public Thread Thread { get; set; } = null!;

        public bool Busy
        {
            get => _busy;
            set => _busy = value;
        }

        public int JobsDone
        {
            get => Volatile.Read(ref _jobsDone);
            set => Volatile.Write(ref _jobsDone, value);
        }
    }
}
