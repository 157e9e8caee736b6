namespace Koans;

[Topic("""
    Your pool gave every job a thread for as long as it lasted, even while it only waited. An async method
    runs on its caller's thread until it awaits something unfinished; then it gives the thread back, and
    the rest of it becomes a job of its own, run later by whatever thread is free: one thread can have many
    methods in flight. Then the traps and the tools: what crosses an await, ValueTask, async void, blocking
    on a task that needs the blocked thread, ConfigureAwait(false), lock against SemaphoreSlim.WaitAsync,
    and await foreach. Most koans keep a log whose lines say which thread wrote them (a thread by its name,
    "the koan", or "a ThreadPool thread").
    """)]
public class AboutAsyncAwait
{
    // Calling an async method is an ordinary call: the caller's own thread runs it, and every async method it calls, down to
    // the first await of something unfinished.
    [Koan("The koan calls TakeTheOrderAsync, which calls AskTheKitchenAsync. Trace the log: which lines come before the call comes back?")]
    public async Task AnAsyncMethodRunsOnTheCallersThreadUntilItsFirstAwait()
    {
        var kitchenOpen = Gate();
        var log = new ConcurrentQueue<string>();
        async Task<string> AskTheKitchenAsync()
        {
            log.Enqueue($"{Who()}: asks the kitchen");
            Step.Act("awaits the kitchen");
            await kitchenOpen.Task;
            Step.Act("goes on after the await");
            log.Enqueue("the kitchen answers");
            return "spam";
        }

        async Task TakeTheOrderAsync()
        {
            log.Enqueue($"{Who()}: takes the order");
            var dish = await AskTheKitchenAsync();
            log.Enqueue($"the {dish} is served");
        }

        var order = TakeTheOrderAsync();
        log.Enqueue($"{Who()}: the call came back");
        Step.Act("the call comes back");
        kitchenOpen.SetResult();
        await Bounded.Await(order, "the order to finish once the kitchen opened");
        log.ToArray().ShouldBe(new[] { "the koan: takes the order", "the koan: asks the kitchen", "the koan: the call came back", "the kitchen answers", "the spam is served" },
            "the log of the koan and the two async methods");
    }

    // await first asks whether the task is done: a finished one is not waited for, and the method carries straight on.
    [Koan("The shelf was counted before the check began; the supplier answers later. Trace the log: which lines come before the call comes back?")]
    public async Task AwaitingAFinishedTaskCarriesOnOnTheSameThread()
    {
        var shelfCounted = Gate();
        shelfCounted.SetResult();
        var supplierAnswered = Gate();
        var log = new ConcurrentQueue<string>();
        async Task CheckTheStockAsync()
        {
            await shelfCounted.Task;
            Step.Act("goes on after await 1");
            log.Enqueue($"{Who()}: has the shelf's count");
            await supplierAnswered.Task;
            Step.Act("goes on after await 2");
            log.Enqueue("the supplier's count is in");
        }

        var check = CheckTheStockAsync();
        log.Enqueue($"{Who()}: the call came back");
        Step.Act("the call comes back");
        supplierAnswered.SetResult();
        await Bounded.Await(check, "the stock check, once the supplier answered");
        log.ToArray().ShouldBe(new[] { "the koan: has the shelf's count", "the koan: the call came back", "the supplier's count is in" },
            "the log of the koan and the stock check");
    }

    // A ValueTask is a struct that holds either a result or a task: only an answer not yet at hand needs a Task on the heap.
    [Koan("The koan asks the price of three teas and weighs what each call took of the heap. Trace the list it writes.")]
    public async Task AValueTaskHandsBackACachedAnswerWithoutATask()
    {
        var cache = new Dictionary<string, string> { ["sencha"] = "4.50", ["gyokuro"] = "9.00" };
        ValueTask<string> PriceOf(string tea) => cache.TryGetValue(tea, out var price) ? new(price) : new(AskTheSupplierAsync(tea));

        var weighed = new List<string>();
        foreach (var tea in new[] { "sencha", "matcha", "gyokuro" })
        {
            var (bytes, price) = HeapBytesOf(() => PriceOf(tea));
            weighed.Add($"{tea}: {(bytes == 0 ? "nothing" : "a Task")} on the heap, {await Bounded.Await(price.AsTask(), $"the price of {tea}")}");
        }

        weighed.ToArray().ShouldBe(new[] { "sencha: nothing on the heap, 4.50", "matcha: a Task on the heap, the supplier's price of matcha", "gyokuro: nothing on the heap, 9.00" },
            "what each call of PriceOf took of the heap, and the price it gave");
    }

    // Task.Yield() is an await that always gives the thread back: the rest of the method becomes a queued job.
    [Koan("The stirring awaits nothing unfinished, so it runs to its end on the caller's thread. Add the line that hands the rest of it to the queue.")]
    public async Task TaskYieldSendsTheRestOfTheMethodToTheQueue()
    {
        var caller = Environment.CurrentManagedThreadId;
        var restRanOn = 0;
        async Task StirAsync()
        {
            await Task.Yield();
            Step.Act("goes on after the await");
            restRanOn = Environment.CurrentManagedThreadId;
        }

        await Bounded.Await(StirAsync(), "the stirring");
        restRanOn.ShouldNotBe(caller, "the end of the stirring ran on the caller's thread, before the call came back: nothing made the method let go of it");
    }

    // What follows an await is a job of its own: when the awaited task finishes, a ThreadPool thread runs it, neither the thread
    // that waited nor the one that finished the task.
    [Koan("The koan starts the delivery; a courier thread of our own completes the parcel it awaits. Trace the log: which thread writes each line?")]
    public async Task TheContinuationComesBackOnAPoolThread()
    {
        var parcel = Gate();
        var log = new ConcurrentQueue<string>();
        async Task DeliverAsync()
        {
            log.Enqueue($"{Who()}: waits for the parcel");
            await parcel.Task;
            Step.Act("goes on after the await");
            log.Enqueue($"{Who()}: delivers the parcel");
        }

        var delivery = DeliverAsync();
        var courier = Background.Started("courier", () =>
        {
            log.Enqueue($"{Who()}: brings the parcel");
            Step.Act("calls SetResult");
            parcel.SetResult();
        });
        await Bounded.Await(delivery, "the delivery to go on once the courier brought the parcel");
        Bounded.Join(courier, "the courier only completes the parcel");
        log.ToArray().ShouldBe(new[] { "the koan: waits for the parcel", "courier: brings the parcel", "a ThreadPool thread: delivers the parcel" },
            "the log of the koan, the courier and the delivery");
    }

    // The rest after an await runs on whatever thread is free, so what a ThreadLocal holds stays behind on the thread that set it;
    // an AsyncLocal flows with the method across the await, though not back out to its caller.
    [Koan("The order notes its table in a ThreadLocal and in an AsyncLocal, then awaits the kitchen. Trace what each one holds, and where.")]
    public async Task AnAsyncLocalFollowsTheMethodAcrossAnAwait()
    {
        using var perThread = new ThreadLocal<string>(() => "nobody");
        var perFlow = new AsyncLocal<string>();
        var kitchen = Gate();
        var log = new ConcurrentQueue<string>();
        string Tables() => $"ThreadLocal {perThread.Value}, AsyncLocal {perFlow.Value ?? "nobody"}";
        async Task OrderAsync()
        {
            perThread.Value = "table 7";
            perFlow.Value = "table 7";
            log.Enqueue($"before the await: {Tables()}");
            await kitchen.Task;
            log.Enqueue($"after the await: {Tables()}");
        }

        var order = OrderAsync();
        log.Enqueue($"the caller: {Tables()}");
        kitchen.SetResult();
        await Bounded.Await(order, "the order, once the kitchen answered");
        log.ToArray().ShouldBe(new[]
        {
            "before the await: ThreadLocal table 7, AsyncLocal table 7", "the caller: ThreadLocal table 7, AsyncLocal nobody",
            "after the await: ThreadLocal nobody, AsyncLocal table 7",
        }, "what the ThreadLocal and the AsyncLocal held, line by line");
    }

    // A using lasts until its method ends: an async method ends after its awaits, but one that hands back the task unawaited ends
    // at once, and its using with it.
    [Koan("Two brews with borrowed kettles: one awaits the boiling, one hands back its task. Trace when each kettle pours and when it goes back.")]
    public async Task ReturningATaskWithoutAwaitingItEndsItsUsingAtOnce()
    {
        var log = new ConcurrentQueue<string>();
        var firstWater = Gate();
        var secondWater = Gate();
        Task BrewAndHandBack(Task water)
        {
            using var kettle = new Kettle("the first kettle", log);
            return kettle.BoilAsync(water);
        }

        async Task BrewAndAwait(Task water)
        {
            using var kettle = new Kettle("the second kettle", log);
            await kettle.BoilAsync(water);
        }

        var first = BrewAndHandBack(firstWater.Task);
        var second = BrewAndAwait(secondWater.Task);
        firstWater.SetResult();
        await Bounded.Await(first, "the first brew");
        secondWater.SetResult();
        await Bounded.Await(second, "the second brew");
        log.ToArray().ShouldBe(new[]
        {
            "the first kettle goes back", "the first kettle pours, though it went back already", "the second kettle pours", "the second kettle goes back",
        }, "the log of the two kettles");
    }

    // An async method never throws at its call: even what it throws before its first await goes into its task, and comes out
    // where the task is awaited.
    [Koan("The toaster throws before it awaits anything. Trace the log: where does the exception come out?")]
    public async Task AnAsyncMethodThrowsAtTheAwaitNotAtTheCall()
    {
        var log = new List<string>();
        var plugged = Gate();
        async Task ToastAsync(bool burnt)
        {
            log.Add("the toaster starts");
            if (burnt)
            {
                throw new InvalidOperationException("the toast is burnt");
            }

            await plugged.Task;
        }

        Task? toast = null;
        try
        {
            toast = ToastAsync(burnt: true);
            log.Add("the call came back");
        }
        catch (InvalidOperationException thrown)
        {
            log.Add($"the call threw '{thrown.Message}'");
        }

        if (toast is not null)
        {
            try
            {
                await Bounded.Await(toast, "the toast");
                log.Add("the await came back");
            }
            catch (InvalidOperationException thrown)
            {
                log.Add($"the await threw '{thrown.Message}'");
            }
        }

        log.ToArray().ShouldBe(new[] { "the toaster starts", "the call came back", "the await threw 'the toast is burnt'" }, "the log of the call and the await of ToastAsync");
    }

    // An async lambda given where an Action is expected is async void: whoever calls it, your pool's worker too, thinks it done
    // at its first await, and nobody can await the rest.
    [Koan("An async lambda goes to your pool as a job. Trace the log: what had happened when WaitForIdle came back, and who ran the rest?")]
    public void AnAsyncLambdaGivenAsAnActionIsAsyncVoid()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        var delivered = Gate();
        var log = new ConcurrentQueue<string>();
        using var unpacked = new ManualResetEventSlim();
        pool.Submit(async () =>
        {
            log.Enqueue($"{Who()}: orders the tea");
            await delivered.Task;
            log.Enqueue($"{Who()}: unpacks the tea");
            unpacked.Set();
        });
        var idle = pool.WaitForIdle(Bounded.Timeout);
        log.Enqueue($"{Who()}: WaitForIdle came back {(idle ? "idle" : "still busy")}, {pool.Completed} job(s) completed");
        delivered.SetResult();
        Bounded.Wait(unpacked, "the rest of the job to unpack the tea, once delivered");
        log.ToArray().ShouldBe(new[] { "worker-1: orders the tea", "the koan: WaitForIdle came back idle, 1 job(s) completed", "a ThreadPool thread: unpacks the tea" },
            "the log of an async lambda handed to the WorkerPool (the job 'ends' at its first await), and of the koan");
    }

    // Run in a child process: inside the caller's try, an async void method throws once the pan is hot. The pan gets hot in a
    // plain SetResult, so the rest of DropThePan runs right there, on the caller's own thread.
    private static void AnAsyncVoidMethodThrows()
    {
        var panHot = new TaskCompletionSource();
        try
        {
            DropThePan(panHot.Task);
            Console.WriteLine("main: the call came back");
            panHot.SetResult();
            using var never = new ManualResetEventSlim();
            never.Wait(ChildProcess.Limit / 2);
            Console.WriteLine("main: carried on");
        }
        catch (InvalidOperationException)
        {
            Console.WriteLine("main: caught the dropped pan");
        }
    }

    private static async void DropThePan(Task panHot)
    {
        await panHot;
        throw new InvalidOperationException("the cook dropped the pan");
    }

    // With no Task to carry it, an async void method's exception is thrown again on a ThreadPool thread, where no catch of
    // the caller's can reach it, and that ends the process.
    [Koan("The call, and the SetResult that makes DropThePan throw, stand in main's try. What did the child print, and how did it end?",
        TimeoutSeconds = 15)]
    public void AnExceptionFromAsyncVoidEndsTheProcess()
    {
        var child = ChildProcess.Run(typeof(AboutAsyncAwait), nameof(AnAsyncVoidMethodThrows));
        string[] seen = [.. Lines(child.Output), Ending(child)];
        seen.ShouldBe(new[] { "main: the call came back", "the child crashed" }, $"what the child printed, and how it ended ({child.Story})");
    }

    // An awaiting method holds no thread: the one thread of a ui can have many orders in flight at once, and take each up again
    // when its delivery comes.
    [Koan("The ui thread, the only thread of its context, starts three orders; the deliveries come in another order. Trace the log.")]
    public async Task AnAwaitingMethodHoldsNoThread()
    {
        using var ui = new OneThreadContext("ui");
        var deliveries = new[] { Gate(), Gate(), Gate() };
        var log = new ConcurrentQueue<string>();
        async Task OrderAsync(int number)
        {
            log.Enqueue($"{Who()}: order {number} waits");
            await deliveries[number - 1].Task;
            log.Enqueue($"{Who()}: order {number} is served");
        }

        var orders = await Bounded.Await(ui.Run(() => new[] { OrderAsync(1), OrderAsync(2), OrderAsync(3) }), "the ui thread to start the orders");
        foreach (var number in new[] { 3, 1, 2 })
        {
            deliveries[number - 1].SetResult();
            await Bounded.Await(orders[number - 1], $"order {number}, once delivered");
        }

        log.ToArray().ShouldBe(new[]
        {
            "ui: order 1 waits", "ui: order 2 waits", "ui: order 3 waits", "ui: order 3 is served", "ui: order 1 is served", "ui: order 2 is served",
        }, "the log of the ui thread");
    }

    // Blocking a context's only thread on a task whose rest must run on that same thread: neither can go on.
    [Koan("The ui thread starts serving, then blocks a moment until the meal is served. Trace the log: when does the rest of ServeAsync run?")]
    public async Task BlockingTheContextsOnlyThreadOnATaskDeadlocks()
    {
        using var ui = new OneThreadContext("ui");
        var cooked = Gate();
        var log = new ConcurrentQueue<string>();
        Task? meal = null;
        async Task ServeAsync()
        {
            log.Enqueue($"{Who()}: starts serving");
            await cooked.Task;
            log.Enqueue($"{Who()}: serves the meal");
        }

        await Bounded.Await(ui.Run(() =>
        {
            meal = ServeAsync();
            cooked.SetResult();
            log.Enqueue(meal.Wait(Bounded.Brief) ? $"{Who()}: sees the meal served in time" : $"{Who()}: gives up waiting for the meal");
            return 0;
        }), "the ui thread to come back from its wait for the meal");
        await Bounded.Await(meal!, "the meal to be served in the end");
        log.ToArray().ShouldBe(new[] { "ui: starts serving", "ui: gives up waiting for the meal", "ui: serves the meal" }, "the log of the ui thread");
    }

    // ConfigureAwait(false) says any thread will do for the rest of the method, so it need not wait for the blocked one.
    [Koan("Same ui thread, same blocking wait. Write ServeAsync's await of the cooking so that the rest of it does not come back to the ui thread.")]
    public async Task ConfigureAwaitFalseLetsTheRestRunOnAnyThread()
    {
        using var ui = new OneThreadContext("ui");
        var cooked = Gate();
        var servedBy = "nobody";
        async Task ServeAsync()
        {
            // Await the cooking, telling the await that any thread will do for the rest.
            await cooked.Task.ConfigureAwait(false);
            servedBy = Who();
        }

        var served = await Bounded.Await(ui.Run(() =>
        {
            var meal = ServeAsync();
            cooked.SetResult();
            return meal.Wait(Bounded.Timeout / 2); // Half the koan's patience, so that the koan hears how the wait ended.
        }), "the ui thread to stop waiting for the meal");
        served.ShouldBeTrue("the ui thread waited for the meal in vain: the rest of ServeAsync was sent back to the ui thread, which was busy waiting for it");
        servedBy.ShouldNotBe("ui", "the meal was served on the ui thread before the cooking was done: nothing in ServeAsync awaited the cooking");
    }

    // A read, an await and a write are three steps, and another caller can run between them.
    [Koan("Three sales each read the takings, await their count, and write back what they read plus one. Trace the takings each sale writes.")]
    public async Task AnAwaitBetweenAReadAndAWriteLosesAnUpdate()
    {
        var counted = new[] { Gate(), Gate(), Gate() };
        var takings = 0;
        var written = new ConcurrentQueue<int>();
        async Task AddASaleAsync(Task counting)
        {
            var seen = takings;
            await counting;
            takings = seen + 1;
            written.Enqueue(takings);
        }

        var first = AddASaleAsync(counted[0].Task);
        var second = AddASaleAsync(counted[1].Task);
        counted[0].SetResult();
        await Bounded.Await(first, "the first sale");
        var third = AddASaleAsync(counted[2].Task);
        counted[1].SetResult();
        await Bounded.Await(second, "the second sale");
        counted[2].SetResult();
        await Bounded.Await(third, "the third sale");
        written.ToArray().ShouldBe(new[] { 1, 1, 2 }, "the takings each sale wrote, in the order they wrote them");
    }

    // A lock belongs to the thread that took it, and the rest after an await may run on another: so the compiler refuses await inside lock.
    [Koan("The sale takes the till's lock, awaits its count, then lets go. Trace the log: which thread lets go, and what does Monitor answer?")]
    public async Task ALockTakenBeforeAnAwaitCannotBeReleasedAfterIt()
    {
        var till = new object();
        var counted = Gate();
        var log = new ConcurrentQueue<string>();
        async Task AddASaleAsync()
        {
            Monitor.Enter(till);
            log.Enqueue($"{Who()}: takes the till");
            await counted.Task;
            log.Enqueue($"{Who()}: lets go of the till");
            try
            {
                Monitor.Exit(till);
                log.Enqueue("Monitor: the till is free");
            }
            catch (SynchronizationLockException)
            {
                log.Enqueue("Monitor: this thread holds no lock on the till");
            }
        }

        var sale = AddASaleAsync();
        counted.SetResult();
        await Bounded.Await(sale, "the sale");
        log.ToArray().ShouldBe(new[] { "the koan: takes the till", "a ThreadPool thread: lets go of the till", "Monitor: this thread holds no lock on the till" },
            "the log of the sale");
    }

    // lock cannot hold an await, but SemaphoreSlim(1) can: WaitAsync waits without holding a thread, and any thread may Release.
    [Koan("The till lets one sale in at a time, but only to those who ask. Add the line that waits, without blocking, for the till.")]
    public async Task SemaphoreSlimWaitAsyncGuardsASectionThatAwaits()
    {
        using var till = new SemaphoreSlim(1);
        var counted = new[] { Gate(), Gate() };
        var takings = 0;
        async Task AddASaleAsync(Task counting)
        {
            await till.WaitAsync();
            try
            {
                var seen = takings;
                await counting;
                takings = seen + 1;
            }
            finally
            {
                till.Release();
            }
        }

        var sales = new[] { AddASaleAsync(counted[0].Task), AddASaleAsync(counted[1].Task) };
        counted[0].SetResult();
        counted[1].SetResult();
        await Bounded.Await(Task.WhenAll(sales), "both sales to be recorded");
        takings.ShouldBe(2, "a sale was lost: the second sale read the takings while the first was still awaiting between its read and its write");
    }

    // await foreach asks for each item when it wants it: the kitchen makes the next dish only when the table asks, and stops when
    // the table stops asking.
    [Koan("The table eats two dishes and is full. Trace the log of the kitchen and the table: what was cooked, and what else ran?")]
    public async Task AwaitForeachGetsEachItemAsItIsYielded()
    {
        var log = new ConcurrentQueue<string>();
        async IAsyncEnumerable<string> CookAsync()
        {
            try
            {
                foreach (var dish in new[] { "eggs", "spam", "beans" })
                {
                    await Task.Yield();
                    log.Enqueue($"kitchen: cooks the {dish}");
                    yield return dish;
                }
            }
            finally
            {
                log.Enqueue("kitchen: cleans up");
            }
        }

        var eaten = 0;
        await foreach (var dish in CookAsync())
        {
            log.Enqueue($"table: eats the {dish}");
            if (++eaten == 2)
            {
                break;
            }
        }

        log.ToArray().ShouldBe(new[] { "kitchen: cooks the eggs", "table: eats the eggs", "kitchen: cooks the spam", "table: eats the spam", "kitchen: cleans up" },
            "the log of the kitchen and the table");
    }

    // A gate for an async koan: a task that finishes only when the koan says so, whose awaiters go on as jobs of their own.
    private static TaskCompletionSource Gate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // What one call takes of the heap on this thread, measured on a second call so that nothing done once (such as loading a type) counts.
    private static (long Bytes, T Result) HeapBytesOf<T>(Func<T> call)
    {
        call();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = call();
        return (GC.GetAllocatedBytesForCurrentThread() - before, result);
    }

    // A price that is not in the cache yet: the supplier answers later.
    private static async Task<string> AskTheSupplierAsync(string tea)
    {
        await Task.Yield();
        return $"the supplier's price of {tea}";
    }

    // Who runs the line that asks: a thread of our own by its name (worker-1, courier, ui), "the koan" for the koan's own
    // thread, or "a ThreadPool thread".
    private static string Who() => Thread.CurrentThread switch
    {
        { IsThreadPoolThread: true } => "a ThreadPool thread",
        { Name: { } name } when name.StartsWith("koan ", StringComparison.Ordinal) => "the koan",
        { Name: { Length: > 0 } name } => name,
        _ => "a nameless thread",
    };

    // The lines a child printed.
    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // How a child process ended, in words.
    private static string Ending(ChildResult child) => child switch
    {
        { Exited: true, ExitCode: 0 } => "the child ended well",
        { Exited: true } => "the child crashed",
        _ => "the child was killed",
    };

    // A kettle borrowed for one brew: it says in the log when it pours and when it goes back.
    private sealed class Kettle(string name, ConcurrentQueue<string> log) : IDisposable
    {
        private volatile bool _back;

        public async Task BoilAsync(Task water)
        {
            await water;
            log.Enqueue(_back ? $"{name} pours, though it went back already" : $"{name} pours");
        }

        public void Dispose()
        {
            _back = true;
            log.Enqueue($"{name} goes back");
        }
    }

    // A SynchronizationContext with one thread, as a UI has: whatever is posted to it runs on that thread, one at a time.
    private sealed class OneThreadContext : SynchronizationContext, IDisposable
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _posted = new();
        private readonly Thread _thread;

        public OneThreadContext(string name)
        {
            _thread = new Thread(Loop) { IsBackground = true, Name = name };
            _thread.Start();
        }

        public override void Post(SendOrPostCallback d, object? state) => _posted.Add((d, state));

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("this context only takes posts");

        // Runs work on the context's thread and hands back its result, or what it threw (unwrapped, when a Wait wrapped it).
        public Task<T> Run<T>(Func<T> work)
        {
            var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(_ =>
            {
                try
                {
                    result.SetResult(work());
                }
                catch (AggregateException wrapped) when (wrapped.InnerExceptions.Count == 1)
                {
                    result.SetException(wrapped.InnerExceptions[0]);
                }
                catch (Exception problem)
                {
                    result.SetException(problem);
                }
            }, null);
            return result.Task;
        }

        public void Dispose()
        {
            _posted.CompleteAdding();
            Bounded.Join(_thread, "the context's thread ends once nothing more can be posted");
            _posted.Dispose();
        }

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
