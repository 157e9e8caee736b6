using System.Threading.Channels;

namespace Koans;

[Topic("""
    A Channel<T> is the blocking queue of your worker pool, made for await. Where a worker blocked in
    Take holds a whole thread while nothing comes, a reader that awaits ReadAsync holds nothing: the
    channel remembers it and the next write sends it on. Everything else you know carries over:
    Writer.Complete is CompleteAdding, ReadAllAsync is GetConsumingEnumerable, a bounded channel makes a
    writer wait (or chooses which item to lose), several readers share one channel, and an error given to
    Complete reaches every reader. Channels chain into pipelines, Parallel.ForEachAsync caps how much is
    in flight, and at the end you build a second pool, AsyncWorkerPool.cs, whose workers are tasks, and
    weigh it against the pool of threads you built first.
    """)]
public class AboutChannels
{
    // A reader that awaits an empty channel blocks no thread: the thread that asked is free to do the writing itself.
    [Koan("The channel is empty when the read is asked for, and this one thread goes on to write. Has the read finished yet, before the write?")]
    public async Task APendingReadHoldsNoThread()
    {
        var channel = Channel.CreateUnbounded<string>();

        var read = channel.Reader.ReadAsync().AsTask();
        read.IsCompleted.ShouldBe(__);

        // A blocking Take on this thread would never return; the read waits without it, so this thread can write.
        channel.Writer.TryWrite("tea").ShouldBeTrue();
        (await Bounded.Await(read, "the pending read to be handed the item just written")).ShouldBe("tea");
    }

    // ReadAllAsync is GetConsumingEnumerable for await: one item per turn, and the loop ends when the writer completes.
    [Koan("The reader task is there, but its body is empty. Give it the loop that reads every item into `read` until the writing is over.")]
    public async Task ReadAllAsyncIsTheAwaitableGetConsumingEnumerable()
    {
        var channel = Channel.CreateUnbounded<int>();
        var read = new List<int>();
        var reader = Task.Run(async () =>
        {
            ___();
        });

        foreach (var item in new[] { 3, 1, 4 })
        {
            await channel.Writer.WriteAsync(item);
        }

        channel.Writer.Complete();
        await Bounded.Await(reader, "the reader to read every item and end once the writer completed");
        read.ShouldBe(new List<int> { 3, 1, 4 }, "the reader did not read every item, in order");
    }

    // Complete is CompleteAdding: once a writer has said "no more", the channel takes nothing else.
    [Koan("The writer said it is done, then tried to write once more. Was the late item accepted?")]
    public void ACompletedChannelRefusesMoreItems()
    {
        var channel = Channel.CreateUnbounded<string>();
        channel.Writer.TryWrite("on time").ShouldBeTrue();
        channel.Writer.Complete();

        var late = channel.Writer.TryWrite("late");
        late.ShouldBe(__);
        channel.Reader.TryRead(out var first).ShouldBeTrue("the item written before Complete is still there to read");
        first.ShouldBe("on time");
    }

    // A completed channel is not an empty one: Reader.Completion ends only once the last item has been read.
    [Koan("Two items are written and the writer completes. Is the reader's Completion finished before anybody has read them?")]
    public async Task ReaderCompletionWaitsForTheLastItemToBeRead()
    {
        var channel = Channel.CreateUnbounded<int>();
        channel.Writer.TryWrite(1).ShouldBeTrue();
        channel.Writer.TryWrite(2).ShouldBeTrue();
        channel.Writer.Complete();

        channel.Reader.Completion.IsCompleted.ShouldBe(__);
        channel.Reader.TryRead(out _).ShouldBeTrue();
        channel.Reader.TryRead(out _).ShouldBeTrue();
        await Bounded.Await(channel.Reader.Completion, "the reader's Completion, once both items were read");
    }

    // A bounded channel pushes back: a write beyond its room waits, so a fast writer cannot run away from its readers.
    [Koan("Five writes are asked of a channel with room for two, and nobody reads. How many of them are finished?")]
    public async Task ABoundedChannelFinishesOnlyAsManyWritesAsItHasRoomFor()
    {
        var channel = Channel.CreateBounded<int>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.Wait });
        var writes = Enumerable.Range(1, 5).Select(item => channel.Writer.WriteAsync(item)).ToList();

        writes.Count(write => write.IsCompleted).ShouldBe(__);
        while (channel.Reader.TryRead(out _))
        {
        }

        await Bounded.Await(Task.WhenAll(writes.Select(write => write.AsTask())), "every write, once the channel was read empty");
    }

    // A writer can wait for room without writing; if the channel completes instead, there will never be room.
    [Koan("The writer waits for room in a full channel, and the channel is completed while it waits. What does the wait say?")]
    public async Task WaitToWriteAsyncSaysWhetherThereWillEverBeRoom()
    {
        var channel = Channel.CreateBounded<string>(1);
        channel.Writer.TryWrite("the only seat").ShouldBeTrue();

        var room = channel.Writer.WaitToWriteAsync().AsTask();
        room.IsCompleted.ShouldBeFalse("the channel is full: the writer has to wait");
        channel.Writer.Complete();

        var answer = await Bounded.Await(room, "the writer's wait for room, once the channel was completed");
        answer.ShouldBe(__);
    }

    // DropNewest makes room by losing the newest item already waiting, not the one being written.
    [Koan("Room for two, FullMode DropNewest, three writes. Which items are left to read, in order?")]
    public void DropNewestLosesTheNewestItemAlreadyWaiting()
    {
        var dropped = new List<string>();
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.DropNewest }, dropped.Add);
        channel.Writer.TryWrite("first").ShouldBeTrue();
        channel.Writer.TryWrite("second").ShouldBeTrue();
        channel.Writer.TryWrite("third").ShouldBeTrue();

        ReadWhatIsLeft(channel).ShouldBe(__);
        dropped.Count.ShouldBe(1, "the channel reports every item it drops to the callback it was given");
    }

    // DropWrite makes room by losing the item being written, and the writer is none the wiser.
    [Koan("Room for two, FullMode DropWrite, and the third write is lost. What did TryWrite answer the writer?")]
    public void DropWriteLosesTheItemBeingWrittenWithoutATrace()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.DropWrite });
        channel.Writer.TryWrite("first").ShouldBeTrue();
        channel.Writer.TryWrite("second").ShouldBeTrue();

        var accepted = channel.Writer.TryWrite("third");
        accepted.ShouldBe(__);
        ReadWhatIsLeft(channel).ShouldBe(new List<string> { "first", "second" }, "the full channel lost the item being written");
    }

    // Several readers of one channel share the work: each item is handed to exactly one of them.
    [Koan("Three readers share one channel of thirty items, each of them reading. How many items were read in all?")]
    public async Task EachItemGoesToExactlyOneOfSeveralReaders()
    {
        var channel = Channel.CreateUnbounded<int>();
        var reads = ShareAmongReaders(channel, readers: 3);
        for (var item = 1; item <= 30; item++)
        {
            channel.Writer.TryWrite(item).ShouldBeTrue();
        }

        channel.Writer.Complete();
        var perReader = await Bounded.Await(reads, "the three readers to read the channel dry");
        perReader.ShouldAllBe(mine => mine.Count > 0, "every reader read at least one item: the channel was shared");
        perReader.Sum(mine => mine.Count).ShouldBe(__);
        perReader.SelectMany(mine => mine).Distinct().Count().ShouldBe(30, "some item was never read, or read twice");
    }

    // An error handed to Complete travels to the readers: a reader learns that the source broke, not just that it ended.
    [Koan("The feed broke after one item. Tell the channel so, with `broken`, so that the reader hears of it.")]
    public void AnErrorPassedToCompleteReachesTheReader()
    {
        var channel = Channel.CreateUnbounded<string>();
        var reader = Task.Run(async () =>
        {
            var read = new List<string>();
            await foreach (var item in channel.Reader.ReadAllAsync())
            {
                read.Add(item);
            }

            return read;
        });

        channel.Writer.TryWrite("headline").ShouldBeTrue();
        var broken = new InvalidOperationException("the feed broke");
        ___();
        Bounded.Wait(reader, "the reader to end once the writing was over");
        reader.IsFaulted.ShouldBeTrue("the reader ended as if all was well: it never heard that the feed broke (was Complete given the error?)");
        reader.Exception!.InnerException.ShouldBeSameAs(broken, "the reader failed, but not with the writer's error");
    }

    // Reader.Completion carries the writer's error too, so whoever awaits the channel's end sees the failure.
    [Koan("The writer completed with an error and nothing is left to read. In what state is the reader's Completion?")]
    public async Task AWritersErrorFaultsTheReadersCompletion()
    {
        var channel = Channel.CreateUnbounded<int>();
        channel.Writer.Complete(new TimeoutException("the source stopped answering"));

        Bounded.Wait(channel.Reader.Completion, "the reader's Completion to end");
        channel.Reader.Completion.Status.ShouldBe(__);
        var error = await Should.ThrowAsync<TimeoutException>(Bounded.Await(channel.Reader.Completion, "the reader's Completion"));
        error.Message.ShouldBe("the source stopped answering");
    }

    // In a pipeline each stage completes its output when its input is done: completion flows down to the last stage.
    [Koan("Stage one squares what it reads and writes it on. The last stage waits for more squares forever: pass the end on.")]
    public async Task CompletionFlowsDownATwoStagePipeline()
    {
        var numbers = Channel.CreateUnbounded<int>();
        var squares = Channel.CreateUnbounded<int>();
        var stageOne = Task.Run(async () =>
        {
            await foreach (var number in numbers.Reader.ReadAllAsync())
            {
                await squares.Writer.WriteAsync(number * number);
            }

            ___();
        });
        var lastStage = Task.Run(async () => await squares.Reader.ReadAllAsync().ToListAsync());

        foreach (var number in new[] { 1, 2, 3, 4 })
        {
            await numbers.Writer.WriteAsync(number);
        }

        numbers.Writer.Complete();
        await Bounded.Await(stageOne, "stage one to end once its input was complete");
        var results = await Bounded.Await(lastStage, "the last stage to end: it waits for more squares until told there are none");
        results.ShouldBe([1, 4, 9, 16]);
    }

    // Parallel.ForEachAsync caps how many bodies are in flight, however long each one awaits.
    [Koan("Twelve items, MaxDegreeOfParallelism 3, and every body awaits a gate that opens once three are in. How many were ever in flight at once?")]
    public async Task ParallelForEachAsyncKeepsAtMostItsDegreeInFlight()
    {
        var inFlight = 0;
        var mostInFlight = 0;
        var threeIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new ParallelOptions { MaxDegreeOfParallelism = 3 };

        var all = Parallel.ForEachAsync(Enumerable.Range(1, 12), options, async (item, token) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            RaiseToAtLeast(ref mostInFlight, now);
            if (now == 3)
            {
                threeIn.TrySetResult();
            }

            await Bounded.Await(threeIn.Task, "three bodies to be in flight at once");
            Interlocked.Decrement(ref inFlight);
        });

        await Bounded.Await(all, "all twelve bodies to run");
        Volatile.Read(ref mostInFlight).ShouldBe(__);
    }

    // Your second pool: the same jobs-and-workers idea as WorkerPool, with a channel for the queue and tasks for the workers.
    [Koan("Your async pool has two readers. Submit five jobs to it, each of which signals `allDone` when it runs.")]
    public void YourAsyncPoolRunsTheJobsYouSubmit()
    {
        using var pool = new AsyncWorkerPool(readers: 2);
        using var allDone = new CountdownEvent(5);
        for (var n = 1; n <= 5; n++)
        {
            ___();
        }

        Bounded.Wait(allDone, "your async pool's readers to take and run all five jobs");
        Bounded.Until(() => pool.Completed == 5, "your async pool to count five completed jobs");
        pool.Readers.ShouldBe(2);
    }

    // A graceful end of an async pool: no more jobs come in, and every job already in its channel is still run.
    [Koan("One reader is held by a gate while four jobs wait in the channel, and the pool is completed. Once it has ended, how many jobs has it completed?")]
    public async Task CompletingYourAsyncPoolStillRunsTheJobsInIt()
    {
        var pool = new AsyncWorkerPool(readers: 1);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pool.Submit(async () => await Bounded.Await(gate.Task, "the gate to open"));
        for (var n = 1; n <= 4; n++)
        {
            pool.Submit(() => Task.CompletedTask);
        }

        var completing = pool.CompleteAsync();
        var endedAtOnce = completing.IsCompleted;
        gate.SetResult();
        await Bounded.Await(completing, "your pool to finish every job already in it and end");
        endedAtOnce.ShouldBeFalse("your pool ended while its reader was still held by the gate: did it wait for its readers?");
        pool.Completed.ShouldBe(__);
        Should.Throw<InvalidOperationException>(() => pool.Submit(() => Task.CompletedTask), "a completed pool must refuse a new job");
    }

    // One bad job must not cost the pool a reader: it is counted as failed, and the reader takes the next job.
    [Koan("One job throws at once, one hands back a failed task, one is fine, and the pool has a single reader. What do the two counters say?")]
    public async Task AFailedJobIsCountedAndItsReaderGoesOn()
    {
        var pool = new AsyncWorkerPool(readers: 1);
        pool.Submit(() => throw new InvalidOperationException("thrown at once"));
        pool.Submit(() => Task.FromException(new TimeoutException("failed later")));
        pool.Submit(() => Task.CompletedTask);

        await Bounded.Await(pool.CompleteAsync(), "your pool's single reader to run all three jobs and end");
        new[] { pool.Completed, pool.Failed }.ShouldBe(__);
        pool.LastFailure.ShouldBeOfType<TimeoutException>("your pool's LastFailure is not the last job's failure");
    }

    // SubmitAsync gives the submitter a task for its own job: await it to know when the job ended, and how.
    [Koan("Two jobs submitted with SubmitAsync: one waits at a gate, one throws. In what state is the task the submitter got for the one that threw?")]
    public async Task SubmitAsyncHandsBackATaskThatEndsAsItsJobEnds()
    {
        using var pool = new AsyncWorkerPool(readers: 2);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = false;

        var waiting = pool.SubmitAsync(async () =>
        {
            await Bounded.Await(gate.Task, "the gate to open");
            ran = true;
        });
        var failing = pool.SubmitAsync(() => throw new InvalidOperationException("out of tea"));

        Bounded.Wait(failing, "the task of the job that throws to end");
        failing.Status.ShouldBe(__);
        failing.Exception!.InnerException!.Message.ShouldBe("out of tea", "the submitter's task failed, but not with what its job threw");
        waiting.IsCompleted.ShouldBeFalse("the submitter's task ended while its job still waited at the gate");
        gate.SetResult();
        await Bounded.Await(waiting, "the waiting job's task, once the gate opened");
        ran.ShouldBeTrue("the submitter's task ended before its job did");
    }

    // Each pool has its strength: a pool of threads runs blocking work, an async pool waits on many jobs with hardly a thread.
    [Koan("A hundred jobs wait at a gate in each of your pools. How many threads does your WorkerPool need to hold them all in flight?")]
    public void AWaitingJobHoldsAThreadInYourWorkerPoolButNotInYourAsyncPool()
    {
        var threadsAdded = ThreadsAddedWhileYourAsyncPoolHoldsJobsAtAGate(jobs: 100);
        threadsAdded.ShouldBeLessThan(50,
            "your async pool took about a thread per job to hold a hundred awaiting jobs: do its jobs block instead of awaiting?");

        var blocked = new ManualResetEventSlim();
        using var threadPool = new WorkerPool(new PoolOptions { MinWorkers = 100, MaxWorkers = 100 });
        using var allIn = new CountdownEvent(100);
        for (var n = 1; n <= 100; n++)
        {
            threadPool.Submit(() =>
            {
                allIn.Signal();
                blocked.Wait(Bounded.Timeout);
            });
        }

        Bounded.Wait(allIn, "your WorkerPool to hold all hundred jobs at the gate");
        var busyThreads = threadPool.Snapshot().Busy;
        blocked.Set();
        busyThreads.ShouldBe(__);
    }

    // Blocking work wants threads of its own: a job of your async pool runs on the shared ThreadPool, whose threads the whole program needs.
    [Koan("One job in each of your pools notes whether it runs on a ThreadPool thread. What did the WorkerPool's job and the async pool's job note?")]
    public void OnlyYourWorkerPoolGivesItsJobsThreadsOfTheirOwn()
    {
        var onThreadPool = new bool[2];
        using (var threadPool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 }))
        {
            threadPool.Submit(() => onThreadPool[0] = Thread.CurrentThread.IsThreadPoolThread);
            threadPool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("your WorkerPool did not run its job within 1 s");
        }

        var asyncPool = new AsyncWorkerPool(readers: 1);
        asyncPool.Submit(() =>
        {
            onThreadPool[1] = Thread.CurrentThread.IsThreadPoolThread;
            return Task.CompletedTask;
        });
        Bounded.Wait(asyncPool.CompleteAsync(), "your async pool to run its job and end");

        // So a job that blocks (Thread.Sleep, .Result, a lock held long) belongs in the WorkerPool; one that awaits, in the async pool.
        onThreadPool.ShouldBe(__);
    }

    /// <summary>How many threads the process gained while your async pool, with a reader per job, held every job awaiting one gate.</summary>
    private static int ThreadsAddedWhileYourAsyncPoolHoldsJobsAtAGate(int jobs)
    {
        var threadsBefore = Process.GetCurrentProcess().Threads.Count;
        var asyncPool = new AsyncWorkerPool(readers: jobs);
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var atGate = 0;
        var submitted = Enumerable.Range(1, jobs).Select(_ => asyncPool.SubmitAsync(async () =>
        {
            Interlocked.Increment(ref atGate);
            await Bounded.Await(open.Task, "the gate");
        })).ToList();
        Bounded.Until(() => Volatile.Read(ref atGate) == jobs, "your async pool to hold every job at the gate");
        var threadsAdded = Process.GetCurrentProcess().Threads.Count - threadsBefore;
        open.SetResult();
        Bounded.Wait(Task.WhenAll([.. submitted, asyncPool.CompleteAsync()]), "your async pool to end once the gate opened");
        return threadsAdded;
    }

    private static List<string> ReadWhatIsLeft(Channel<string> channel)
    {
        var left = new List<string>();
        while (channel.Reader.TryRead(out var item))
        {
            left.Add(item);
        }

        return left;
    }

    /// <summary>Starts <paramref name="readers"/> readers of one channel that each hold their first item until every reader has one.</summary>
    private static Task<List<int>[]> ShareAmongReaders(Channel<int> channel, int readers)
    {
        var holding = 0;
        var everyReaderHasOne = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return Task.WhenAll(Enumerable.Range(1, readers).Select(_ => Task.Run(async () =>
        {
            var mine = new List<int>();
            await foreach (var item in channel.Reader.ReadAllAsync())
            {
                mine.Add(item);
                if (mine.Count == 1 && Interlocked.Increment(ref holding) == readers)
                {
                    everyReaderHasOne.SetResult();
                }

                await Bounded.Await(everyReaderHasOne.Task, "every reader to hold an item of its own");
            }

            return mine;
        })));
    }

    private static void RaiseToAtLeast(ref int most, int value)
    {
        var seen = Volatile.Read(ref most);
        while (value > seen)
        {
            var before = Interlocked.CompareExchange(ref most, value, seen);
            if (before == seen)
            {
                return;
            }

            seen = before;
        }
    }
}
