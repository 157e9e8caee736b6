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
    [Koan("This one thread asks for two reads of an empty channel, then writes three teas. Which teas are still waiting in the channel?")]
    public async Task APendingReadHoldsNoThread()
    {
        var channel = Channel.CreateUnbounded<string>();
        var first = channel.Reader.ReadAsync().AsTask();
        var second = channel.Reader.ReadAsync().AsTask();

        // A blocking Take on this thread would never return; the reads wait without it, so this thread can write.
        foreach (var tea in new[] { "sencha", "assam", "oolong" })
        {
            channel.Writer.TryWrite(tea).ShouldBeTrue();
        }

        var waiting = ReadWhatIsLeft(channel);
        await Bounded.Await(Task.WhenAll(first, second), "the two pending reads to be handed a tea each");
        waiting.ShouldBe(new List<string> { "oolong" });
    }

    // ReadAllAsync is GetConsumingEnumerable for await: one item per turn, and the loop ends when the writer completes.
    [Koan("The reader task is there, but its body is empty. Give it the loop that reads every item into `read` until the writing is over.")]
    public async Task ReadAllAsyncIsTheAwaitableGetConsumingEnumerable()
    {
        var channel = Channel.CreateUnbounded<int>();
        var read = new List<int>();
        var reader = Task.Run(async () =>
        {
            await foreach (var item in channel.Reader.ReadAllAsync())
            {
                read.Add(item);
            }
        });

        foreach (var item in new[] { 3, 1, 4 })
        {
            await channel.Writer.WriteAsync(item);
        }

        channel.Writer.Complete();
        await Bounded.Await(reader, "the reader to read every item and end once the writer completed");
        read.ShouldBe(new List<int> { 3, 1, 4 }, "the reader did not read every item, in order");
    }

    // Complete is CompleteAdding: once a writer has said "no more", the channel takes nothing else, and TryWrite says so instead of throwing.
    [Koan("The writer completes the channel along the way, and goes on trying. Which orders did the channel refuse?")]
    public void ACompletedChannelRefusesMoreItems()
    {
        var channel = Channel.CreateUnbounded<string>();
        var refused = new List<string>();
        foreach (var order in new[] { "sencha", "last call", "assam", "oolong" })
        {
            if (!channel.Writer.TryWrite(order))
            {
                refused.Add(order);
            }

            if (order == "last call")
            {
                channel.Writer.Complete();
            }
        }

        refused.ShouldBe(new List<string> { "assam", "oolong" });
    }

    // A completed channel is not an empty one: Reader.Completion ends only once the last item has been read.
    [Koan("The loop counts a read only while the reader's Completion has not ended. Trace it: how many reads does it count?")]
    public void ReaderCompletionWaitsForTheLastItemToBeRead()
    {
        var channel = Channel.CreateUnbounded<string>();
        foreach (var cup in new[] { "sencha", "assam", "oolong", "chai" })
        {
            channel.Writer.TryWrite(cup).ShouldBeTrue();
        }

        channel.Writer.Complete();
        var counted = 0;
        while (channel.Reader.TryRead(out _) && !channel.Reader.Completion.IsCompleted)
        {
            counted++;
        }

        counted.ShouldBe(3);
    }

    // A bounded channel pushes back: a write beyond its room waits, so a fast writer cannot run away from its readers.
    [Koan("Five writes are asked of a channel with room for two, and then the koan reads one item. Which writes have finished now?")]
    public async Task ABoundedChannelFinishesOnlyAsManyWritesAsItHasRoomFor()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.Wait });
        string[] teas = ["sencha", "assam", "oolong", "chai", "mint"];
        var writes = teas.Select(tea => channel.Writer.WriteAsync(tea)).ToList();

        channel.Reader.TryRead(out _).ShouldBeTrue();
        var finished = teas.Where((tea, at) => writes[at].IsCompleted).ToList();
        ReadWhatIsLeft(channel);
        await Bounded.Await(Task.WhenAll(writes.Select(write => write.AsTask())), "every write, once the channel was read empty");
        finished.ShouldBe(new List<string> { "sencha", "assam", "oolong" });
    }

    // A writer can wait for room without writing; if the channel completes instead, there will never be room.
    [Koan("The writer waits for room whenever the channel is full. The koan makes room once, then completes the channel. Which teas did the writer get in?")]
    public async Task WaitToWriteAsyncSaysWhetherThereWillEverBeRoom()
    {
        var channel = Channel.CreateBounded<string>(1);
        var written = new List<string>();
        var writer = Task.Run(async () =>
        {
            foreach (var tea in new[] { "sencha", "assam", "oolong" })
            {
                while (!channel.Writer.TryWrite(tea))
                {
                    if (!await channel.Writer.WaitToWriteAsync())
                    {
                        return;
                    }
                }

                written.Add(tea);
            }
        });

        Bounded.Until(() => channel.Reader.Count == 1, "the writer to fill the channel");
        channel.Reader.TryRead(out _).ShouldBeTrue();
        Bounded.Until(() => channel.Reader.Count == 1, "the writer to use the room the koan made");
        channel.Writer.Complete();
        await Bounded.Await(writer, "the writer to stop once the channel was completed");
        written.ShouldBe(new List<string> { "sencha", "assam" });
    }

    // DropNewest makes room by losing the newest item already waiting, not the one being written.
    [Koan("Room for two, FullMode DropNewest. Trace the writes and the one read: which teas are left to read, in order?")]
    public void DropNewestLosesTheNewestItemAlreadyWaiting()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.DropNewest });
        foreach (var tea in new[] { "sencha", "assam", "oolong" })
        {
            channel.Writer.TryWrite(tea).ShouldBeTrue();
        }

        channel.Reader.TryRead(out _).ShouldBeTrue();
        foreach (var tea in new[] { "chai", "mint" })
        {
            channel.Writer.TryWrite(tea).ShouldBeTrue();
        }

        ReadWhatIsLeft(channel).ShouldBe(new List<string> { "oolong", "mint" });
    }

    // DropWrite makes room by losing the item being written, and the writer is none the wiser.
    [Koan("Room for two, FullMode DropWrite. The writer counts every write that TryWrite accepted. What does it count, and how many teas can be read?")]
    public void DropWriteLosesTheItemBeingWrittenWithoutATrace()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.DropWrite });
        var accepted = 0;
        foreach (var tea in new[] { "sencha", "assam", "oolong", "chai", "mint" })
        {
            if (channel.Writer.TryWrite(tea))
            {
                accepted++;
            }
        }

        new[] { accepted, ReadWhatIsLeft(channel).Count }.ShouldBe(new[] { 5, 2 });
    }

    // Several readers of one channel share the work: each item is handed to exactly one of them.
    [Koan("Three readers share one channel, and each waits for the other two after every item it reads. How many items did each reader read?")]
    public void EachItemGoesToExactlyOneOfSeveralReaders()
    {
        var channel = Channel.CreateUnbounded<int>();
        for (var order = 1; order <= 24; order++)
        {
            channel.Writer.TryWrite(order).ShouldBeTrue();
        }

        channel.Writer.Complete();
        var read = new int[3];
        using var round = new Barrier(3);
        var readers = Enumerable.Range(0, 3).Select(me => Background.Started($"reader-{me + 1}", () =>
        {
            while (channel.Reader.TryRead(out _))
            {
                read[me]++;
                Bounded.SignalAndWait(round, "the other readers to read an item too");
            }
        })).ToList();

        readers.ForEach(reader => Bounded.Join(reader, "it read until the channel was empty"));
        read.ShouldBe(new[] { 8, 8, 8 });
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
        channel.Writer.Complete(broken);
        Bounded.Wait(reader, "the reader to end once the writing was over");
        reader.IsFaulted.ShouldBeTrue("the reader ended as if all was well: it never heard that the feed broke (was Complete given the error?)");
        reader.Exception!.InnerException.ShouldBeSameAs(broken, "the reader failed, but not with the writer's error");
    }

    // Reader.Completion carries the writer's error, so whoever awaits the channel's end learns why it ended; the first end given is the one kept.
    [Koan("The scale and the till share the channel's writer, and each tries to end the channel with an error of its own. What message does the awaited Completion throw?")]
    public async Task AWritersErrorFaultsTheReadersCompletion()
    {
        var channel = Channel.CreateUnbounded<int>();
        var scale = channel.Writer;
        var till = channel.Writer;
        scale.TryComplete(new TimeoutException("the scale stopped answering"));
        till.TryComplete(new InvalidOperationException("the till is empty"));

        var thrown = await Should.ThrowAsync<Exception>(Bounded.Await(channel.Reader.Completion, "the reader's Completion"));
        thrown.Message.ShouldBe("the scale stopped answering");
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

            squares.Writer.Complete();
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

    // Parallel.ForEachAsync caps how many bodies are in flight, however long each one awaits: a body that ends makes room for the next item.
    [Koan("Three bodies at a time, each awaiting its own gate. The koan opens some gates, one at a time, each time waiting for the freed place to be taken. Which items are in flight at the end?")]
    public async Task ParallelForEachAsyncKeepsAtMostItsDegreeInFlight()
    {
        var gates = Enumerable.Range(0, 11).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var inFlight = new ConcurrentDictionary<int, bool>();
        var all = Parallel.ForEachAsync(Enumerable.Range(1, 10), new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (item, token) =>
        {
            inFlight[item] = true;
            await Bounded.Await(gates[item].Task, $"the gate of item {item}");
            inFlight.TryRemove(item, out _);
        });

        int[] atTheEnd;
        try
        {
            Bounded.Until(() => inFlight.Count == 3, "three bodies to be in flight");
            foreach (var item in new[] { 2, 4, 1 })
            {
                gates[item].SetResult();
                Bounded.Until(() => !inFlight.ContainsKey(item) && inFlight.Count == 3, $"the place item {item} freed to be taken");
            }

            atTheEnd = [.. inFlight.Keys.Order()];
        }
        finally
        {
            Array.ForEach(gates, gate => gate.TrySetResult());
        }

        await Bounded.Await(all, "all ten bodies to run");
        atTheEnd.ShouldBe(new[] { 3, 5, 6 });
    }

    // Your second pool: the same jobs-and-workers idea as WorkerPool, with a channel for the queue and tasks for the workers.
    [Koan("Each reader of your async pool has run a job and found the channel empty. Submit five jobs to it, each of which signals `allDone` when it runs.")]
    public void YourAsyncPoolRunsTheJobsYouSubmit()
    {
        using var pool = new AsyncWorkerPool(readers: 2);
        EveryReaderRunsAJobAndFindsTheChannelEmpty(pool);
        using var allDone = new CountdownEvent(5);
        for (var n = 1; n <= 5; n++)
        {
            pool.Submit(() =>
            {
                allDone.Signal();
                return Task.CompletedTask;
            });
        }

        Bounded.Wait(allDone, "your async pool's readers to run all five jobs (were all five submitted? Each reader had found the channel empty before "
            + "they came: does ReadLoopAsync end when the channel is empty for a moment, instead of when it is completed?)");
        Bounded.Until(() => pool.Completed == 7, "your async pool to count as completed the two jobs the koan gave it first and your five "
            + "(does ReadLoopAsync run every job through RunAsync, which counts it?)");
        pool.Dispose();
        Should.Throw<InvalidOperationException>(() => pool.Submit(() => Task.CompletedTask), "your disposed pool took a new job: Submit must refuse a job the channel does not take");
    }

    // A graceful end of an async pool: no more jobs come in, every job already in its channel still runs, and the pool ends after the last of them.
    [Koan("Your pool is completed from a ui thread while its reader is held on the first job, and one more job is offered. In what order do the lines of the log come?")]
    public async Task CompletingYourAsyncPoolStillRunsTheJobsInIt()
    {
        var pool = new AsyncWorkerPool(readers: 1);
        var log = new ConcurrentQueue<string>();
        var sencha = new HeldJob(log, "sencha");
        var oolong = new HeldJob(log, "oolong");
        pool.Submit(sencha.RunAsync);
        pool.Submit(Brew(log, "assam"));
        pool.Submit(oolong.RunAsync);

        using var ui = new OneThreadContext("ui");
        var completing = await Bounded.Await(ui.Run(pool.CompleteAsync), "CompleteAsync, called on the ui thread, to hand back its task (does it block, with Wait, instead of awaiting?)");
        completing.IsCompleted.ShouldBeFalse("your pool ended at once, while its reader was still held on the first job: does CompleteAsync wait for every reader to end?");
        OfferAJob(pool, log, "chai");
        sencha.Release();
        await Bounded.Await(oolong.Started, "your pool's reader to go on to the last job, oolong");
        var endedWhileOolongRan = await Bounded.Await(ui.Run(() => completing.IsCompleted), "the ui thread to look at your pool");
        oolong.Release();
        await Bounded.Await(completing, "your pool to end once every job in it had run (did CompleteAsync tell the channel that no more jobs will come?)");
        log.Enqueue("the pool ended");
        endedWhileOolongRan.ShouldBeFalse("your pool ended while its last job, oolong, still ran: does CompleteAsync wait for every reader to end, or only for the channel to be read empty?");
        log.ToArray().ShouldBe(new[] { "chai refused", "sencha", "assam", "oolong", "the pool ended" });
    }

    // One bad job must not cost the pool a reader: it is counted as failed, and the reader takes the next job.
    [Koan("Your pool's single reader runs every job on the list, each of which ends its own way. What do Completed and Failed say once the pool has ended?")]
    public async Task AFailedJobIsCountedAndItsReaderGoesOn()
    {
        var pool = new AsyncWorkerPool(readers: 1);
        pool.Submit(() => Task.CompletedTask);
        pool.Submit(() => throw new InvalidOperationException("the kettle is cold"));
        pool.Submit(async () => await Task.Yield());
        pool.Submit(() => Task.FromException(new TimeoutException("the milk is late")));
        pool.Submit(() => Task.FromCanceled(new CancellationToken(canceled: true)));
        pool.Submit(async () =>
        {
            await Task.Yield();
            throw new ArgumentException("no such tea");
        });

        var ending = pool.CompleteAsync();
        await Bounded.Await(Ended(ending), "your pool's single reader to run every job and end");
        ending.IsFaulted.ShouldBeFalse($"your pool ended with what a job threw ({ending.Exception?.InnerException?.Message}): its reader died on that job "
            + "instead of going on to the next. Does RunAsync's catch throw the failure on?");
        new[] { pool.Completed, pool.Failed }.ShouldBe(new long[] { 2, 4 }, "Completed, then Failed, of your pool once it had ended");
        pool.LastFailure.ShouldBeOfType<ArgumentException>("your pool's LastFailure is not the last job's failure");
    }

    // SubmitAsync gives the submitter a task for its own job: await it to know when the job ended, and how.
    [Koan("Three jobs go in through SubmitAsync. Once the second and the third have ended, in what state is each of the three tasks their submitter holds?")]
    public async Task SubmitAsyncHandsBackATaskThatEndsAsItsJobEnds()
    {
        var pool = new AsyncWorkerPool(readers: 2);
        var gate = new TaskCompletionSource(); // No RunContinuationsAsynchronously: what awaits the gate goes on on the thread that opens it.
        var steeping = pool.SubmitAsync(() => gate.Task);
        var spilled = pool.SubmitAsync(() => Task.FromException(new InvalidOperationException("the pot spilled")));
        var poured = pool.SubmitAsync(() => Task.CompletedTask);

        await Bounded.Await(Task.WhenAll(Ended(spilled), Ended(poured)), "the tasks of the second and third jobs to end (does SubmitAsync complete `done` as the job ends?)");
        var states = new[] { steeping.Status, spilled.Status, poured.Status };
        var overWithTheGate = false;
        Bounded.Join(Background.Started("opener", () =>
        {
            gate.SetResult();
            overWithTheGate = steeping.IsCompleted;
        }), "it opened the gate");
        await Bounded.Await(pool.CompleteAsync(), "your pool to run its jobs and end");

        states.ShouldBe(new[] { TaskStatus.WaitingForActivation, TaskStatus.Faulted, TaskStatus.RanToCompletion }, "the states of the submitter's three tasks, in the order it submitted the jobs");
        spilled.Exception!.InnerException.ShouldBeOfType<InvalidOperationException>(
            "the submitter's task failed, but not with what its job threw: with an AggregateException around it? Does SubmitAsync block on its job (Wait, Result) instead of awaiting it?");
        overWithTheGate.ShouldBeTrue("the task of the job at the gate had not ended when the thread that opened the gate came back: does SubmitAsync block on its job (Wait, Result) instead of awaiting it?");
        pool.Failed.ShouldBe(1, "the job's failure reached its submitter's task, but not your pool: SubmitAsync's job must throw it on, so that your pool counts it");
        pool.LastFailure.ShouldBeSameAs(spilled.Exception.InnerException, "your pool's LastFailure is not what the job threw");
    }

    // Each pool has its strength: a job that waits holds a thread of your WorkerPool, while a job of your async pool that awaits holds none.
    [Koan("A job in each of your pools waits for the same gate, and a thread of the koan's opens it. On which thread does each job go on?")]
    public void AWaitingJobHoldsAThreadInYourWorkerPoolButNotInYourAsyncPool()
    {
        var gate = new TaskCompletionSource(); // No RunContinuationsAsynchronously: what awaits the gate goes on on the thread that opens it.
        var wentOnAt = new string[2];
        using var bothWait = new CountdownEvent(2);
        using var threads = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        var tasks = new AsyncWorkerPool(readers: 1);
        threads.Submit(() =>
        {
            bothWait.Signal();
            gate.Task.Wait(Bounded.Timeout);
            wentOnAt[0] = Thread.CurrentThread.Name ?? "a thread with no name";
        });
        async Task AwaitTheGate()
        {
            await gate.Task;
            wentOnAt[1] = Thread.CurrentThread.Name ?? "a thread with no name";
        }

        tasks.Submit(() => AwaitingAt(AwaitTheGate(), bothWait));
        Bounded.Wait(bothWait, "a job of each pool to wait at the gate");
        Bounded.Join(Background.Started("opener", gate.SetResult), "it opened the gate");
        threads.WaitForIdle(Bounded.Timeout).ShouldBeTrue("your WorkerPool's job did not end within 1 s of the gate opening");
        Bounded.Wait(tasks.CompleteAsync(), "your async pool's job to end and the pool with it");
        wentOnAt.ShouldBe(new[] { "worker-1", "opener" });
    }

    // Blocking work wants threads of its own: a job of your async pool runs on the shared ThreadPool, whose threads the whole program needs.
    [Koan("Every job notes its name whenever it runs on a ThreadPool thread. Which names are noted?")]
    public void OnlyYourWorkerPoolGivesItsJobsThreadsOfTheirOwn()
    {
        var onThreadPool = new ConcurrentQueue<string>();
        void Note(string job)
        {
            if (Thread.CurrentThread.IsThreadPoolThread)
            {
                onThreadPool.Enqueue(job);
            }
        }

        // So a job that blocks (Thread.Sleep, .Result, a lock held long) belongs in the WorkerPool; one that awaits, in the async pool.
        using (var threads = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 }))
        {
            threads.Submit(() => Note("print the receipts"));
            threads.Submit(() => Task.Run(() => Note("count the till")).Wait(Bounded.Timeout));
            threads.WaitForIdle(Bounded.Timeout).ShouldBeTrue("your WorkerPool did not run its two jobs within 1 s");
        }

        var tasks = new AsyncWorkerPool(readers: 1);
        tasks.Submit(async () =>
        {
            Note("ask the supplier");
            await Task.Yield();
            Note("pay the supplier");
        });
        Bounded.Wait(tasks.CompleteAsync(), "your async pool to run its job and end");
        onThreadPool.Order(StringComparer.Ordinal).ToArray().ShouldBe(new[] { "ask the supplier", "count the till", "pay the supplier" });
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

    /// <summary>A task that ends when <paramref name="task"/> ends, however it ends, and throws nothing of what it threw.</summary>
    private static Task Ended(Task task) =>
        task.ContinueWith(static ended => _ = ended.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>
    /// Has every reader of <paramref name="pool"/> take a job and then look at an empty channel again, for certain before this returns:
    /// the jobs hand back one task that this thread completes, so the readers go on, from their job to their next look, on this thread.
    /// </summary>
    private static void EveryReaderRunsAJobAndFindsTheChannelEmpty(AsyncWorkerPool pool)
    {
        using var taken = new CountdownEvent(pool.Readers);
        var finish = new TaskCompletionSource(); // No RunContinuationsAsynchronously: the readers go on here.
        for (var n = 0; n < pool.Readers; n++)
        {
            pool.Submit(() =>
            {
                taken.Signal();
                return finish.Task;
            });
        }

        Bounded.Wait(taken, "each reader of your async pool to take one of the koan's first jobs. A reader runs one job at a time: does Submit write the job "
            + "into the channel, and does each reader go on reading until the channel is completed, or does it end when the channel is empty?");
        finish.SetResult();
        // Each reader counts its job and goes back to the channel, where it finds nothing: only then does the koan go on.
        Bounded.UntilSteady(() => pool.Completed == pool.Readers, "each reader of your async pool to count the koan's first job as completed "
            + "(does ReadLoopAsync run every job through RunAsync, which counts it?)");
    }

    /// <summary>A job for your pool that logs <paramref name="tea"/>.</summary>
    private static Func<Task> Brew(ConcurrentQueue<string> log, string tea) => () =>
    {
        log.Enqueue(tea);
        return Task.CompletedTask;
    };

    /// <summary>Offers your pool a job that logs <paramref name="tea"/>; when the pool refuses it, logs "<paramref name="tea"/> refused" instead.</summary>
    private static void OfferAJob(AsyncWorkerPool pool, ConcurrentQueue<string> log, string tea)
    {
        try
        {
            pool.Submit(Brew(log, tea));
        }
        catch (InvalidOperationException)
        {
            log.Enqueue($"{tea} refused");
        }
    }

    /// <summary>Signals <paramref name="waiting"/> once <paramref name="awaiting"/> has begun its await, and hands it back as the job's task.</summary>
    private static Task AwaitingAt(Task awaiting, CountdownEvent waiting)
    {
        waiting.Signal();
        return awaiting;
    }

    /// <summary>A job for your pool that, once started, waits for the koan to release it, and then logs its tea.</summary>
    private sealed class HeldJob(ConcurrentQueue<string> log, string tea)
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        public void Release() => _released.TrySetResult();

        public async Task RunAsync()
        {
            _started.TrySetResult();
            await Bounded.Await(_released.Task, $"the koan to release {tea}");
            log.Enqueue(tea);
        }
    }

    /// <summary>A SynchronizationContext with one thread, as a UI has: what is posted to it runs on that thread, one at a time, in the order posted.</summary>
    private sealed class OneThreadContext : SynchronizationContext, IDisposable
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _posted = [];

        public OneThreadContext(string name) => Background.Started(name, Loop);

        public override void Post(SendOrPostCallback d, object? state)
        {
            try
            {
                _posted.Add((d, state));
            }
            catch (InvalidOperationException)
            {
                // The ui thread has stopped taking posts: what comes late runs on the ThreadPool.
                base.Post(d, state);
            }
        }

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("this context only takes posts");

        /// <summary>Runs <paramref name="work"/> on the ui thread, after whatever was posted before it, and hands back its result.</summary>
        public Task<T> Run<T>(Func<T> work)
        {
            var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(_ =>
            {
                try
                {
                    result.SetResult(work());
                }
                catch (Exception problem)
                {
                    result.SetException(problem);
                }
            }, null);
            return result.Task;
        }

        /// <summary>Takes no more posts; the ui thread ends once it has run those it has (a background thread, it never holds the process).</summary>
        public void Dispose() => _posted.CompleteAdding();

        private void Loop()
        {
            SetSynchronizationContext(this);
            foreach (var (callback, state) in _posted.GetConsumingEnumerable())
            {
                callback(state);
            }
        }
    }
}
