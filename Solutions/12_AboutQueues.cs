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
    [Koan("Jobs are added and taken in turns. Follow the front of the queue line by line: Peek looks at it, Dequeue takes it.")]
    public void AQueueHandsOutItemsInTheOrderTheyCame()
    {
        var queue = new Queue<string>();
        queue.Enqueue("wash");
        queue.Enqueue("dry");
        var done = new List<string> { queue.Dequeue() };
        queue.Enqueue("fold");
        queue.Enqueue("iron");
        done.Add(queue.Dequeue());

        queue.Peek().ShouldBe("fold");
        done.ShouldBe(new List<string> { "wash", "dry" });
        queue.Count.ShouldBe(2, "Peek only looks; nothing left the queue");
    }

    // A Queue<T> notices when it changes under a reader's feet and stops the reading rather than lie.
    [Koan("During the walk another thread first looks at the queue, later changes it. Which items does the walk see before it breaks?")]
    public void ChangingAQueueWhileAnotherThreadWalksItBreaksTheWalk()
    {
        var queue = new Queue<int>([1, 2, 3]);
        var seen = new List<int>();
        Exception? broken = null;

        try
        {
            foreach (var item in queue)
            {
                seen.Add(item);
                if (item == 1)
                {
                    OnAnotherThread("looker", () => _ = queue.Peek());
                }

                if (item == 2)
                {
                    OnAnotherThread("changer", () => queue.Enqueue(4));
                }
            }
        }
        catch (InvalidOperationException exception)
        {
            broken = exception;
        }

        broken.ShouldNotBeNull("the walk went on as if nothing had changed");
        seen.ToArray().ShouldBe(new[] { 1, 2 }, "the items the walk saw before it broke");
    }

    // "If there is a job, take it" is two steps; another thread can slip in between them.
    [Koan("Every taker saw jobs waiting before any of them took one; then they take one after the other. Count the Dequeues that got a job and those that threw.")]
    public void CheckThenActOnAPlainQueueIsARace()
    {
        var queue = new Queue<string>(["wash", "dry"]);
        var allHaveChecked = new Barrier(3);
        var turns = new InTurn(3);
        var taken = 0;
        var failures = 0;

        void CheckThenTake(int turn)
        {
            if (queue.Count > 0)
            {
                // Every taker has seen the jobs waiting before any takes; then they take one after the other.
                allHaveChecked.SignalAndWait(Bounded.Timeout);
                turns.Run(turn, () => DequeueOnce(queue, ref taken, ref failures));
            }
        }

        var takers = Enumerable.Range(0, 3).Select(turn => Background.Started($"taker {turn + 1}", () => CheckThenTake(turn))).ToList();
        takers.ForEach(taker => Bounded.Join(taker, "it had one job to take"));

        new[] { taken, failures }.ShouldBe(new[] { 2, 1 }, "Dequeues that got a job, Dequeues that found the queue already empty");
    }

    // A ConcurrentQueue turns "check, then take" into one step that cannot be split.
    [Koan("The workers reach for the jobs at the same moment. Nobody throws; what did each come away with?")]
    public void TryDequeueSaysNoInsteadOfThrowing()
    {
        var queue = new ConcurrentQueue<string>(["wash", "dry"]);
        var allReady = new Barrier(3);
        var got = new ConcurrentQueue<string>();
        var workers = Enumerable.Range(1, 3).Select(n => Background.Started($"worker {n}", () =>
        {
            allReady.SignalAndWait(Bounded.Timeout);
            got.Enqueue(queue.TryDequeue(out var job) ? job : "no job");
        })).ToList();
        workers.ForEach(worker => Bounded.Join(worker, "TryDequeue never waits"));

        got.Order(StringComparer.Ordinal).ToArray().ShouldBe(new[] { "dry", "no job", "wash" });
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

        queue.Add("a job");

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

        Bounded.Take(queue, "the first item");

        Bounded.Join(producer, "it is still waiting with its third item: the queue stayed full");
        added.ShouldBe(3, "the producer gave up on its third item: the queue stayed full");
    }

    // A producer that must not wait forever can ask for a place and hear "no" in good time.
    [Koan("Jobs are offered with a short wait while the koan takes one out in between. Trace the places: what is in the queue at the end?")]
    public void TryAddWithATimeoutGivesUpWhenTheQueueIsFull()
    {
        var queue = new BlockingCollection<string>(boundedCapacity: 2);
        void Offer(string job) => _ = queue.TryAdd(job, Bounded.Brief);

        Offer("wash");
        Offer("dry");
        Offer("fold");
        Bounded.Take(queue, "the first job in the queue");
        Offer("iron");
        Offer("mend");

        queue.ToArray().ShouldBe(new[] { "dry", "iron" }, "the jobs in the queue at the end, front first");
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
        queue.CompleteAdding();

        Bounded.Join(worker, "its loop is still waiting for more jobs");
        done.ToArray().ShouldBe(new[] { "wash", "dry", "fold" });
    }

    // "No more will be added" and "nothing is left to take" are two different moments.
    [Koan("This worker leaves its loop as soon as the queue is closed for adding. What has it left in the queue?")]
    public void ClosedForAddingIsNotTheSameAsFinished()
    {
        var queue = new BlockingCollection<string> { "wash" };
        var done = new List<string>();
        var firstJobTaken = new ManualResetEventSlim();
        var mayGoOn = new ManualResetEventSlim();
        var worker = Background.Started("worker", () =>
        {
            while (!queue.IsAddingCompleted)
            {
                if (queue.TryTake(out var job, Bounded.Timeout))
                {
                    done.Add(job);
                    firstJobTaken.Set();
                    mayGoOn.Wait(Bounded.Timeout);
                }
            }
        });
        Bounded.Wait(firstJobTaken, "the worker to take its first job");
        queue.Add("dry");
        queue.Add("fold");
        queue.CompleteAdding();
        mayGoOn.Set();
        Bounded.Join(worker, "its loop ends once the queue is closed for adding");

        queue.ToArray().ShouldBe(new[] { "dry", "fold" }, "the jobs the worker left in the queue");
    }

    // Adding to a closed queue is a bug in the producer, and the queue says so loudly: even TryAdd throws.
    [Koan("Three jobs are offered with TryAdd, around a close and a Take. What did each offer come to?")]
    public void AddingAfterCompleteAddingThrows()
    {
        var queue = new BlockingCollection<string>();
        var offers = new List<string>();
        void Offer(string job)
        {
            try
            {
                offers.Add(queue.TryAdd(job) ? $"{job} queued" : $"{job} turned away");
            }
            catch (InvalidOperationException)
            {
                offers.Add($"{job} threw");
            }
        }

        Offer("wash");
        queue.CompleteAdding();
        Offer("dry");
        Bounded.Take(queue, "the one job in the queue");
        Offer("fold");

        offers.ShouldBe(new List<string> { "wash queued", "dry threw", "fold threw" }, "what each offer came to, in order");
    }

    // A "stop" item is taken like any job, by one worker only: the other workers go on waiting for work.
    [Koan("The producer puts one stop item after its jobs. Once every item is taken, how many workers are still waiting for work?")]
    public void AStopItemEndsOnlyTheWorkerThatTakesIt()
    {
        var queue = new BlockingCollection<string>();
        var done = new ConcurrentQueue<string>();
        void Work()
        {
            foreach (var job in queue.GetConsumingEnumerable())
            {
                if (job == "stop")
                {
                    return;
                }

                done.Enqueue(job);
            }
        }

        var workers = Enumerable.Range(1, 3).Select(n => Background.Started($"worker {n}", Work)).ToList();
        foreach (var item in new[] { "wash", "dry", "fold", "stop" })
        {
            queue.Add(item);
        }

        Bounded.Until(() => done.Count == 3 && workers.Any(worker => !worker.IsAlive), "every job to be done, and the worker that took the stop item to end");
        var stillWaiting = workers.Count(worker => worker.IsAlive);
        queue.CompleteAdding();
        workers.ForEach(worker => Bounded.Join(worker, "the queue is closed, so its loop ends"));

        stillWaiting.ShouldBe(2, "the workers still waiting for work once every item was taken");
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
        channel.Writer.Complete();

        reader.Wait(Bounded.Timeout).ShouldBeTrue("the reader is still waiting for more items after 1 s");
        reader.Result.ShouldBe(new List<int> { 1, 2, 3 });
    }

    // A bounded channel can choose what to lose when it is full, so a writer never has to wait.
    [Koan("The display reads once between the writes, then reads what is left. Which readings did it show, in order?")]
    public void AFullChannelCanDropTheOldestItem()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.DropOldest });
        var refused = 0;
        void Write(string reading) => refused += channel.Writer.TryWrite(reading) ? 0 : 1;
        var shown = new List<string>();

        Write("12°C");
        Write("14°C");
        shown.Add(channel.Reader.TryRead(out var first) ? first : "nothing");
        Write("15°C");
        Write("13°C");
        Write("11°C");
        while (channel.Reader.TryRead(out var reading))
        {
            shown.Add(reading);
        }

        refused.ShouldBe(0, "a write was refused: the full channel made the writer wait");
        shown.ShouldBe(new List<string> { "12°C", "13°C", "11°C" }, "the readings the display showed: the full channel made room by losing other ones");
    }

    // Dequeues once: counts a Dequeue that got a job in taken, and one that found the queue already empty (and threw) in
    // failures.
    private static void DequeueOnce(Queue<string> queue, ref int taken, ref int failures)
    {
        try
        {
            queue.Dequeue();
            Interlocked.Increment(ref taken);
        }
        catch (InvalidOperationException)
        {
            Interlocked.Increment(ref failures);
        }
    }

    // Runs action on another thread, named name, and waits for it to end.
    private static void OnAnotherThread(string name, Action action) =>
        Bounded.Join(Background.Started(name, () => action()), "it had one short thing to do");

    // Lets threads run a step one after the other, by turn number: turn 0 first, then turn 1, and so on.
    private sealed class InTurn(int count)
    {
        private readonly ManualResetEventSlim[] _mayGo = [.. Enumerable.Range(0, count).Select(turn => new ManualResetEventSlim(turn == 0))];

        public void Run(int turn, Action step)
        {
            _mayGo[turn].Wait(Bounded.Timeout);
            try
            {
                step();
            }
            finally
            {
                if (turn + 1 < _mayGo.Length)
                {
                    _mayGo[turn + 1].Set();
                }
            }
        }
    }

}
