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
    shutdown, and callbacks registered on a token run when it is canceled. Last, your own pool learns to
    shut down when a token says so.
    """)]
public class AboutCancellation
{
    // A method that takes a token can always be called: CancellationToken.None is a token nobody can cancel.
    [Koan("One token comes from no source at all, the other from the crawl's shutdown switch. Which of them can ever be canceled?")]
    public void CancellationTokenNoneCanNeverBeCanceled()
    {
        using var shutdown = new CancellationTokenSource();
        var none = CancellationToken.None;

        new[] { none.CanBeCanceled, shutdown.Token.CanBeCanceled }.ShouldBe(new[] { false, true });
        default(CancellationToken).ShouldBe(none, "a token left at its default is a token nobody can cancel");
    }

    // Cancel only raises a flag on the token; code that never looks at the flag carries on as if nothing happened.
    [Koan("The crawl loop below is given the token, but never looks at it. Did it go on fetching after Cancel?")]
    public void CancellingIsARequestNotAKill()
    {
        using var shutdown = new CancellationTokenSource();
        using var unplugged = new ManualResetEventSlim();
        var fetched = 0;
        var crawl = Task.Run(() => CrawlIgnoring(shutdown.Token, unplugged, ref fetched), CancellationToken.None);
        try
        {
            Bounded.Until(() => Volatile.Read(ref fetched) > 0, "the crawl to fetch its first page");
            shutdown.Cancel();
            var atCancel = Volatile.Read(ref fetched);

            var wentOn = FetchesGoOn(() => Volatile.Read(ref fetched));

            wentOn.ShouldBe(true, $"after Cancel the crawl fetched {Volatile.Read(ref fetched) - atCancel} more pages");
        }
        finally
        {
            // The other signal, the one this loop does look at.
            unplugged.Set();
        }

        Bounded.Wait(crawl, "the crawl to end once it was unplugged");
        crawl.Status.ShouldBe(TaskStatus.RanToCompletion, "the loop ended by the signal it watched, not by the token");
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
    [Koan("The crawl checks the token with ThrowIfCancellationRequested, and the token was given to Task.Run too. How did the task end?")]
    public void ThrowIfCancellationRequestedEndsATaskAsCanceled()
    {
        using var shutdown = new CancellationTokenSource();
        var token = shutdown.Token;
        using var atPage2 = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        var crawl = Task.Run(() =>
        {
            foreach (var page in Pages(10))
            {
                token.ThrowIfCancellationRequested();
                if (page == "page-2")
                {
                    atPage2.Set();
                    resume.Wait(Bounded.Timeout);
                }
            }
        }, token);

        Bounded.Wait(atPage2, "the crawl to fetch page 2");
        shutdown.Cancel();
        resume.Set();
        Bounded.Wait(crawl, "the crawl to end after the shutdown");

        crawl.Status.ShouldBe(TaskStatus.Canceled);
    }

    // Task.Run's token argument is how a task knows which OperationCanceledException means "canceled" and not "failed".
    [Koan("Both tasks throw for the same canceled token; only the first was told, through Task.Run, that the token is its own. How did each end?")]
    public void ATaskNotGivenTheTokenFaultsInsteadOfEndingCanceled()
    {
        using var shutdown = new CancellationTokenSource();
        var token = shutdown.Token;
        using var started = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        var given = Task.Run(() =>
        {
            started.Set();
            resume.Wait(Bounded.Timeout);
            token.ThrowIfCancellationRequested();
        }, token);

        Bounded.Wait(started, "the task given the token to start");
        shutdown.Cancel();
        resume.Set();
        var notGiven = Task.Run(() => token.ThrowIfCancellationRequested(), CancellationToken.None);
        Bounded.Wait(given, "the task given the token to end");
        Bounded.Wait(notGiven, "the task not given the token to end");
        _ = notGiven.Exception;

        new[] { given.Status, notGiven.Status }.ShouldBe(new[] { TaskStatus.Canceled, TaskStatus.Faulted });
    }

    // Awaiting a canceled task throws, so the code after the await does not run as if the work were done.
    [Koan("The fetch ran, and threw when it saw the canceled token. What does awaiting it throw?")]
    public async Task AwaitingACanceledTaskThrowsOperationCanceledException()
    {
        using var shutdown = new CancellationTokenSource();
        var token = shutdown.Token;
        using var fetching = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        var fetch = Task.Run(() =>
        {
            fetching.Set();
            resume.Wait(Bounded.Timeout);
            token.ThrowIfCancellationRequested();
        }, token);
        Bounded.Wait(fetching, "the fetch to start");
        shutdown.Cancel();
        resume.Set();

        Exception? caught = null;
        try
        {
            await Bounded.Await(fetch, "the canceled fetch");
        }
        catch (Exception thrown)
        {
            caught = thrown;
        }

        caught.ShouldNotBeNull("awaiting the canceled fetch threw nothing");
        caught.GetType().ShouldBe(typeof(OperationCanceledException), "the fetch had started, and threw for itself; await hands on what the task ended with");
        ((OperationCanceledException)caught).CancellationToken.ShouldBe(token,
            "the exception carries the token that was canceled, so a catch can tell whose cancel it was");
    }

    // A source that cancels itself after a while is a timeout anyone with the token obeys. The koans' sources run on a clock the koan moves.
    [Koan("A page fetch is given five seconds. Is its token canceled after four seconds, and after five?")]
    public void CancelAfterIsATimeout()
    {
        var clock = new ManualTime();
        using var pageTimeout = SourceOn(clock);
        pageTimeout.CancelAfter(TimeSpan.FromSeconds(5));

        clock.Advance(TimeSpan.FromSeconds(4));
        var afterFour = pageTimeout.IsCancellationRequested;
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterFive = pageTimeout.IsCancellationRequested;

        new[] { afterFour, afterFive }.ShouldBe(new[] { false, true });
    }

    // Calling CancelAfter again starts the time over: a watchdog that gives up only when no page arrived for a while.
    [Koan("The crawl is given up when no page arrives for five seconds. A page arrived at second four. Is the crawl given up at second eight?")]
    public void CancelAfterAgainStartsTheTimeOver()
    {
        var clock = new ManualTime();
        using var stalled = SourceOn(clock);
        stalled.CancelAfter(TimeSpan.FromSeconds(5));

        clock.Advance(TimeSpan.FromSeconds(4));
        stalled.CancelAfter(TimeSpan.FromSeconds(5)); // a page arrived
        clock.Advance(TimeSpan.FromSeconds(4));

        stalled.IsCancellationRequested.ShouldBe(false);
        clock.Advance(TimeSpan.FromSeconds(1));
        stalled.IsCancellationRequested.ShouldBeTrue("five seconds passed without a page, and the watchdog never fired");
    }

    // A page's token linked to the crawl's shutdown obeys both: shutting the crawl down stops every page in it.
    [Koan("The page's token is linked to the shutdown and to the page's own timeout. The operator shuts the whole crawl down. Is the page canceled?")]
    public void CancellingTheCrawlCancelsEveryPageLinkedToIt()
    {
        var clock = new ManualTime();
        using var shutdown = new CancellationTokenSource();
        using var pageTimeout = SourceOn(clock);
        pageTimeout.CancelAfter(TimeSpan.FromSeconds(5));
        using var page = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token, pageTimeout.Token);

        shutdown.Cancel();

        page.IsCancellationRequested.ShouldBe(true);
        pageTimeout.IsCancellationRequested.ShouldBeFalse("the page's timer was canceled too, but its time is not up");
    }

    // Linking goes one way: one slow page gives up on its own, and the rest of the crawl goes on.
    [Koan("The page's five seconds are up, and its linked token is canceled. Is the whole crawl shut down?")]
    public void APagesTimeoutDoesNotCancelTheWholeCrawl()
    {
        var clock = new ManualTime();
        using var shutdown = new CancellationTokenSource();
        using var pageTimeout = SourceOn(clock);
        pageTimeout.CancelAfter(TimeSpan.FromSeconds(5));
        using var page = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token, pageTimeout.Token);

        clock.Advance(TimeSpan.FromSeconds(5));
        page.IsCancellationRequested.ShouldBeTrue("the page's time was up, but its linked token did not hear of it");

        shutdown.IsCancellationRequested.ShouldBe(false);
    }

    // A callback registered on the token runs inside Cancel, on the canceling thread: keep callbacks short.
    [Koan("The operator thread cancels; the callback that closes the crawl's connections records the thread it ran on. Which one?")]
    public void ARegisteredCallbackRunsOnTheThreadThatCancels()
    {
        using var shutdown = new CancellationTokenSource();
        string? closedOn = null;
        using var registration = shutdown.Token.Register(() => closedOn = Thread.CurrentThread.Name ?? "a nameless thread");
        var operatorThread = new Thread(shutdown.Cancel) { IsBackground = true, Name = "operator" };

        operatorThread.Start();
        Bounded.Join(operatorThread, "the operator's Cancel did not return");

        closedOn.ShouldBe("operator");
    }

    // Registering late is safe: a callback registered on a token already canceled runs at once.
    [Koan("The crawl was shut down before the callback was registered. Has it run by the time Register returns?")]
    public void RegisteringOnACanceledTokenRunsTheCallbackAtOnce()
    {
        using var shutdown = new CancellationTokenSource();
        shutdown.Cancel();
        var closed = false;

        using var registration = shutdown.Token.Register(() => closed = true);

        closed.ShouldBe(true);
    }

    // Cancel is safe to call twice (two operators, a timeout and a Ctrl+C): the callbacks run the first time only.
    [Koan("Two operators both shut the crawl down. How often did the callback that closes the connections run?")]
    public void CancellingTwiceRunsTheCallbacksOnce()
    {
        using var shutdown = new CancellationTokenSource();
        var closes = 0;
        using var registration = shutdown.Token.Register(() => closes++);

        shutdown.Cancel();
        shutdown.Cancel();

        closes.ShouldBe(1);
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
    [Koan("The page was fetched in time, so its timeout source was disposed. Is its token canceled once the five seconds have passed?")]
    public void DisposingASourceIsNotCancellingIt()
    {
        var clock = new ManualTime();
        var pageTimeout = SourceOn(clock);
        pageTimeout.CancelAfter(TimeSpan.FromSeconds(5));
        var token = pageTimeout.Token;

        pageTimeout.Dispose();
        clock.Advance(TimeSpan.FromSeconds(10));

        token.IsCancellationRequested.ShouldBe(false);
        Should.Throw<ObjectDisposedException>(() => pageTimeout.Cancel(), "Cancel on the disposed source did not throw");
    }

    // The crawl's shutdown token can stop your pool too: one Cancel, and it takes no new jobs but finishes those queued.
    [Koan("Write ShutdownWhen in your pool (WorkerPool.cs): when the token is canceled, the pool shuts down gracefully. Then: one job runs and three " +
        "wait when the crawl is shut down; how many still wait right after?")]
    public void YourPoolShutsDownGracefullyWhenItsTokenIsCanceled()
    {
        using var shutdown = new CancellationTokenSource();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 1, MaxWorkers = 1 });
        using var registration = pool.ShutdownWhen(shutdown.Token);
        using var firstPage = new GateThatHolds();
        var done = 0;
        pool.Submit(() =>
        {
            firstPage.HoldHere();
            Interlocked.Increment(ref done);
        });
        firstPage.AwaitHeld("the first page job to start");
        for (var job = 1; job <= 3; job++)
        {
            pool.Submit(() => Interlocked.Increment(ref done));
        }

        shutdown.Cancel();
        pool.QueueLength.ShouldBe(3, "the jobs still in the queue right after the cancel");
        Should.Throw<InvalidOperationException>(() => pool.Submit(() => { }), "the pool took a new job after its shutdown token was canceled");
        firstPage.LetGo();
        Bounded.Join(pool.Threads.Single(), "the worker still waits for jobs after the pool's shutdown token was canceled");
        done.ShouldBe(4, "page jobs that were queued before the shutdown never ran");
    }

    private static string[] Pages(int count) => Enumerable.Range(1, count).Select(n => $"page-{n}").ToArray();

    // A source whose timers run on the koan's clock; a real crawl writes new CancellationTokenSource() instead.
    private static CancellationTokenSource SourceOn(ManualTime clock) => new(Timeout.InfiniteTimeSpan, clock);

    // A crawl loop that is handed the shutdown token and never looks at it: it stops only when unplugged.
    private static void CrawlIgnoring(CancellationToken shutdown, ManualResetEventSlim unplugged, ref int fetched)
    {
        while (!unplugged.IsSet)
        {
            Interlocked.Increment(ref fetched);
        }
    }

    // Whether the count of pages fetched goes on growing from now on (watched for no longer than a second).
    private static bool FetchesGoOn(Func<int> fetched)
    {
        var before = fetched();
        return SpinWait.SpinUntil(() => fetched() > before + 1000, Bounded.Timeout);
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
