using System.Globalization;
using System.Text.RegularExpressions;
using ThreadState = System.Threading.ThreadState;

namespace Koans;

[Topic("""
    A task is a piece of work and the promise of its end; a thread is needed only while the work runs.
    Task.Run hands the work to the .NET ThreadPool, a pool much like the one you built: background workers
    over a queue, growing when work waits. A task keeps what became of its work, a result or an exception,
    until someone looks: Result and Wait block the thread that asks, await gives the thread back and goes
    on when the task ends. WhenAll and WhenAny wait for many tasks at once, and a TaskCompletionSource is
    a task you complete yourself, which is how a callback, or your own pool, hands back a task.
    """)]
public class AboutTasks
{
    // Task.Run starts no thread of its own: it queues the job to the .NET ThreadPool, a pool much like yours.
    [Koan("The job asks its own thread two questions: do you belong to the ThreadPool, and are you a background thread?")]
    public async Task TaskRunHandsTheJobToTheThreadPool()
    {
        var job = Task.Run(() => new[] { Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.IsBackground });
        var answers = await Bounded.Await(job, "the job handed to Task.Run");
        answers.ShouldBe(new[] { true, true });
    }

    // Task.Run returns at once with a task that is already on its way: nobody has to Start it, nobody waits for it.
    [Koan("The job has started and waits at a gate the koan holds shut. What is its task's status meanwhile?")]
    public async Task TaskRunReturnsATaskThatIsAlreadyRunning()
    {
        using var started = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        var job = Task.Run(() =>
        {
            started.Set();
            gate.Wait(Bounded.Timeout);
        });
        Bounded.Wait(started, "the job to start, with nobody calling Start");
        var whileHeld = job.Status;
        gate.Set();
        await Bounded.Await(job, "the job to finish once the gate opened");
        whileHeld.ShouldBe(TaskStatus.Running);
    }

    // Run in a child process, whose ThreadPool is fresh: queue many jobs that block, and count at once.
    public static void QueueJobsThatBlockAndCount()
    {
        ThreadPool.GetMinThreads(out var minThreads, out _);
        var jobs = (4 * minThreads) + 200;
        using var gate = new ManualResetEventSlim();
        var tasks = new Task[jobs];
        for (var i = 0; i < jobs; i++)
        {
            tasks[i] = Task.Run(() => gate.Wait(ChildProcess.Limit));
        }

        Console.WriteLine($"jobs={jobs} threads={ThreadPool.ThreadCount} pending={ThreadPool.PendingWorkItemCount} min={minThreads}");
        gate.Set();
        Task.WaitAll(tasks, ChildProcess.Limit);
    }

    // The ThreadPool grows when work waits, as yours does, but slowly: jobs that block leave the rest in its queue.
    [Koan("The child queued many times more jobs than the ThreadPool's minimum, all blocking, and counted at once. Did every job get a thread? Did " +
        "most jobs still wait?", TimeoutSeconds = 15)]
    public void TheThreadPoolAddsThreadsSlowlyWhenItsJobsBlock()
    {
        var child = ChildProcess.Run(typeof(AboutTasks), nameof(QueueJobsThatBlockAndCount));
        child.Exited.ShouldBeTrue(child.Story);
        var seen = Counts(child.Output, child.Errors);
        var everyJobGotAThread = seen["threads"] >= seen["jobs"];
        var mostJobsStillWaited = seen["pending"] > seen["jobs"] / 2;
        new[] { everyJobGotAThread, mostJobsStillWaited }.ShouldBe(new[] { false, true }, $"the child counted: {child.Output.Trim()}");
    }

    // Result is a wait: the thread that reads it can do nothing else until the task ends.
    [Koan("The guest reads the soup's Result before the soup is ready. What state is the guest's thread in?")]
    public void ResultBlocksTheThreadThatReadsIt()
    {
        var soup = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var served = "";
        var guest = new Thread(() => served = soup.Task.Result) { Name = "hungry guest" };
        guest.Start();
        var whileCooking = ThreadState.Unstarted;
        try
        {
            Bounded.UntilSteady(() => (whileCooking = guest.ThreadState) is not (ThreadState.Unstarted or ThreadState.Running),
                "the guest to settle down at the table");
        }
        finally
        {
            soup.SetResult("tomato soup");
        }

        Bounded.Join(guest, "the soup was served, so its Result was there to read");
        served.ShouldBe("tomato soup", "the guest went away without the soup");
        whileCooking.ShouldBe(ThreadState.WaitSleepJoin);
    }

    // A task that has already ended holds its result: reading it waits for nothing.
    [Koan("Task.FromResult makes a task around a value you already have. What is its status, before anyone asks?")]
    public void AFinishedTaskHoldsItsResultForWhoeverAsks()
    {
        var bread = Task.FromResult("fresh bread");
        bread.Status.ShouldBe(TaskStatus.RanToCompletion);
        bread.Result.ShouldBe("fresh bread", "reading the Result of a finished task hands over what it holds");
    }

    // await gives the thread back: the method returns to its caller at the first unfinished await, and goes on later.
    [Koan("Follow the story: in what order were its three lines written?")]
    public async Task AwaitHandsTheThreadBackToTheCaller()
    {
        var soup = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var story = new ConcurrentQueue<string>();
        var eating = EatWhenServed(soup.Task, story);
        story.Enqueue("the caller goes on");
        soup.SetResult("tomato soup");
        await Bounded.Await(eating, "the guest to eat once the soup was served");
        story.ToArray().ShouldBe(new[] { "the guest waits", "the caller goes on", "the guest eats tomato soup" });
    }

    // Nothing is thrown where nobody looks: a job's exception waits inside its task for whoever asks.
    [Koan("The job threw, and nothing was thrown at the koan. What is the task's status?")]
    public void AJobsExceptionStaysInItsTaskUntilSomeoneLooks()
    {
        var job = Task.Run(BoilTheMilk);
        Bounded.Wait(job, "the job to end");
        var status = job.Status;
        var kept = job.Exception;
        status.ShouldBe(TaskStatus.Faulted);
        kept?.InnerException?.Message.ShouldBe("the milk boiled over", "the task kept an exception that is not the job's");
    }

    // Wait and Result rethrow the job's exception wrapped in an AggregateException, since a task may hold several.
    [Koan("The job threw an InvalidOperationException. What does Wait throw?")]
    public void WaitThrowsTheExceptionWrappedInAnAggregateException()
    {
        var job = Task.Run(BoilTheMilk);
        Bounded.Wait(job, "the job to end");
        var thrown = Should.Throw<Exception>(() => job.Wait());
        thrown.GetType().ShouldBe(typeof(AggregateException), $"Wait threw: {thrown.Message}");
    }

    // await unwraps: it throws the job's own exception, so a catch for that exception works as it would without tasks.
    [Koan("The same job throws the same exception. What does await throw?")]
    public async Task AwaitThrowsTheJobsOwnException()
    {
        var job = Task.Run(BoilTheMilk);
        Bounded.Wait(job, "the job to end");
        Exception? thrown = null;
        try
        {
            await job;
        }
        catch (Exception caught)
        {
            thrown = caught;
        }

        thrown.ShouldNotBeNull("await of a faulted task threw nothing");
        thrown.GetType().ShouldBe(typeof(InvalidOperationException), $"await threw: {thrown.Message}");
    }

    // await on WhenAll throws one exception only, the first in the order the tasks were given, whichever failed first.
    [Koan("The bread burned first, the soup after it. Which message does await throw?")]
    public async Task AwaitOnWhenAllThrowsOnlyTheFirstException()
    {
        var soupGate = NewGate();
        var breadGate = NewGate();
        var soup = BurnWhen(soupGate.Task, "the soup burned");
        var bread = BurnWhen(breadGate.Task, "the bread burned");
        var all = Task.WhenAll(soup, bread);
        breadGate.SetResult();
        Bounded.Wait(bread, "the bread to burn first");
        soupGate.SetResult();
        var thrown = await Should.ThrowAsync<InvalidOperationException>(() => Bounded.Await(all, "both dishes to end"));
        thrown.Message.ShouldBe("the soup burned", "await threw only one of the exceptions");
    }

    // The WhenAll task itself keeps every exception: its Exception is where you look to see all that went wrong.
    [Koan("Three dishes, two of them burned. How many exceptions does the WhenAll task hold?")]
    public void TheWhenAllTaskKeepsEveryException()
    {
        var kitchen = NewGate();
        var all = Task.WhenAll(BurnWhen(kitchen.Task, "the soup burned"), ServeWhen(kitchen.Task, "salad"), BurnWhen(kitchen.Task, "the bread burned"));
        kitchen.SetResult();
        Bounded.Wait(all, "the three dishes to end");
        all.Exception!.InnerExceptions.Count.ShouldBe(2);
    }

    // WhenAll waits for the last task, then hands every result back in the order the tasks were given.
    [Koan("The bread was ready first and the soup last. In what order does WhenAll hand the dishes back?")]
    public async Task WhenAllGivesTheResultsInTheOrderOfItsTasks()
    {
        var soupGate = NewGate();
        var breadGate = NewGate();
        var soup = ServeWhen(soupGate.Task, "soup");
        var bread = ServeWhen(breadGate.Task, "bread");
        var all = Task.WhenAll(soup, bread);
        breadGate.SetResult();
        await Bounded.Await(bread, "the bread to be ready first");
        soupGate.SetResult();
        var dishes = await Bounded.Await(all, "both dishes to be ready");
        dishes.ShouldBe(new[] { "soup", "bread" });
    }

    // WhenAny ends with the first task to end, and hands it back; the other tasks are neither stopped nor awaited.
    [Koan("The salad was served first. Once WhenAny has ended, have the soup and the bread ended too?")]
    public async Task WhenAnyEndsWithTheFirstTaskAndLeavesTheOthersRunning()
    {
        var saladGate = NewGate();
        var rest = NewGate();
        var soup = ServeWhen(rest.Task, "soup");
        var salad = ServeWhen(saladGate.Task, "salad");
        var bread = ServeWhen(rest.Task, "bread");
        saladGate.SetResult();
        var first = await Bounded.Await(Task.WhenAny(soup, salad, bread), "the first dish to be served");
        var othersEnded = new[] { soup.IsCompleted, bread.IsCompleted };
        rest.SetResult();
        await Bounded.Await(Task.WhenAll(soup, bread), "the other dishes, once served");
        first.ShouldBeSameAs(salad, "WhenAny handed back a task other than the first to end");
        othersEnded.ShouldBe(new[] { false, false });
    }

    // A TaskCompletionSource is a task you complete yourself: it turns any "call me back when done" into a task to await.
    [Koan("The kettle calls back when the water boils. Complete the kettle's task from inside the callback.")]
    public async Task ATaskCompletionSourceTurnsACallbackIntoATask()
    {
        var kettle = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        BoilWater(whenBoiled: water =>
        {
            kettle.SetResult(water);
        });
        var tea = await Bounded.Await(kettle.Task, "the kettle's task, completed from the callback");
        tea.ShouldBe("hot water", "the kettle's task holds something other than what the callback was given");
    }

    // Your pool can hand back a task too: a TaskCompletionSource is the promise, and your worker keeps it.
    [Koan("Give your pool a SubmitAsync (WorkerPool.cs). Then: the job asked its thread whether it belongs to the .NET ThreadPool. What did it say?")]
    public async Task YourPoolHandsBackATaskThatItsWorkerCompletes()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1 });
        var asked = pool.SubmitAsync(() => Thread.CurrentThread.IsThreadPoolThread);
        var ranOnTheThreadPool = await Bounded.Await(asked, "the task your pool's SubmitAsync handed back");
        ranOnTheThreadPool.ShouldBe(false);
    }

    // A job that throws must end its task too, or whoever awaits it waits for ever: the exception goes into the task.
    [Koan("The job throws. What is the status of the task your pool handed back?")]
    public void YourPoolsTaskFaultsWithWhatTheJobThrew()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1 });
        var toast = pool.SubmitAsync<string>(BurnTheToast);
        Bounded.Wait(toast, "the task of the job that throws to end");
        var status = toast.Status;
        var kept = toast.Exception;
        status.ShouldBe(TaskStatus.Faulted);
        kept?.InnerException?.Message.ShouldBe("the toast burned", "the task kept an exception that is not the job's");
    }

    // A plain TaskCompletionSource runs the awaiting code inside SetResult, on the thread that calls it: here, your only worker.
    [Koan("Your one worker completed a plain task, and the code after the await is still running. How many jobs has your pool completed?")]
    public async Task WithoutRunContinuationsAsynchronouslyTheAwaiterHoldsUpYourWorker()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        var goingOn = new ManualResetEventSlim();
        var hold = new ManualResetEventSlim();
        var plain = new TaskCompletionSource();
        var guest = GoOnAfter(plain.Task, goingOn, hold);
        long completed;
        try
        {
            pool.Submit(plain.SetResult);
            Bounded.Wait(goingOn, "the code after the await to run");
            completed = pool.Completed;
        }
        finally
        {
            hold.Set();
        }

        var wentOnOn = await Bounded.Await(guest, "the code after the await to finish");
        completed.ShouldBe(0, $"the code after the await ran on {wentOnOn ?? "a nameless thread"}");
    }

    // With RunContinuationsAsynchronously the awaiting code goes on on the .NET ThreadPool, and your worker goes back to its queue.
    [Koan("Your worker completed the task your SubmitAsync handed back. Did the code after the await go on on a ThreadPool thread?")]
    public async Task YourSubmitAsyncLetsTheAwaiterGoOnOffYourWorker()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        using var gate = new ManualResetEventSlim();
        var soup = pool.SubmitAsync(() => gate.Wait(Bounded.Timeout) ? "soup" : "cold soup");
        var guest = ThreadAfter(soup);
        gate.Set();
        var wentOnOn = await Bounded.Await(guest, "the code after the await of your pool's task");
        var onTheThreadPool = wentOnOn.IsThreadPoolThread;
        onTheThreadPool.ShouldBe(true, $"the code after the await ran on {Bounded.Describe(wentOnOn)}");
    }

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void BoilTheMilk() => throw new InvalidOperationException("the milk boiled over");

    private static string BurnTheToast() => throw new InvalidOperationException("the toast burned");

    // A dish that is ready once its gate opens; it holds no thread while it waits.
    private static async Task<string> ServeWhen(Task gate, string dish)
    {
        await gate;
        return dish;
    }

    // A dish that burns once its gate opens.
    private static async Task<string> BurnWhen(Task gate, string what)
    {
        await gate;
        throw new InvalidOperationException(what);
    }

    private static async Task EatWhenServed(Task<string> soup, ConcurrentQueue<string> story)
    {
        story.Enqueue("the guest waits");
        var served = await soup;
        story.Enqueue($"the guest eats {served}");
    }

    // Calls back from a thread of its own once the water boils.
    private static void BoilWater(Action<string> whenBoiled) =>
        new Thread(() => whenBoiled("hot water")) { IsBackground = true, Name = "kettle" }.Start();

    // Awaits the task, says so, and keeps the thread it goes on on until `hold` is set; then names that thread.
    private static async Task<string?> GoOnAfter(Task task, ManualResetEventSlim goingOn, ManualResetEventSlim hold)
    {
        await task;
        goingOn.Set();
        // Longer than the koan's own bounded waits, so they give up first; the koan always sets it.
        hold.Wait(ChildProcess.Limit);
        return Thread.CurrentThread.Name;
    }

    // Awaits the task, then says which thread the code after the await runs on.
    private static async Task<Thread> ThreadAfter(Task task)
    {
        await task;
        return Thread.CurrentThread;
    }

    // The name=number pairs a child printed.
    private static Dictionary<string, int> Counts(string output, string errors)
    {
        var counts = Regex.Matches(output, @"(\w+)=(\d+)")
            .ToDictionary(match => match.Groups[1].Value, match => int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        counts.Keys.ShouldBe(new[] { "jobs", "threads", "pending", "min" }, ignoreOrder: true,
            $"the child did not print its counts; it wrote: {output}{errors}");
        return counts;
    }
}
