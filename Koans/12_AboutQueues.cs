using System.Threading.Channels;
using ThreadState = System.Threading.ThreadState;

namespace Koans;

[Topic("""
    A queue is how one thread hands work to another: the producer puts jobs in at the back, a worker
    takes them from the front. The plain Queue<T> is fine for one thread and breaks under two.
    ConcurrentQueue<T> survives many threads, BlockingCollection<T> adds waiting (a worker sleeps until
    a job comes, a producer waits while the queue is full, and "no more jobs" ends the worker's loop),
    and Channel<T> is the same idea as today's .NET writes it. Every worker pool is built on one of these.
    """)]
public class AboutQueues
{
    // Jobs are done in the order they were given: whoever came first is served first.
    [Koan("Peek looks at the front of the queue; Dequeue takes from the front.")]
    public void AQueueHandsOutItemsInTheOrderTheyCame()
    {
        var queue = new Queue<string>();
        queue.Enqueue("wash");
        queue.Enqueue("dry");
        queue.Enqueue("fold");

        queue.Peek().ShouldBe(__);
        queue.Count.ShouldBe(3, "Peek only looks; nothing left the queue");
        var order = new[] { queue.Dequeue(), queue.Dequeue(), queue.Dequeue() };
        order.ShouldBe(__);
    }

    // A Queue<T> notices when it changes under a reader's feet and stops the reading rather than lie.
    [Koan("The other thread's Enqueue lands after the walk has seen its first item. How far does the walk get?")]
    public void ChangingAQueueWhileAnotherThreadWalksItBreaksTheWalk()
    {
        var queue = new Queue<int>();
        queue.Enqueue(1);
        queue.Enqueue(2);
        queue.Enqueue(3);
        var seen = new List<int>();
        Exception? broken = null;

        try
        {
            foreach (var item in queue)
            {
                seen.Add(item);
                if (seen.Count == 1)
                {
                    var other = new Thread(() => queue.Enqueue(4)) { IsBackground = true, Name = "other" };
                    other.Start();
                    Bounded.Join(other, "it only had one item to add");
                }
            }
        }
        catch (InvalidOperationException exception)
        {
            broken = exception;
        }

        broken.ShouldNotBeNull("the walk went on as if nothing had changed");
        seen.ToArray().ShouldBe(__, "the walk broke after seeing only these items");
    }

    // "If there is a job, take it" is two steps; another thread can slip in between them.
    [Koan("Both threads saw one job waiting before either of them took it. How many of them can have it?")]
    public void CheckThenActOnAPlainQueueIsARace()
    {
        var queue = new Queue<string>();
        queue.Enqueue("the only job");
        var bothChecked = new Barrier(2);
        var firstHasTaken = new ManualResetEventSlim();
        var taken = 0;
        var failures = 0;

        void CheckThenTake(bool goesSecond)
        {
            if (queue.Count > 0)
            {
                // Both threads have seen Count 1 before either takes; then they take one after the other.
                bothChecked.SignalAndWait(Bounded.Timeout);
                DequeueInTurn(queue, goesSecond, firstHasTaken, ref taken, ref failures);
            }
        }

        var first = Background.Started("first", () => CheckThenTake(goesSecond: false));
        var second = Background.Started("second", () => CheckThenTake(goesSecond: true));
        Bounded.Join(first, "it had one job to take");
        Bounded.Join(second, "it had one job to take");

        taken.ShouldBe(1);
        failures.ShouldBe(__, "count the Dequeues that found the queue already empty");
    }

    // A ConcurrentQueue turns "check, then take" into one step that cannot be split.
    [Koan("Two threads reach for one job at the same moment. Nobody throws; what does each TryDequeue return?")]
    public void TryDequeueSaysNoInsteadOfThrowing()
    {
        var queue = new ConcurrentQueue<string>();
        queue.Enqueue("the only job");
        var bothReady = new Barrier(2);
        var answers = new ConcurrentBag<bool>();

        Thread Worker(string name) => new(() =>
        {
            bothReady.SignalAndWait(Bounded.Timeout);
            answers.Add(queue.TryDequeue(out _));
        })
        { IsBackground = true, Name = name };

        var one = Worker("one");
        var two = Worker("two");
        one.Start();
        two.Start();
        Bounded.Join(one, "TryDequeue never waits");
        Bounded.Join(two, "TryDequeue never waits");

        answers.OrderBy(answer => answer).ToArray().ShouldBe(__);
    }

    // A worker with nothing to do should sleep until work comes, not spin asking "anything yet?".
    [Koan("The consumer is already waiting in the queue. Give it something to take.")]
    public void TakeWaitsUntilAnItemArrives()
    {
        var queue = new BlockingCollection<string>();
        string? got = null;
        // TryTake with a timeout waits exactly like Take, but gives up in the end.
        var consumer = new Thread(() => got = queue.TryTake(out var job, Bounded.Timeout) ? job : null)
        {
            IsBackground = true,
            Name = "consumer",
        };
        consumer.Start();
        Bounded.Until(() => consumer.ThreadState.HasFlag(ThreadState.WaitSleepJoin), "the consumer to wait in the empty queue");

        ___();

        Bounded.Join(consumer, "it is still waiting in the queue: nothing arrived");
        got.ShouldBe("a job", "the consumer gave up waiting: nothing arrived");
    }

    // A bounded queue makes a fast producer wait for a slow consumer instead of piling up work forever.
    [Koan("The producer is stuck on its third item because the queue is full. Make room.")]
    public void ABoundedQueuePushesBackOnTheProducer()
    {
        var queue = new BlockingCollection<int>(boundedCapacity: 2);
        var added = 0;
        // TryAdd with a timeout waits exactly like Add, but gives up in the end.
        var producer = new Thread(() =>
        {
            for (var item = 1; item <= 3 && queue.TryAdd(item, Bounded.Timeout); item++)
            {
                Interlocked.Increment(ref added);
            }
        })
        { IsBackground = true, Name = "producer" };
        producer.Start();
        Bounded.Until(
            () => Volatile.Read(ref added) == 2 && producer.ThreadState.HasFlag(ThreadState.WaitSleepJoin),
            "the producer to fill the queue and wait with its third item");
        queue.Count.ShouldBe(2);

        ___();

        Bounded.Join(producer, "it is still waiting with its third item: the queue stayed full");
        added.ShouldBe(3, "the producer gave up on its third item: the queue stayed full");
    }

    // A producer that must not wait forever can ask for a place and hear "no" in good time.
    [Koan("The queue has room for one item and holds one already.")]
    public void TryAddWithATimeoutGivesUpWhenTheQueueIsFull()
    {
        var queue = new BlockingCollection<string>(boundedCapacity: 1);
        queue.Add("first");

        var accepted = queue.TryAdd("second", Bounded.Brief);

        accepted.ShouldBe(__);
        queue.Count.ShouldBe(1);
    }

    // A worker loop over GetConsumingEnumerable ends only when the producer says no more jobs are coming.
    [Koan("The worker did all three jobs and still waits for a fourth. Tell the queue nothing more is coming.")]
    public void CompleteAddingEndsTheWorkerLoop()
    {
        var queue = new BlockingCollection<string>();
        var done = new ConcurrentQueue<string>();
        var worker = new Thread(() =>
        {
            foreach (var job in queue.GetConsumingEnumerable())
            {
                done.Enqueue(job);
            }
        })
        { IsBackground = true, Name = "worker" };
        worker.Start();

        queue.Add("wash");
        queue.Add("dry");
        queue.Add("fold");
        ___();

        Bounded.Join(worker, "its loop is still waiting for more jobs");
        done.ToArray().ShouldBe(new[] { "wash", "dry", "fold" });
    }

    // "No more will be added" and "nothing is left to take" are two different moments.
    [Koan("The queue is closed for adding, but two items still wait in it.")]
    public void ClosedForAddingIsNotTheSameAsFinished()
    {
        var queue = new BlockingCollection<int>();
        queue.Add(1);
        queue.Add(2);
        queue.CompleteAdding();

        new[] { queue.IsAddingCompleted, queue.IsCompleted }.ShouldBe(__);

        Bounded.Take(queue, "the first of two items");
        Bounded.Take(queue, "the second of two items");
        queue.IsCompleted.ShouldBe(__);
    }

    // Adding to a closed queue is a bug in the producer, and the queue says so loudly.
    [Koan("What kind of exception says \"you may not do that now\"?")]
    public void AddingAfterCompleteAddingThrows()
    {
        var queue = new BlockingCollection<string>();
        queue.Add("on time");
        queue.CompleteAdding();

        Exception? refused = null;
        try
        {
            queue.Add("late");
        }
        catch (Exception exception)
        {
            refused = exception;
        }

        refused.ShouldNotBeNull("the closed queue accepted a late item");
        refused.GetType().ShouldBe(__);
        queue.Count.ShouldBe(1);
    }

    // Two workers on one queue split the jobs between them: each job is done once, by one of them.
    [Koan("You cannot know who took which job, but you can count them all.")]
    public void TwoWorkersTakeEveryJobExactlyOnce()
    {
        var queue = new BlockingCollection<int>();
        var taken = new ConcurrentBag<int>();
        var perWorker = new int[2];

        void Work(int number)
        {
            foreach (var job in queue.GetConsumingEnumerable())
            {
                taken.Add(job);
                perWorker[number]++;
            }
        }

        Thread[] workers = [Background.Started("worker 0", () => Work(0)), Background.Started("worker 1", () => Work(1))];
        for (var job = 1; job <= 10; job++)
        {
            queue.Add(job);
        }

        queue.CompleteAdding();
        Array.ForEach(workers, worker => Bounded.Join(worker, "the queue was closed and should run dry"));

        taken.Distinct().Count().ShouldBe(taken.Count, "some job was taken twice");
        (perWorker[0] + perWorker[1]).ShouldBe(__);
    }

    // A Channel is today's queue between threads: a writer end, a reader end, and await instead of blocking.
    [Koan("The reader has read all three items and still waits for a fourth. Tell it the writing is over.")]
    public void AChannelReaderFinishesWhenTheWriterCompletes()
    {
        var channel = Channel.CreateUnbounded<int>();
        var reader = Task.Run(async () =>
        {
            var read = new List<int>();
            await foreach (var item in channel.Reader.ReadAllAsync())
            {
                read.Add(item);
            }

            return read;
        });

        channel.Writer.TryWrite(1).ShouldBeTrue();
        channel.Writer.TryWrite(2).ShouldBeTrue();
        channel.Writer.TryWrite(3).ShouldBeTrue();
        ___();

        reader.Wait(Bounded.Timeout).ShouldBeTrue("the reader is still waiting for more items after 1 s");
        reader.Result.ShouldBe(new List<int> { 1, 2, 3 });
    }

    // A bounded channel can choose what to lose when it is full, so a writer never has to wait.
    [Koan("Three writes into room for two, every write accepted, and the two newest items survive.")]
    public void AFullChannelCanDropTheOldestItem()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(2) { FullMode = __ });

        var accepted = new[]
        {
            channel.Writer.TryWrite("first"),
            channel.Writer.TryWrite("second"),
            channel.Writer.TryWrite("third"),
        };

        accepted.ShouldBe(new[] { true, true, true }, "a write was refused: the full channel made the writer wait");
        var survivors = new List<string>();
        while (channel.Reader.TryRead(out var item))
        {
            survivors.Add(item);
        }

        survivors.ShouldBe(new List<string> { "second", "third" }, "the full channel made room by losing another item");
    }

    // Dequeues once, the second taker only after the first has tried: counts a Dequeue that got a job in taken, and one
    // that found the queue already empty (and threw) in failures.
    private static void DequeueInTurn(Queue<string> queue, bool goesSecond, ManualResetEventSlim firstHasTaken, ref int taken, ref int failures)
    {
        if (goesSecond)
        {
            firstHasTaken.Wait(Bounded.Timeout);
        }

        try
        {
            queue.Dequeue();
            Interlocked.Increment(ref taken);
        }
        catch (InvalidOperationException)
        {
            Interlocked.Increment(ref failures);
        }
        finally
        {
            firstHasTaken.Set();
        }
    }
}
