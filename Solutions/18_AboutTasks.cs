using System.Runtime.CompilerServices;

namespace Koans;

[Topic("""
    A task is a piece of work and the promise of its end; a thread is needed only while the work runs.
    Task.Run hands the work to the .NET ThreadPool, a pool much like the one you built: background workers
    over a queue, growing when work waits, but slowly. A task keeps what became of its work, a result or an
    exception, until someone looks: Result and Wait block the thread that asks, await gives the thread back
    and goes on when the task ends. WhenAll and WhenAny wait for many tasks at once, and a
    TaskCompletionSource is a task you complete yourself, which is how a callback, or your own pool, hands
    back a task. Many koans here keep a log: each line says which thread wrote it (a thread of our own by
    its name, "the koan" for the koan's own thread, or "a ThreadPool thread").
    """)]
public class AboutTasks
{
    // Task.Run starts no thread of its own: it queues the job to the .NET ThreadPool and returns at once, the job on its way.
    [Koan("Trace the koan and the job through the two gates: which lines are written, in what order, and by which thread?")]
    public async Task TaskRunHandsTheJobToTheThreadPool()
    {
        var log = new ConcurrentQueue<string>();
        using var kettleOn = new ManualResetEventSlim();
        using var cupsOut = new ManualResetEventSlim();
        var tea = Task.Run(() =>
        {
            log.Enqueue($"{Who()}: puts the kettle on");
            kettleOn.Set();
            cupsOut.Wait(Bounded.Timeout);
            log.Enqueue($"{Who()}: pours the tea");
        });
        Bounded.Wait(kettleOn, "the job to put the kettle on, with nobody calling Start");
        log.Enqueue($"{Who()}: sets out the cups while the tea is {tea.Status}");
        cupsOut.Set();
        await Bounded.Await(tea, "the tea, once the cups were out");
        log.ToArray().ShouldBe(new[] { "a ThreadPool thread: puts the kettle on", "the koan: sets out the cups while the tea is Running", "a ThreadPool thread: pours the tea" },
            "the log of the koan and the job handed to Task.Run");
    }

    // Run in a child process: the ThreadPool is held at one thread per processor, every thread blocks on a gate, and the job
    // that would open the gate is queued behind them.
    private static void QueueTheOpenerBehindBlockedJobs()
    {
        var threads = Environment.ProcessorCount;
        if (!ThreadPool.SetMinThreads(threads, threads) || !ThreadPool.SetMaxThreads(threads, threads))
        {
            Console.WriteLine($"main: could not hold the ThreadPool at {threads} threads");
            return;
        }

        using var gate = new ManualResetEventSlim();
        using var allBlocked = new CountdownEvent(threads);
        var blocked = Enumerable.Range(1, threads).Select(_ => Task.Run(() =>
        {
            allBlocked.Signal();
            gate.Wait(ChildProcess.Limit);
        })).ToArray();
        allBlocked.Wait(ChildProcess.Limit);
        var opener = Task.Run(() =>
        {
            Console.WriteLine(gate.IsSet ? "opener: the gate is open already" : "opener: opens the gate");
            gate.Set();
        });
        var cameInTime = opener.Wait(Bounded.Brief);
        Console.WriteLine(cameInTime ? "main: the opener came in time" : $"main: the opener is still {opener.Status}, so main opens the gate");
        gate.Set();
        Task.WaitAll([.. blocked, opener], ChildProcess.Limit);
    }

    // The ThreadPool adds threads past its minimum only slowly, a thread or two a second: jobs that block hold up every job
    // queued behind them, even the one they are waiting for.
    [Koan("The child holds its ThreadPool at one thread per processor and blocks every thread on a gate; the job that opens the gate is queued " +
        "last. What did the child print?", TimeoutSeconds = 15)]
    public void AJobQueuedBehindBlockedJobsWaitsForAFreeThread()
    {
        var child = ChildProcess.Run(typeof(AboutTasks), nameof(QueueTheOpenerBehindBlockedJobs));
        child.Exited.ShouldBeTrue(child.Story);
        Lines(child.Output).ShouldBe(new[] { "main: the opener is still WaitingToRun, so main opens the gate", "opener: the gate is open already" },
            $"what the child printed ({Story(child)})");
    }

    // Result is a wait: the thread that reads it can do nothing else until the task ends, not even the next job in its queue.
    [Koan("Your pool's one worker runs the guest, who reads the soup's Result; the washing-up is queued behind. Trace the log.")]
    public void ResultBlocksTheThreadThatReadsIt()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        var soup = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new ConcurrentQueue<string>();
        pool.Submit(() =>
        {
            log.Enqueue($"{Who()}: orders the soup");
            log.Enqueue($"{Who()}: eats the {soup.Task.Result}");
        });
        pool.Submit(() => log.Enqueue($"{Who()}: washes up"));
        try
        {
            Bounded.Until(() => !log.IsEmpty, "the guest to order the soup");
            log.Enqueue($"{Who()}: serves the soup");
        }
        finally
        {
            soup.SetResult("tomato soup");
        }

        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("your pool did not finish the guest and the washing-up within 1 s");
        log.ToArray().ShouldBe(new[] { "worker-1: orders the soup", "the koan: serves the soup", "worker-1: eats the tomato soup", "worker-1: washes up" },
            "the log of your pool's one worker and the koan");
    }

    // A Wait with a time limit limits only the waiting: when it gives up, the job goes on, and ends when it ends.
    [Koan("The koan waits a moment for the tea, then lets the kettle boil. Trace the log.")]
    public async Task AWaitThatGivesUpLeavesTheJobRunning()
    {
        var log = new ConcurrentQueue<string>();
        using var kettleOn = new ManualResetEventSlim();
        using var boil = new ManualResetEventSlim();
        var tea = Task.Run(() =>
        {
            kettleOn.Set();
            boil.Wait(Bounded.Timeout);
            log.Enqueue($"{Who()}: the kettle boils");
            return "green tea";
        });
        Bounded.Wait(kettleOn, "the kettle to be put on");
        log.Enqueue(tea.Wait(Bounded.Brief) ? $"{Who()}: has its tea in time" : $"{Who()}: stops waiting");
        boil.Set();
        var drunk = await Bounded.Await(tea, "the tea, once the kettle could boil");
        log.Enqueue($"the koan: drinks the {drunk}");
        log.ToArray().ShouldBe(new[] { "the koan: stops waiting", "a ThreadPool thread: the kettle boils", "the koan: drinks the green tea" },
            "the log of the koan, its Wait with a time limit and the job");
    }

    // await gives the thread back: the method returns to its caller at the first unfinished await, and goes on later; meanwhile
    // no thread runs it.
    [Koan("Follow the story through the guest's await: what are its three lines, in order?")]
    public async Task AwaitHandsTheThreadBackToTheCaller()
    {
        var soup = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var story = new ConcurrentQueue<string>();
        var eating = EatWhenServed(soup.Task, story);
        story.Enqueue($"the caller goes on while the guest's task is {eating.Status}");
        Step.Act("the call comes back");
        soup.SetResult("tomato soup");
        await Bounded.Await(eating, "the guest to eat once the soup was served");
        story.ToArray().ShouldBe(new[] { "the guest waits", "the caller goes on while the guest's task is WaitingForActivation", "the guest eats tomato soup" },
            "the story, line by line");
    }

    // Run in a child process: a job throws, nobody ever looks at its task, and then the garbage collector comes by.
    private static void NobodyLooksAtTheFailedJob()
    {
        var found = new ManualResetEventSlim();
        TaskScheduler.UnobservedTaskException += (_, lost) =>
        {
            Console.WriteLine($"collector: a task nobody looked at held '{lost.Exception.InnerException?.Message}'");
            found.Set();
        };
        Console.WriteLine("main: hands the milk to Task.Run and looks away");
        BoilTheMilkAndLookAway();
        // The collector finds the task once its job has failed and nothing refers to it any more.
        SpinWait.SpinUntil(() =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return found.IsSet;
        }, ChildProcess.Limit);
        Console.WriteLine("main: carries on to the end");
    }

    // A job's exception stays in its task until someone looks; if nobody ever does, nothing is thrown at all, not even at the end.
    [Koan("In the child, a job throws and nobody looks at its task. What did the child print, and how did it end?", TimeoutSeconds = 15)]
    public void AJobsExceptionStaysInItsTaskUntilSomeoneLooks()
    {
        var child = ChildProcess.Run(typeof(AboutTasks), nameof(NobodyLooksAtTheFailedJob));
        string[] seen = [.. Lines(child.Output), Ending(child)];
        seen.ShouldBe(new[]
        {
            "main: hands the milk to Task.Run and looks away", "collector: a task nobody looked at held 'the milk boiled over'",
            "main: carries on to the end", "the child ended well",
        }, $"what the child printed, and how it ended ({Story(child)})");
    }

    // await unwraps: it throws the job's own exception, where Wait wraps it, so a catch for that exception works as without tasks.
    [Koan("Two catch blocks follow the await of the failed job. Which one runs, and what does it write?")]
    public async Task AwaitThrowsTheJobsOwnException()
    {
        var job = Task.Run(BoilTheMilk);
        Bounded.Wait(job, "the job to end");
        string caught;
        try
        {
            await job;
            caught = "nothing was thrown";
        }
        catch (AggregateException wrapper)
        {
            caught = $"a wrapper around {wrapper.InnerExceptions.Count} exception(s)";
        }
        catch (InvalidOperationException boiledOver)
        {
            caught = $"the job's own exception: {boiledOver.Message}";
        }

        caught.ShouldBe("the job's own exception: the milk boiled over", "what the await of the failed job threw, as its catch wrote it");
    }

    // WhenAll ends only when every one of its tasks has ended: a task that fails early does not cut the wait short.
    [Koan("The bread burns while the soup is still cooking. Trace the log: when does the await of WhenAll end, and how?")]
    public async Task WhenAllWaitsForEveryTaskEvenAfterOneFails()
    {
        var log = new List<string>();
        var soupGate = NewGate();
        var breadGate = NewGate();
        var soup = ServeWhen(soupGate.Task, "soup");
        var bread = BurnWhen(breadGate.Task, "the bread burned");
        var all = Task.WhenAll(soup, bread);
        breadGate.SetResult();
        Bounded.Wait(bread, "the bread to burn");
        log.Add($"the bread has burned, and WhenAll is {(all.IsCompleted ? "over" : "still waiting")}");
        soupGate.SetResult();
        try
        {
            await Bounded.Await(all, "both dishes to end");
            log.Add("dinner is served");
        }
        catch (InvalidOperationException burned)
        {
            log.Add($"the await threw '{burned.Message}', and the soup was {soup.Status}");
        }

        log.ToArray().ShouldBe(new[] { "the bread has burned, and WhenAll is still waiting", "the await threw 'the bread burned', and the soup was RanToCompletion" },
            "the log of the koan, which awaits WhenAll");
    }

    // await on WhenAll throws one exception only, the first in the order the tasks were given; the WhenAll task keeps them all.
    [Koan("The bread burned first, the soup after it. What did the await throw, and what does the WhenAll task keep?")]
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
        var thrown = await Should.ThrowAsync<Exception>(() => Bounded.Await(all, "both dishes to end"));
        var kept = all.Exception!.InnerExceptions.Select(exception => exception.Message);
        string[] seen = [$"await threw: {thrown.Message}", $"the task keeps: {string.Join(", ", kept)}"];
        seen.ShouldBe(new[] { "await threw: the soup burned", "the task keeps: the soup burned, the bread burned" },
            "what await threw, and what the WhenAll task kept");
    }

    // WhenAll hands every result back in the order its tasks were given, whatever the order they ended in.
    [Koan("The dishes are ready one by one, in the order their gates open. Trace the log to its last line.")]
    public async Task WhenAllGivesTheResultsInTheOrderOfItsTasks()
    {
        var log = new ConcurrentQueue<string>();
        var gates = new Dictionary<string, TaskCompletionSource> { ["soup"] = NewGate(), ["salad"] = NewGate(), ["bread"] = NewGate() };
        async Task<string> Cook(string dish)
        {
            await gates[dish].Task;
            log.Enqueue($"the {dish} is ready");
            return dish;
        }

        var dishes = new Dictionary<string, Task<string>> { ["soup"] = Cook("soup"), ["salad"] = Cook("salad"), ["bread"] = Cook("bread") };
        var all = Task.WhenAll(dishes["soup"], dishes["salad"], dishes["bread"]);
        foreach (var dish in new[] { "bread", "soup", "salad" })
        {
            gates[dish].SetResult();
            Bounded.Wait(dishes[dish], $"the {dish} to be ready once its gate opened");
        }

        log.Enqueue($"WhenAll hands back: {string.Join(", ", await Bounded.Await(all, "every dish"))}");
        log.ToArray().ShouldBe(new[] { "the bread is ready", "the soup is ready", "the salad is ready", "WhenAll hands back: soup, salad, bread" },
            "the log of the kitchen and of WhenAll");
    }

    // WhenAny ends with the first task to end and hands it back, failed or not: WhenAny itself throws nothing, and stops no other task.
    [Koan("The toast burns before the tea is ready. Trace the log: what did WhenAny hand back, and what did awaiting that do?")]
    public async Task WhenAnyHandsBackTheFirstTaskToEndEvenAFailedOne()
    {
        var log = new List<string>();
        var toastGate = NewGate();
        var teaGate = NewGate();
        var tea = ServeWhen(teaGate.Task, "tea");
        var toast = BurnWhen(toastGate.Task, "the toast burned");
        toastGate.SetResult();
        var first = await Bounded.Await(Task.WhenAny(tea, toast), "the first part of breakfast to end");
        log.Add($"WhenAny handed back the {(first == toast ? "toast" : "tea")}, and the tea is {(tea.IsCompleted ? "ready" : "still brewing")}");
        try
        {
            log.Add($"awaiting it gave {await Bounded.Await(first, "the first part of breakfast")}");
        }
        catch (InvalidOperationException burned)
        {
            log.Add($"awaiting it threw '{burned.Message}'");
        }

        teaGate.SetResult(); // The tea is ready in the end, WhenAny or not.
        log.ToArray().ShouldBe(new[] { "WhenAny handed back the toast, and the tea is still brewing", "awaiting it threw 'the toast burned'" },
            "the log of the koan, which awaits WhenAny");
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

    // A task ends once: it holds what it ended with for whoever asks, and a later try to end it otherwise changes nothing.
    [Koan("The baker ends the bread's task, then tries again with another loaf. Trace the log.")]
    public async Task AFinishedTaskHoldsItsResultForWhoeverAsks()
    {
        var bread = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new List<string>();
        bread.SetResult("fresh bread");
        log.Add($"the first guest gets {bread.Task.Result}");
        log.Add(bread.TrySetResult("stale bread") ? "the baker swaps the loaf" : "the baker cannot swap the loaf");
        log.Add($"the second guest gets {await Bounded.Await(bread.Task, "the bread")}");
        log.ToArray().ShouldBe(new[] { "the first guest gets fresh bread", "the baker cannot swap the loaf", "the second guest gets fresh bread" },
            "the log of the baker and the guests");
    }

    // A plain TaskCompletionSource runs the awaiting code inside SetResult, on the thread that calls it: here, your only worker.
    [Koan("Your one worker completes a plain task that a guest awaits; the washing-up is queued behind. Trace the log: who writes each line?")]
    public void WithoutRunContinuationsAsynchronouslyTheAwaiterHoldsUpYourWorker()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        var log = new ConcurrentQueue<string>();
        var plain = new TaskCompletionSource<string>();
        async Task GuestAsync()
        {
            var served = await plain.Task;
            Step.Act("goes on after the await");
            log.Enqueue($"{Who()}: eats the {served}");
        }

        var guest = GuestAsync();
        pool.Submit(() =>
        {
            log.Enqueue($"{Who()}: serves the soup");
            Step.Act("calls SetResult");
            plain.SetResult("soup");
            log.Enqueue($"{Who()}: SetResult came back");
        });
        pool.Submit(() => log.Enqueue($"{Who()}: washes up"));
        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("your pool did not finish serving and washing up within 1 s");
        Bounded.Wait(guest, "the guest to eat");
        log.ToArray().ShouldBe(new[] { "worker-1: serves the soup", "worker-1: eats the soup", "worker-1: SetResult came back", "worker-1: washes up" },
            "the log of your pool's one worker and the guest");
    }

    // Your pool can hand back a task too: a TaskCompletionSource is the promise, your worker keeps it, and the awaiting code
    // goes on off your worker.
    [Koan("Give your pool a SubmitAsync (WorkerPool.cs). Then trace the log: who writes each line, and in what order?")]
    public void YourPoolHandsBackATaskThatItsWorkerCompletes()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        var log = new ConcurrentQueue<string>();
        using var kitchenOpen = new ManualResetEventSlim();
        var soup = pool.SubmitAsync(() =>
        {
            log.Enqueue(kitchenOpen.Wait(Bounded.Timeout) ? $"{Who()}: cooks the soup" : $"{Who()}: gives up waiting for the kitchen to open");
            return "soup";
        });
        log.Enqueue($"{Who()}: SubmitAsync came back");
        var guest = GuestEats(soup, log);
        kitchenOpen.Set();
        Bounded.Wait(soup, "the task your pool's SubmitAsync handed back, once its job had run");
        Bounded.Wait(guest, "the guest to eat the soup");
        log.ToArray().ShouldBe(new[] { "the koan: SubmitAsync came back", "worker-1: cooks the soup", "a ThreadPool thread: eats the soup" },
            WhatWentWrongInSubmitAsync(log));
    }

    // A job that throws must end its task too, or whoever awaits it waits for ever: SubmitAsync hands the exception to the task.
    [Koan("The job handed to your SubmitAsync throws. What do your pool's own counters say once it is idle?")]
    public async Task YourPoolsTaskFaultsWithWhatTheJobThrew()
    {
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1 });
        var toast = pool.SubmitAsync<string>(BurnTheToast);
        Bounded.Wait(toast, "the task your SubmitAsync handed back for a job that throws, to end");
        var caught = await Should.ThrowAsync<Exception>(
            () => Bounded.Await(toast, "the toast"), "awaiting the toast's task threw nothing: it ended as if the job went well");
        caught.Message.ShouldBe("the toast burned", "the toast's task failed, but not with what its job threw");
        pool.WaitForIdle(Bounded.Timeout).ShouldBeTrue("your pool did not finish the toast within 1 s");
        $"completed {pool.Completed}, failed {pool.Failed}".ShouldBe("completed 1, failed 0", "your pool's own counters, once the toast had burned in SubmitAsync");
    }

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void BoilTheMilk() => throw new InvalidOperationException("the milk boiled over");

    private static string BurnTheToast() => throw new InvalidOperationException("the toast burned");

    // Hands a job that throws to Task.Run and keeps no reference to its task.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void BoilTheMilkAndLookAway() => _ = Task.Run(BoilTheMilk);

    // Who runs the line that asks: a thread of our own by its name (worker-1, kettle), "the koan" for the koan's own
    // thread, or "a ThreadPool thread".
    private static string Who() => Thread.CurrentThread switch
    {
        { IsThreadPoolThread: true } => "a ThreadPool thread",
        { Name: { } name } when name.StartsWith("koan ", StringComparison.Ordinal) => "the koan",
        { Name: { Length: > 0 } name } => name,
        _ => "a nameless thread",
    };

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
        Step.Act("awaits the soup");
        var served = await soup;
        Step.Act("goes on after the await");
        story.Enqueue($"the guest eats {served}");
    }

    // A guest who awaits the dish, then says in the log which thread it eats on.
    private static async Task GuestEats(Task<string> dish, ConcurrentQueue<string> log)
    {
        var served = await dish;
        log.Enqueue($"{Who()}: eats the {served}");
    }

    // Calls back from a thread of its own once the water boils.
    private static void BoilWater(Action<string> whenBoiled) =>
        new Thread(() => whenBoiled("hot water")) { IsBackground = true, Name = "kettle" }.Start();

    // What the log of YourPoolHandsBackATaskThatItsWorkerCompletes says about SubmitAsync, for its failure message.
    private static string WhatWentWrongInSubmitAsync(IEnumerable<string> log)
    {
        var lines = log.ToList();
        return lines switch
        {
            _ when lines.Contains("the koan: gives up waiting for the kitchen to open") =>
                "the job ran on the koan's own thread, inside SubmitAsync, so the koan could not open the kitchen: " +
                "SubmitAsync must hand the job to your pool",
            [var first, ..] when first != "the koan: SubmitAsync came back" =>
                "SubmitAsync came back only after the job had run: it must hand the job to your pool and return at once, not wait for the job",
            _ when lines.Contains("worker-1: eats the soup") =>
                "the guest ate on worker-1: the code after the await ran on your worker, inside SetResult. " +
                "Is SubmitAsync's TaskCompletionSource made with RunContinuationsAsynchronously?",
            _ => "the log of the koan, your pool's worker and the guest",
        };
    }

    // The lines a child printed.
    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // What became of a child, with what it wrote to its errors, for a failure message.
    private static string Story(ChildResult child) => child.Errors.Trim() is { Length: > 0 } errors ? $"{child.Story}; its errors: {errors}" : child.Story;

    // How a child process ended, in words.
    private static string Ending(ChildResult child) => child switch
    {
        { Exited: true, ExitCode: 0 } => "the child ended well",
        { Exited: true } => "the child crashed",
        _ => "the child was killed",
    };
}
