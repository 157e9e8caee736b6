namespace Koans;

[Topic("""
    Your pool gave every job a thread for as long as the job lasted, even while the job only sat and
    waited. A task is a piece of work; a thread is needed only while it runs. An async method runs on its
    caller's thread until it awaits something unfinished; then it gives the thread back, and the rest of
    the method (its continuation) becomes a job of its own, run later by whatever thread is free. So a
    thousand waiting awaits hold no threads at all, where every job that blocks holds one of its own. The
    rest of the topic is the traps and the tools: ValueTask, for an answer that is often at hand already; async void, which nobody can await and whose exception
    ends the process; blocking a thread on a task whose continuation needs that very thread, and
    ConfigureAwait(false), the way out; lock, which cannot hold an await, and SemaphoreSlim.WaitAsync,
    which can; and await foreach, for items that arrive one at a time.
    """)]
public class AboutAsyncAwait
{
    // Calling an async method is an ordinary call: the caller's own thread runs it, up to its first real wait.
    [Koan("Which thread ran the first lines of the order, and was the order finished when the call came back?")]
    public async Task AnAsyncMethodRunsOnTheCallersThreadUntilItsFirstAwait()
    {
        var kitchenOpen = Gate();
        var caller = Environment.CurrentManagedThreadId;
        var startedOn = 0;
        async Task TakeTheOrderAsync()
        {
            startedOn = Environment.CurrentManagedThreadId;
            await kitchenOpen.Task;
        }

        var order = TakeTheOrderAsync();
        new[] { startedOn == caller, order.IsCompleted }.ShouldBe(new[] { true, false }, "began on the caller's thread?, finished when the call came back?");
        kitchenOpen.SetResult();
        await Bounded.Await(order, "the order to finish once the kitchen opened");
    }

    // A job in your pool's queue waited for a thread to run it; an awaiting method waits for an event, and needs no thread.
    [Koan("The meal waits for the oven. Is some thread running it meanwhile, or is it waiting for something?")]
    public async Task AnAwaitingMethodIsWaitingNotRunning()
    {
        var ovenHot = Gate();
        async Task BakeAsync() => await ovenHot.Task;

        var meal = BakeAsync();
        meal.Status.ShouldBe(TaskStatus.WaitingForActivation, "the status of a meal that awaits an oven not yet hot");
        ovenHot.SetResult();
        await Bounded.Await(meal, "the meal, once the oven was hot");
    }

    // await first asks whether the task is done: a finished one is not waited for, and the method carries straight on.
    [Koan("The stock was counted before the check began. Did the check have to let go of the caller's thread at its await?")]
    public async Task AwaitingAFinishedTaskCarriesOnOnTheSameThread()
    {
        var stockCounted = Gate();
        stockCounted.SetResult();
        var caller = Environment.CurrentManagedThreadId;
        var wentOnOn = 0;
        async Task CheckTheStockAsync()
        {
            await stockCounted.Task;
            wentOnOn = Environment.CurrentManagedThreadId;
        }

        var check = CheckTheStockAsync();
        new[] { check.IsCompleted, wentOnOn == caller }.ShouldBe(new[] { true, true }, "finished when the call came back?, went on after the await on the caller's thread?");
        await Bounded.Await(check, "the stock check");
    }

    // A ValueTask is a struct that holds either a result or a task: an answer already at hand needs no Task object.
    [Koan("The price of sencha is in the cache. How many bytes of the heap did handing it back as a ValueTask take?")]
    public async Task AValueTaskHandsBackACachedAnswerWithoutATask()
    {
        var cache = new Dictionary<string, string> { ["sencha"] = "4.50" };
        ValueTask<string> PriceOf(string tea) => cache.TryGetValue(tea, out var price) ? new(price) : new(AskTheSupplierAsync(tea));
        Task<string> PriceAsATask(string tea) => Task.FromResult(cache[tea]);

        var (byTask, asTask) = HeapBytesOf(() => PriceAsATask("sencha"));
        var (byValueTask, asValueTask) = HeapBytesOf(() => PriceOf("sencha"));
        byTask.ShouldBeGreaterThan(0, "Task.FromResult makes a new Task object for each answer");
        byValueTask.ShouldBe(0, "the bytes of the heap it took to hand back the cached price as a ValueTask");
        (await asValueTask).ShouldBe(await asTask);
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
            restRanOn = Environment.CurrentManagedThreadId;
        }

        await Bounded.Await(StirAsync(), "the stirring");
        restRanOn.ShouldNotBe(caller, "the end of the stirring ran on the caller's thread, before the call came back: nothing made the method let go of it");
    }

    // What follows an await is a new job: when the awaited task finishes, a free pool thread runs it, not the thread that waited.
    [Koan("The koan's thread started the delivery; a courier thread of our own completed the parcel it awaited. Which thread ran the rest of the delivery?")]
    public async Task TheContinuationComesBackOnAPoolThread()
    {
        var parcel = Gate();
        var caller = Thread.CurrentThread;
        Thread? wentOnOn = null;
        async Task DeliverAsync()
        {
            await parcel.Task;
            wentOnOn = Thread.CurrentThread;
        }

        var delivery = DeliverAsync();
        var courier = new Thread(() => parcel.SetResult()) { IsBackground = true, Name = "courier" };
        courier.Start();
        await Bounded.Await(delivery, "the delivery to go on once the courier brought the parcel");
        Bounded.Join(courier, "the courier only completes the parcel");
        new[] { wentOnOn == caller, wentOnOn == courier, wentOnOn!.IsThreadPoolThread }.ShouldBe(new[] { false, false, true },
            "the caller's thread?, the courier?, a ThreadPool thread?");
    }

    // A waiting await is a note of what to do next, not a sleeping thread: a thousand of them cost next to no threads.
    [Koan("A thousand orders wait for one delivery. Did the process need many more threads while they waited?")]
    public async Task AThousandPendingAwaitsHoldAHandfulOfThreads()
    {
        var delivery = Gate();
        async Task<int> OrderAsync(int number)
        {
            await delivery.Task;
            return number;
        }

        var before = ThreadsInProcess();
        var orders = Enumerable.Range(1, 1000).Select(OrderAsync).ToArray();
        var threadsAdded = ThreadsInProcess() - before;
        (threadsAdded < 50).ShouldBe(true, $"the process gained {threadsAdded} threads while 1000 orders were waiting");
        delivery.SetResult();
        (await Bounded.Await(Task.WhenAll(orders), "the thousand orders, once delivered")).Length.ShouldBe(1000);
    }

    // A job that blocks holds its thread all the while it waits: two hundred blocked jobs in progress need two hundred threads.
    [Koan("Two hundred orders each block their own thread until the delivery comes. Did the process gain at least 190 threads meanwhile?", TimeoutSeconds = 15)]
    public void EveryBlockedJobHoldsAThreadOfItsOwn()
    {
        using var delivery = new ManualResetEventSlim();
        using var allWaiting = new CountdownEvent(200);
        var before = ThreadsInProcess();
        var orders = Enumerable.Range(1, 200).Select(number => new Thread(() =>
        {
            allWaiting.Signal();
            delivery.Wait(Bounded.Timeout * 10);
        })
        { IsBackground = true, Name = $"order {number}" }).ToArray();
        foreach (var order in orders)
        {
            order.Start();
        }

        Bounded.Wait(allWaiting, "all two hundred orders to start waiting");
        var threadsAdded = ThreadsInProcess() - before;
        delivery.Set();
        foreach (var order in orders)
        {
            Bounded.Join(order, "the order ends once the delivery came");
        }

        (threadsAdded >= 190).ShouldBe(true, $"the process gained {threadsAdded} threads while 200 orders were blocked");
    }

    // Run in a child process, whose ThreadPool is fresh: a thousand jobs that block, given to the ThreadPool.
    private static void AThousandBlockingJobsGoToThePool()
    {
        using var delivery = new ManualResetEventSlim();
        using var allStarted = new CountdownEvent(1000);
        using var allDone = new CountdownEvent(1000);
        for (var n = 0; n < 1000; n++)
        {
            ThreadPool.QueueUserWorkItem(_ =>
            {
                allStarted.Signal();
                delivery.Wait(Bounded.Timeout * 3);
                allDone.Signal();
            });
        }

        Bounded.Until(() => allStarted.CurrentCount < 1000, "the pool to start the first job");
        var allAtOnce = allStarted.Wait(Bounded.Brief);
        Console.WriteLine($"started at once: {1000 - allStarted.CurrentCount}, all at once: {allAtOnce}, processors: {Environment.ProcessorCount}");
        delivery.Set();
        Console.WriteLine($"all done: {allDone.Wait(Bounded.Timeout)}");
    }

    // The ThreadPool does not start a thread per blocked job: it runs a few dozen at a time, and the rest wait in its queue.
    [Koan("A fresh ThreadPool was given a thousand jobs that block. Did it start them all at once, and did they all get done in the end?", TimeoutSeconds = 15)]
    public void TheThreadPoolRunsAFewBlockingJobsAtATimeAndQueuesTheRest()
    {
        var child = ChildProcess.Run(typeof(AboutAsyncAwait), nameof(AThousandBlockingJobsGoToThePool));
        child.Exited.ShouldBeTrue(child.Story);
        child.ExitCode.ShouldBe(0, $"the child failed: {child.Errors}");
        var allAtOnce = child.Output.Contains("all at once: True", StringComparison.Ordinal);
        var allDone = child.Output.Contains("all done: True", StringComparison.Ordinal);
        new[] { allAtOnce, allDone }.ShouldBe(new[] { false, true }, $"all started at once?, all done in the end? The child said: {child.Output}");
    }

    // await unwraps a failed task: it throws the job's own exception, where Wait wrapped it in an AggregateException.
    [Koan("The toast burnt inside a task. What did awaiting that task throw?")]
    public async Task AwaitThrowsTheFailedTasksOwnException()
    {
        static void BurnTheToast() => throw new InvalidOperationException("the toast is burnt");
        var toast = Task.Run(BurnTheToast);
        var thrown = await Should.ThrowAsync<Exception>(() => Bounded.Await(toast, "the toast"));
        thrown.GetType().ShouldBe(typeof(InvalidOperationException));
    }

    // An async void method: it runs like any other, but its caller gets nothing back to wait on.
    private static async void RingTheBell(Task doorOpened, ManualResetEventSlim rung)
    {
        await doorOpened;
        rung.Set();
    }

    // An async void method hands its caller nothing to await: the caller cannot tell when, or whether, it has finished.
    [Koan("What does a call of RingTheBell give back to the caller?")]
    public void AnAsyncVoidMethodGivesItsCallerNothingToAwait()
    {
        var doorOpened = Gate();
        using var rung = new ManualResetEventSlim();
        RingTheBell(doorOpened.Task, rung);
        var givesBack = typeof(AboutAsyncAwait).GetMethod(nameof(RingTheBell), BindingFlags.NonPublic | BindingFlags.Static)!.ReturnType;
        givesBack.ShouldBe(typeof(void));
        doorOpened.SetResult();
        Bounded.Wait(rung, "the bell, once the door opened: a signal of our own is the only way to know");
    }

    // An async lambda given where an Action is expected is async void: whoever calls it thinks it done at its first await.
    [Koan("Your pool's worker calls a job and counts it done when the call comes back. Was this job done then?")]
    public void AnAsyncLambdaGivenAsAnActionIsAsyncVoid()
    {
        var delivered = Gate();
        using var finished = new ManualResetEventSlim();
        Action job = async () =>
        {
            await delivered.Task;
            finished.Set();
        };

        job();
        var doneWhenTheCallCameBack = finished.IsSet;
        doneWhenTheCallCameBack.ShouldBe(false, "whether the job had finished when job() came back");
        delivered.SetResult();
        Bounded.Wait(finished, "the job to finish, once delivered");
    }

    // Run in a child process: an async void method throws, inside the caller's try.
    private static void AnAsyncVoidMethodThrows()
    {
        try
        {
            DropThePan();
            Console.WriteLine("main: the call came back");
        }
        catch (InvalidOperationException)
        {
            Console.WriteLine("main: caught the dropped pan");
        }

        using var never = new ManualResetEventSlim();
        never.Wait(Bounded.Timeout);
        Console.WriteLine("main: carried on");
    }

#pragma warning disable CS1998 // It awaits nothing: the exception is the whole point.
    private static async void DropThePan() => throw new InvalidOperationException("the cook dropped the pan");
#pragma warning restore CS1998

    // With no Task to carry it, an async void method's exception is thrown on a pool thread, and that ends the process.
    [Koan("The caller wrapped the call in a try. Did its catch see the dropped pan, and did the child process end well?", TimeoutSeconds = 15)]
    public void AnExceptionFromAsyncVoidEndsTheProcess()
    {
        var child = ChildProcess.Run(typeof(AboutAsyncAwait), nameof(AnAsyncVoidMethodThrows));
        child.Exited.ShouldBeTrue(child.Story);
        var caught = child.Output.Contains("main: caught", StringComparison.Ordinal);
        var endedWell = child.ExitCode == 0;
        new[] { caught, endedWell }.ShouldBe(new[] { false, false }, $"the caller's catch saw it?, the process ended well? {child.Story}; it printed: {child.Output}");
    }

    // Blocking a context's only thread on a task whose rest must run on that same thread: neither can go on.
    [Koan("The ui thread starts serving and then blocks until the meal is served. Where must the rest of ServeAsync run, and is that thread free?")]
    public async Task BlockingTheContextsOnlyThreadOnATaskDeadlocks()
    {
        using var ui = new OneThreadContext("ui");
        var cooked = Gate();
        Task? meal = null;
        async Task ServeAsync() => await cooked.Task;

        var servedWhileBlocked = await Bounded.Await(ui.Run(() =>
        {
            meal = ServeAsync();
            cooked.SetResult();
            return meal.Wait(Bounded.Brief);
        }), "the ui thread to come back from its wait for the meal");
        servedWhileBlocked.ShouldBe(false, "the meal was cooked before the ui thread began to wait");
        await Bounded.Await(meal!, "the meal to be served in the end");
    }

    // ConfigureAwait(false) says any thread will do for the rest of the method, so it need not wait for the blocked one.
    [Koan("Same ui thread, same blocking wait. Tell the await not to come back to the context it started on.")]
    public async Task ConfigureAwaitFalseLetsTheRestRunOnAnyThread()
    {
        using var ui = new OneThreadContext("ui");
        var cooked = Gate();
        async Task ServeAsync() => await cooked.Task.ConfigureAwait(false);

        var served = await Bounded.Await(ui.Run(() =>
        {
            var meal = ServeAsync();
            cooked.SetResult();
            return meal.Wait(Bounded.Timeout / 2); // Half the koan's patience, so that the koan hears how the wait ended.
        }), "the ui thread to stop waiting for the meal");
        served.ShouldBeTrue("the ui thread waited for the meal in vain: the rest of ServeAsync was sent back to the ui thread, which was busy waiting for it");
    }

    // A read, an await and a write are three steps, and another caller can run between them.
    [Koan("Both sales read the takings before either wrote them back. What are the takings after two sales?")]
    public async Task AnAwaitBetweenAReadAndAWriteLosesAnUpdate()
    {
        var counted = new[] { Gate(), Gate() };
        var takings = 0;
        async Task AddASaleAsync(Task counting)
        {
            var seen = takings;
            await counting;
            takings = seen + 1;
        }

        var sales = new[] { AddASaleAsync(counted[0].Task), AddASaleAsync(counted[1].Task) };
        counted[0].SetResult();
        counted[1].SetResult();
        await Bounded.Await(Task.WhenAll(sales), "both sales to be recorded");
        takings.ShouldBe(1, "the takings after two sales, each of which read them before the other wrote");
    }

    // A lock belongs to the thread that took it, and the rest after an await may run on another: so the compiler refuses await inside lock.
    [Koan("The sale took the till's lock, awaited, and then let go of the lock. Which thread let go, and what did Monitor say to that?")]
    public async Task ALockTakenBeforeAnAwaitCannotBeReleasedAfterIt()
    {
        var till = new object();
        var counted = Gate();
        async Task AddASaleAsync()
        {
            Monitor.Enter(till);
            try
            {
                await counted.Task;
            }
            finally
            {
                Monitor.Exit(till);
            }
        }

        var sale = AddASaleAsync();
        counted.SetResult();
        var thrown = await Should.ThrowAsync<Exception>(() => Bounded.Await(sale, "the sale"));
        thrown.GetType().ShouldBe(typeof(SynchronizationLockException), "what Monitor.Exit threw, after the await");
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

    // await foreach takes each item as soon as it is yielded: the consumer has the first while the second is not yet made.
    [Koan("What had the kitchen made by the time the eggs reached the table?")]
    public async Task AwaitForeachGetsEachItemAsItIsYielded()
    {
        var made = new ConcurrentQueue<string>();
        var eggsEaten = Gate();
        async IAsyncEnumerable<string> CookAsync()
        {
            made.Enqueue("eggs");
            yield return "eggs";
            await eggsEaten.Task;
            made.Enqueue("spam");
            yield return "spam";
        }

        string[]? madeWhenTheEggsArrived = null;
        await foreach (var dish in CookAsync())
        {
            if (dish == "eggs")
            {
                madeWhenTheEggsArrived = made.ToArray();
                eggsEaten.SetResult();
            }
        }

        madeWhenTheEggsArrived.ShouldBe(new[] { "eggs" }, "the dishes the kitchen had made when the eggs reached the table");
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

    // How many threads this process has right now, whoever started them.
    private static int ThreadsInProcess()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Count;
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
