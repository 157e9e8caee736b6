using ThreadState = System.Threading.ThreadState;

namespace Koans;

[Topic("""
    A crawl has to stop: the operator shuts it down, a page takes too long, a worker waits on an empty
    frontier. .NET stops work with one shape everywhere: a CancellationTokenSource is the switch, and its
    token is handed to everything that should stop when the switch is thrown. Throwing the switch is a
    request, never a kill: code stops only where it looks at the token, by checking it between pages, by
    throwing OperationCanceledException (which ends a task in a state of its own), or by handing the
    token to a wait that knows how to give up early: a blocking Take, a Task.Delay. A source can cancel
    itself after a timeout, sources can be linked so that one page's timeout sits inside the whole crawl's
    budget, and callbacks registered on a token run when it is canceled. Last, your own pool learns to
    shut down when a token says so.
    """)]
public class AboutCancellation
{
    // A method that takes a token can always be called: CancellationToken.None is a token nobody can cancel.
    [Koan("Five tokens, made five ways. Which of them could ever be canceled? Write their names in the order of the list.")]
    public void CancellationTokenNoneCanNeverBeCanceled()
    {
        using var shutdown = new CancellationTokenSource();
        using var linkedToNone = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken.None);
        (string Name, CancellationToken Token)[] tokens =
        [
            ("none", CancellationToken.None),
            ("default", default),
            ("shutdown", shutdown.Token),
            ("linked to none", linkedToNone.Token),
            ("made not canceled", new CancellationToken(canceled: false)),
        ];

        var cancelable = tokens.Where(token => token.Token.CanBeCanceled).Select(token => token.Name).ToArray();
        cancelable.ShouldBe(new[] { "shutdown", "linked to none" }, "the tokens that could ever be canceled, in the order of the list");
    }

    // Cancel only raises a flag on the token; the job stops only where its code looks at the flag, and nowhere else.
    [Koan("Cancel() is called while the job fetches its second page. How many pages does the job finish?")]
    public void CancellingIsARequestNotAKill()
    {
        var finished = 0;
        StoppedMidway((token, hold) => Task.Run(() =>
        {
            foreach (var site in new[] { "tea-house", "bakery" })
            {
                if (token.IsCancellationRequested)
                {
                    return;
                }

                foreach (var page in Pages(4))
                {
                    if (site == "tea-house" && page == "page-2")
                    {
                        hold();
                    }

                    finished++;
                }
            }
        }, CancellationToken.None));

        finished.ShouldBe(4, "the pages the job finished after it was asked to stop: where does its loop look at the token?");
    }

    // A loop that checks the token between pages stops at its next check: the page in hand is finished, none is cut in half.
    [Koan("The crawl is asked to shut down while it fetches page 3. Make the loop stop before it takes another page.")]
    public void AWorkerLoopStopsAtItsNextLookAtTheToken()
    {
        using var shutdown = new CancellationTokenSource();
        var token = shutdown.Token;
        using var atPage3 = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        var frontier = new Queue<string>(Pages(10));
        var fetched = new ConcurrentQueue<string>();
        var crawl = Task.Run(() =>
        {
            while (frontier.Count > 0)
            {
                if (token.IsCancellationRequested)
                {
                    break;
                }

                var page = frontier.Dequeue();
                fetched.Enqueue(page);
                if (page == "page-3")
                {
                    atPage3.Set();
                    resume.Wait(Bounded.Timeout);
                }
            }
        }, CancellationToken.None);

        Bounded.Wait(atPage3, "the crawl to fetch page 3");
        shutdown.Cancel();
        resume.Set();

        Bounded.Wait(crawl, "the crawl to end after the shutdown");
        _ = crawl.Exception;
        fetched.ToArray().ShouldBe(Pages(3), "the crawl went on fetching after it was asked to shut down during page 3");
    }

    // ThrowIfCancellationRequested turns the request into an exception that ends the task, and whoever waits can tell a stop from a failure.
    [Koan("The crawl checks its token with ThrowIfCancellationRequested, and was handed the same token by Task.Run. Cancel comes during page 2. " +
        "What does the report say?")]
    public void ThrowIfCancellationRequestedEndsATaskAsCanceled()
    {
        var fetched = 0;
        var crawl = StoppedMidway((token, hold) => Task.Run(() =>
        {
            foreach (var page in Pages(10))
            {
                token.ThrowIfCancellationRequested();
                if (page == "page-2")
                {
                    hold();
                }

                fetched++;
            }
        }, token));

        Report(crawl, fetched).ShouldBe("stopped after 2 pages", "the report is chosen by how the task ended, and counts the pages fetched");
    }

    // What whoever waited for a crawl reports, by how its task ended.
    private static string Report(Task crawl, int fetched) => crawl.Status switch
    {
        TaskStatus.RanToCompletion => $"done: {fetched} pages",
        TaskStatus.Canceled => $"stopped after {fetched} pages",
        TaskStatus.Faulted => $"failed after {fetched} pages: {crawl.Exception!.InnerException!.Message}",
        _ => $"still {crawl.Status}",
    };

    // Task.Run's token argument is how a task knows which OperationCanceledException means "canceled" and not "failed".
    [Koan("Three crawls each throw an OperationCanceledException once their shutdown comes. The operator is woken for every crawl that failed. For which?")]
    public void ATaskNotGivenTheTokenFaultsInsteadOfEndingCanceled()
    {
        (string Site, Task Crawl)[] crawls =
        [
            ("news", StoppedMidway((token, hold) => Task.Run(() =>
            {
                hold();
                token.ThrowIfCancellationRequested();
            }, token))),
            ("shop", StoppedMidway((token, hold) => Task.Run(() =>
            {
                hold();
                token.ThrowIfCancellationRequested();
            }, CancellationToken.None))),
            ("blog", StoppedMidway((token, hold) => Task.Run(() =>
            {
                hold();
                if (token.IsCancellationRequested)
                {
                    throw new OperationCanceledException("shut down");
                }
            }, token))),
        ];

        Woken(crawls).ShouldBe(new[] { "shop", "blog" }, "the crawls that ended Faulted: a task ends Canceled only for the token it was given, thrown with it");
    }

    // The sites whose crawl failed (its task Faulted), for which the operator is woken; a crawl that was stopped wakes nobody.
    private static string[] Woken((string Site, Task Crawl)[] crawls) =>
        crawls.Where(crawl => crawl.Crawl.Exception is not null).Select(crawl => crawl.Site).ToArray();

    // Awaiting a canceled task throws, so the lines after the await never run as if the work were done.
    [Koan("The save awaits a fetch that was canceled while it ran, and threw for itself. Which lines of the save ran? Write its log.")]
    public async Task AwaitingACanceledTaskThrowsSoTheLinesAfterItNeverRun()
    {
        var fetch = StoppedMidway((token, hold) => Task.Run(() =>
        {
            hold();
            token.ThrowIfCancellationRequested();
        }, token));

        var log = new List<string>();
        try
        {
            log.Add("fetching");
            await Bounded.Await(fetch, "the canceled fetch");
            log.Add("saved");
        }
        catch (TaskCanceledException)
        {
            log.Add("canceled before it started");
        }
        catch (OperationCanceledException)
        {
            log.Add("stopped while fetching");
        }
        finally
        {
            log.Add("connection closed");
        }

        log.ToArray().ShouldBe(new[] { "fetching", "stopped while fetching", "connection closed" }, "the save's log: which catch caught what the await threw?");
    }

    // A source that cancels itself after a while is a timeout anyone with the token obeys. The koans' sources run on a clock the koan moves.
    [Koan("Follow the clock, second by second. At which second is the page's token canceled?")]
    public void CancelAfterIsATimeout()
    {
        var clock = new ManualTime();
        using var pageTimeout = SourceOn(clock);

        var canceledAt = SecondsCanceled(clock, seconds: 10, second =>
        {
            if (second == 2)
            {
                // The page is asked for, and given five seconds to answer.
                pageTimeout.CancelAfter(TimeSpan.FromSeconds(5));
            }
        }, pageTimeout.Token);

        canceledAt.Single().ShouldBe(7, "the second at which the page's token was canceled");
    }

    // Calling CancelAfter again starts the time over: a watchdog that gives up only when no page arrived for a while.
    [Koan("The crawl is given up once no page has arrived for five seconds. Follow the clock: at which second is it given up?")]
    public void CancelAfterAgainStartsTheTimeOver()
    {
        var clock = new ManualTime();
        using var stalled = SourceOn(clock);
        int[] pageArrivesAt = [0, 3, 4, 8];

        var givenUpAt = SecondsCanceled(clock, seconds: 20, second =>
        {
            if (pageArrivesAt.Contains(second))
            {
                stalled.CancelAfter(TimeSpan.FromSeconds(5));
            }
        }, stalled.Token);

        givenUpAt.Single().ShouldBe(13, "the second at which the watchdog gave the crawl up");
    }

    // A linked source is canceled by whichever of its tokens is canceled first; the tokens it was made from never hear of it.
    [Koan("The crawl has a budget, and each of two pages a timeout of its own, linked to the budget. At which second is each token of the array canceled?")]
    public void ALinkedTokenIsCanceledByWhicheverOfItsTokensIsCanceledFirst()
    {
        var clock = new ManualTime();
        using var budget = SourceOn(clock);
        using var homeTimeout = SourceOn(clock);
        using var aboutTimeout = SourceOn(clock);
        using var home = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, homeTimeout.Token);
        using var about = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, aboutTimeout.Token);

        var canceledAt = SecondsCanceled(clock, seconds: 15, second =>
        {
            if (second == 0)
            {
                budget.CancelAfter(TimeSpan.FromSeconds(8));
                homeTimeout.CancelAfter(TimeSpan.FromSeconds(5));
            }

            if (second == 6)
            {
                aboutTimeout.CancelAfter(TimeSpan.FromSeconds(5));
            }
        }, home.Token, about.Token, budget.Token);

        canceledAt.ShouldBe(new[] { 5, 8, 8 }, "the second at which home, about and the budget were canceled");
    }

    // A callback registered on the token runs inside Cancel, on the canceling thread, before Cancel returns: keep callbacks short.
    [Koan("The crawler registered the callback; another thread cancels. Write the log: who wrote what, in which order?")]
    public void ARegisteredCallbackRunsOnTheThreadThatCancels()
    {
        using var shutdown = new CancellationTokenSource();
        var log = new ConcurrentQueue<string>();
        void Note(string what) => log.Enqueue($"{Thread.CurrentThread.Name}: {what}");
        var registration = default(CancellationTokenRegistration);

        Bounded.Join(Background.Started("crawler", () =>
        {
            registration = shutdown.Token.Register(() => Note("connections closed"));
            Note("registered");
        }), "the crawler did not finish registering its callback");
        Bounded.Join(Background.Started("ctrl-c", () =>
        {
            Note("cancels");
            shutdown.Cancel();
            Note("Cancel returned");
        }), "the Ctrl+C thread's Cancel did not return");

        registration.Dispose();
        log.ToArray().ShouldBe(
            new[] { "crawler: registered", "ctrl-c: cancels", "ctrl-c: connections closed", "ctrl-c: Cancel returned" },
            "who wrote each line of the log, in order");
    }

    // Registering late is safe: a callback registered on a token already canceled runs at once, inside Register.
    [Koan("Each page opens a connection and registers its close on the shutdown token; the shutdown comes halfway. Write the log.")]
    public void RegisteringOnACanceledTokenRunsTheCallbackAtOnce()
    {
        using var shutdown = new CancellationTokenSource();
        var log = new List<string>();
        var registrations = new List<CancellationTokenRegistration>();

        foreach (var page in Pages(3))
        {
            log.Add($"open {page}");
            if (page == "page-2")
            {
                shutdown.Cancel();
            }

            registrations.Add(shutdown.Token.Register(() => log.Add($"close {page}")));
        }

        registrations.ForEach(registration => registration.Dispose());
        log.ToArray().ShouldBe(
            new[] { "open page-1", "open page-2", "close page-1", "close page-2", "open page-3", "close page-3" },
            "the connections opened and closed, in order");
    }

    // Cancel is safe to call again and again (two operators, a timeout, a Ctrl+C): the callbacks run the first time only.
    [Koan("Three stops reach the same source, one after the other. Write the log.")]
    public void CancellingTwiceRunsTheCallbacksOnce()
    {
        var clock = new ManualTime();
        using var shutdown = SourceOn(clock);
        var log = new List<string>();
        using var registration = shutdown.Token.Register(() => log.Add("connections closed"));
        shutdown.CancelAfter(TimeSpan.FromSeconds(30));

        log.Add("operator stops");
        shutdown.Cancel();
        log.Add("ctrl-c stops");
        shutdown.Cancel();
        log.Add("30 s are up");
        clock.Advance(TimeSpan.FromSeconds(30));

        log.ToArray().ShouldBe(new[] { "operator stops", "connections closed", "ctrl-c stops", "30 s are up" }, "the stops and the callback, in order");
    }

    // A blocking Take given a token gives up its wait when the token is canceled, instead of waiting for a page that never comes.
    [Koan("The crawler waits for a page on an empty frontier. Write the Take that stops waiting when the shutdown comes.")]
    public void ABlockingTakeGivesUpWhenItsTokenIsCanceled()
    {
        using var shutdown = new CancellationTokenSource();
        var token = shutdown.Token;
        var frontier = new BlockingCollection<string>();
        Exception? endedWith = null;
        var crawler = new Thread(() =>
        {
            try
            {
                frontier.Take(token);
            }
            catch (Exception thrown)
            {
                endedWith = thrown;
            }
        })
        { IsBackground = true, Name = "crawler" };
        try
        {
            crawler.Start();
            Bounded.UntilSteady(() => crawler.ThreadState.HasFlag(ThreadState.WaitSleepJoin), "the crawler to wait for a page on the empty frontier");
            shutdown.Cancel();
            Bounded.Join(crawler, "it was still waiting for a page after the shutdown");
        }
        finally
        {
            frontier.CompleteAdding(); // frees a crawler still waiting, whatever happened above
        }

        endedWith.ShouldBeOfType<OperationCanceledException>("the crawler's wait ended some other way than by the shutdown");
    }

    // A delay given a token ends the moment the token is canceled: a ten-minute pause need not hold up a shutdown.
    [Koan("Between two fetches from the same site the crawl pauses ten minutes, to be polite. Write the pause, so that the shutdown can end it early.")]
    public async Task ADelayEndsEarlyWhenItsTokenIsCanceled()
    {
        using var shutdown = new CancellationTokenSource();
        var fetched = 0;
        async Task PoliteCrawl()
        {
            fetched++;
            await Task.Delay(TimeSpan.FromMinutes(10), shutdown.Token);
            fetched++;
        }

        var crawl = PoliteCrawl();
        crawl.IsCompleted.ShouldBeFalse("the crawl did not pause between its two fetches");
        shutdown.Cancel();

        Bounded.Wait(crawl, "the crawl to end, though it was in a ten-minute pause");
        fetched.ShouldBe(1, "the crawl fetched another page after the shutdown");
        await Should.ThrowAsync<TaskCanceledException>(() => Bounded.Await(crawl, "the canceled crawl"));
    }

    // Dispose frees a source (and its timer) once the work is done; it is not a cancel, and nobody listening hears it.
    [Koan("Each page is given five seconds, and its timeout's callback writes to the log; a page that answers disposes its timeout. " +
        "Follow the clock: write the log.")]
    public void DisposingASourceIsNotCancellingIt()
    {
        var clock = new ManualTime();
        var log = new List<string>();
        var timeouts = new Dictionary<string, CancellationTokenSource>();
        // Each page: the second it is asked for, and the second it answers.
        (string Page, int Asked, int Answers)[] pages = [("page-1", 0, 3), ("page-2", 1, 8), ("page-3", 2, 4)];

        RunClock(clock, seconds: 10, second =>
        {
            foreach (var (page, asked, answers) in pages)
            {
                if (second == asked)
                {
                    timeouts[page] = SourceOn(clock);
                    timeouts[page].Token.Register(() => log.Add($"{page} timed out"));
                    timeouts[page].CancelAfter(TimeSpan.FromSeconds(5));
                }

                if (second == answers)
                {
                    log.Add($"{page} answered");
                    timeouts[page].Dispose();
                }
            }
        });

        var written = log.ToArray();
        written.ShouldBe(new[] { "page-1 answered", "page-3 answered", "page-2 timed out", "page-2 answered" }, "what the pages and their timeouts wrote");
    }

    // The crawl's shutdown token can stop your pool too: one Cancel, and it takes no new jobs but finishes those queued.
    [Koan("Write ShutdownWhen in your pool (WorkerPool.cs). Then follow the log: the pool's shutdown on one token was called off, on the other it was not.")]
    public void YourPoolShutsDownGracefullyWhenItsTokenIsCanceled()
    {
        using var budget = new CancellationTokenSource();
        using var shutdown = new CancellationTokenSource();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        using var onShutdown = pool.ShutdownWhen(shutdown.Token);
        pool.ShutdownWhen(budget.Token).Dispose(); // called off: the budget no longer shuts this pool down
        var log = new ConcurrentQueue<string>();
        using var firstPage = new GateThatHolds();
        pool.Submit(() =>
        {
            firstPage.HoldHere();
            log.Enqueue("home ran");
        });
        firstPage.AwaitHeld("the first page job to start");

        Offer(pool, "about", log);
        budget.Cancel();
        Offer(pool, "blog", log);
        shutdown.Cancel();
        Offer(pool, "shop", log);
        firstPage.LetGo();
        Bounded.Join(
            pool.Threads.Single(), "the worker still waits for jobs after the shutdown token was canceled: did ShutdownWhen register the shutdown on it?");

        var happened = log.ToArray();
        happened.ShouldBe(new[] { "about taken", "blog taken", "shop refused", "home ran", "about ran", "blog ran" }, WhatTheTokensDid(happened));
    }

    // What the pool's log says about its ShutdownWhen, for the failure message.
    private static string WhatTheTokensDid(string[] log) =>
        log.Contains("blog refused")
            ? "the pool refused a job once the budget was canceled, though its shutdown on the budget had been called off: ShutdownWhen must hand back "
                + "the registration Register returned, so that disposing it calls the shutdown off"
        : !log.Contains("about ran")
            ? "jobs the pool took before its shutdown never ran: the shutdown on the token took them out of the queue (as ShutdownNow does), "
                + "where a graceful one lets the worker finish them"
        : Array.IndexOf(log, "shop refused") > Array.IndexOf(log, "home ran")
            ? "the queued jobs ran before Cancel returned: the shutdown on the token waited for the worker inside Cancel (a Shutdown with time to wait?); "
                + "a callback should only close the queue"
        : "what the pool took, refused and ran, in order";

    private static string[] Pages(int count) => Enumerable.Range(1, count).Select(n => $"page-{n}").ToArray();

    // Starts a crawl with `start`, handing it the crawl's token and a `hold` to call once it runs; cancels the token while
    // the crawl is held there, and gives back the crawl's task once it has ended.
    private static Task StoppedMidway(Func<CancellationToken, Action, Task> start)
    {
        using var shutdown = new CancellationTokenSource();
        using var held = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        var crawl = start(shutdown.Token, () =>
        {
            held.Set();
            resume.Wait(Bounded.Timeout);
        });
        Bounded.Wait(held, "the crawl to start");
        shutdown.Cancel();
        resume.Set();
        Bounded.Wait(crawl, "the crawl to end after its shutdown");
        return crawl;
    }

    // A source whose timers run on the koan's clock; a real crawl writes new CancellationTokenSource() instead.
    private static CancellationTokenSource SourceOn(ManualTime clock) => new(Timeout.InfiniteTimeSpan, clock);

    // Moves the clock on a second at a time from second 0 to `seconds`, and calls `atSecond` with each second once the
    // clock is there (and every timer due by then has fired).
    private static void RunClock(ManualTime clock, int seconds, Action<int> atSecond)
    {
        for (var second = 0; second <= seconds; second++)
        {
            if (second > 0)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }

            atSecond(second);
        }
    }

    // Runs the clock as RunClock does, and gives for each token the second at which it was found canceled (-1: never).
    private static int[] SecondsCanceled(ManualTime clock, int seconds, Action<int> atSecond, params CancellationToken[] tokens)
    {
        var canceledAt = tokens.Select(_ => -1).ToArray();
        RunClock(clock, seconds, second =>
        {
            for (var i = 0; i < tokens.Length; i++)
            {
                if (canceledAt[i] < 0 && tokens[i].IsCancellationRequested)
                {
                    canceledAt[i] = second;
                }
            }

            atSecond(second);
        });
        return canceledAt;
    }

    // Offers the pool a job for `page`, which writes "<page> ran" when it runs, and writes whether the pool took the job
    // or refused it (while the pool's worker is held, the job cannot run before that is written).
    private static void Offer(WorkerPool pool, string page, ConcurrentQueue<string> log)
    {
        try
        {
            pool.Submit(() => log.Enqueue($"{page} ran"));
            log.Enqueue($"{page} taken");
        }
        catch (InvalidOperationException)
        {
            log.Enqueue($"{page} refused");
        }
    }

    // A gate that holds the job that reaches HoldHere until the koan lets it go, or the gate is disposed.
    private sealed class GateThatHolds : IDisposable
    {
        private readonly ManualResetEventSlim _held = new();
        private readonly ManualResetEventSlim _letGo = new();

        public void HoldHere()
        {
            _held.Set();
            _letGo.Wait(Bounded.Timeout);
        }

        public void AwaitHeld(string what) => Bounded.Wait(_held, what);

        public void LetGo() => _letGo.Set();

        public void Dispose() => LetGo();
    }
}
