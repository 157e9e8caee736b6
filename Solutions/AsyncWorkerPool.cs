using System.Threading.Channels;

namespace Koans;

// YOUR ASYNC WORKER POOL. The last koans of AboutChannels build it with you, beside the WorkerPool you built
// with threads: the same idea (a queue of jobs and a few workers that take them) with a Channel for the
// queue and tasks for the workers. Every blank below names the koan that asks for it; the runner sends you
// here when that koan is the next one. Keep what you write: the topics that follow use both your pools.

/// <summary>
/// A channel of async jobs and a few reader tasks that take them and await them, one job at a time each. A
/// reader that waits for a job, or for a job that awaits, holds no thread: a thread is needed only while a
/// job runs code.
/// </summary>
public sealed class AsyncWorkerPool : IDisposable
{
    private readonly Channel<Func<Task>> _jobs = Channel.CreateUnbounded<Func<Task>>();
    private readonly Task[] _readers;
    private long _completed;
    private long _failed;

    /// <summary>Starts <paramref name="readers"/> reader tasks over an empty channel.</summary>
    /// <param name="readers">How many jobs may be in flight at once.</param>
    public AsyncWorkerPool(int readers = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(readers, 1);
        _readers = new Task[readers];
        for (var i = 0; i < readers; i++)
        {
            _readers[i] = Task.Run(ReadLoopAsync);
        }
    }

    /// <summary>How many reader tasks the pool has: the most jobs it runs at once.</summary>
    public int Readers => _readers.Length;

    /// <summary>Jobs that ran to the end.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Jobs that threw, or whose task failed.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The last exception a job threw, if any.</summary>
    public Exception? LastFailure { get; private set; }

    /// <summary>Puts a job in the channel; a reader takes it when it is free.</summary>
    /// <exception cref="InvalidOperationException">The pool has been completed.</exception>
    public void Submit(Func<Task> job)
    {
        ArgumentNullException.ThrowIfNull(job);
        // AboutChannels.YourAsyncPoolRunsTheJobsYouSubmit: write the job into the channel; when the channel
        // takes no more (the pool was completed), refuse it with an InvalidOperationException that says why.
        if (!_jobs.Writer.TryWrite(job))
        {
            throw new InvalidOperationException("This pool has been completed: it takes no more jobs.");
        }
    }

    /// <summary>Puts a job in the channel and hands back a task that ends as the job ends.</summary>
    /// <returns>A task that completes when the job has run to the end, or fails with what the job threw.</returns>
    /// <exception cref="InvalidOperationException">The pool has been completed.</exception>
    public Task SubmitAsync(Func<Task> job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // AboutChannels.SubmitAsyncHandsBackATaskThatEndsAsItsJobEnds: Submit a job that awaits `job` and then
        // completes `done` as it ended: its result, or what it threw (and throws that on, so the pool counts it).
        Submit(async () =>
        {
            try
            {
                await job();
                done.SetResult();
            }
            catch (Exception exception)
            {
                done.SetException(exception);
                throw;
            }
        });
        return done.Task;
    }

    /// <summary>
    /// Takes no more jobs, lets the readers finish every job already in the channel, and ends when every
    /// reader has ended.
    /// </summary>
    public async Task CompleteAsync()
    {
        // AboutChannels.CompletingYourAsyncPoolStillRunsTheJobsInIt: tell the channel that no more jobs will
        // come, then wait for every reader to end.
        _jobs.Writer.TryComplete();
        await Task.WhenAll(_readers);
    }

    /// <summary>Takes no more jobs; the readers finish what is already in the channel and then end.</summary>
    public void Dispose() => _jobs.Writer.TryComplete();

    private async Task ReadLoopAsync()
    {
        // AboutChannels.YourAsyncPoolRunsTheJobsYouSubmit: read every job the channel hands out and RunAsync it
        // (awaited, one at a time), until the channel is completed and empty.
        await foreach (var job in _jobs.Reader.ReadAllAsync())
        {
            await RunAsync(job);
        }
    }

    private async Task RunAsync(Func<Task> job)
    {
        try
        {
            Step.Act("runs a job");
            await job();
            Step.Act("job done");
            Interlocked.Increment(ref _completed);
        }
        catch (Exception exception)
        {
            Step.Act($"throws {exception.GetType().Name}");
            // AboutChannels.AFailedJobIsCountedAndItsReaderGoesOn: keep what the job threw in LastFailure and
            // count it in _failed, so that the reader lives on to take the next job.
            LastFailure = exception;
            Interlocked.Increment(ref _failed);
        }
    }
}
