using System.Net;
using AngleSharp.Html.Parser;
using NUnit.Framework;
using ThreadingKoans.Engine.Web;

namespace Koans;

[Topic("""
    This is why the whole path exists. A crawler fetches a page, finds its links, and every link is one
    more page to fetch: pages turn up far faster than one thread can fetch them, so they wait in a
    queue, the queue grows, and workers are added to keep up. Here the site is real: a web server on
    your own machine (127.0.0.1), answering over TCP. You fetch with one shared HttpClient, find links
    with a real HTML parser, stay on the site, claim each page once, know when the crawl is done, survive
    pages that fail, hang or are busy, stay polite, stop midway without losing anything, and then crawl
    it with both your pools: the WorkerPool of threads, and the AsyncWorkerPool of tasks.
    """)]
public class AboutCrawlingTheWeb
{
    /// <summary>The generated pages the site serves beside the tea house: /pages/0 to /pages/119.</summary>
    private const int Pages = 120;

    private static readonly string[] FourPages = ["/", "/about", "/contact", "/menu/"];

    private static LoopbackSite? _site;

    /// <summary>
    /// The web site of this topic, started the first time a koan needs it and stopped after the topic. On the path that is
    /// the first koan, whose time limit leaves room for a machine so busy that starting a web server takes seconds.
    /// </summary>
    private static LoopbackSite Site => _site ??= StartTheSite();

    /// <summary>Every koan starts from a quiet site: no counts, no held pages, no latency.</summary>
    [SetUp]
    public void ForgetWhatTheSiteCounted()
    {
        if (_site is { } site)
        {
            site.ResetCounts();
            site.Latency = TimeSpan.Zero;
        }
    }

    /// <summary>Stops the site once the topic is over, whatever its koans did.</summary>
    [OneTimeTearDown]
    public void StopTheSite() => Interlocked.Exchange(ref _site, null)?.Dispose();

    // A client per page opens a connection per page; one shared HttpClient keeps its connection and uses it again.
    [Koan("Four pages fetched with a new HttpClient each, then the same four pages with one shared client. How many connections did the site see each time?",
        TimeoutSeconds = 15)]
    public async Task OneSharedClientKeepsOneConnectionForTheWholeCrawl()
    {
        foreach (var path in FourPages)
        {
            using var own = new HttpClient();
            await StatusOf(own, path);
        }

        var perPage = Site.Connections;
        Site.ResetCounts();
        using var shared = new HttpClient();
        foreach (var path in FourPages)
        {
            await StatusOf(shared, path);
        }

        new[] { perPage, Site.Connections }.ShouldBe(__, $"with a client for each page the site saw {perPage} connections; with one client for all four pages the site saw {Site.Connections} connections");
    }

    // HTML is not a regular language: a crawler finds links with a real HTML parser, which reads the page as a browser would.
    [Koan("The parser has read the tea house's home page into `document`. Put the href of every link (an `a` element with an href) into `hrefs`.")]
    public async Task AnHtmlParserFindsEveryLinkOnThePage()
    {
        using var client = new HttpClient();
        var html = await Bounded.Await(client.GetStringAsync(Site.Root), "the site to answer GET /");
        using var document = new HtmlParser().ParseDocument(html);
        var hrefs = new List<string>();
        ___();

        hrefs.ShouldBe(TeaHouse.HomeLinks(Site.Root), $"the home page has {TeaHouse.HomeLinks(Site.Root).Count} links; {hrefs.Count} were found");
    }

    // A relative link means "from where this page is": the same href on another page names another page.
    [Koan("The menu at /menu/ links to \"green\", and the green tea page links to \"../about\". Which paths do those two links name?")]
    public async Task ARelativeLinkIsResolvedAgainstThePageItIsOn()
    {
        var green = new Uri(Site.Page("/menu/"), "green");
        var about = new Uri(Site.Page("/menu/green"), "../about");

        new[] { green.AbsolutePath, about.AbsolutePath }.ShouldBe(__);
        using var client = new HttpClient();
        (await StatusOf(client, green.AbsolutePath)).ShouldBe(HttpStatusCode.OK, "the resolved link names no page of the site");
        (await StatusOf(client, new Uri(Site.Root, "green").AbsolutePath)).ShouldBe(HttpStatusCode.NotFound, "the same link read from the site's root names a page that is not there");
    }

    // A crawler follows only its own site's web pages: another host, a mailto: and a #fragment of a page are no new pages to fetch.
    [Koan("Keep a resolved link only when it is http on this site (Site.Authority), and keep it without its #fragment.")]
    public void ACrawlerFollowsOnlyThePagesOfItsOwnSite()
    {
        var kept = new List<Uri>();
        foreach (var href in TeaHouse.HomeLinks(Site.Root))
        {
            var link = new Uri(Site.Root, href);
            ___();
        }

        string[] onSite = ["/menu/", "/about", "/contact", "/", "/old-menu", "/kitchen", "/garden", "/busy", "/private/ledger"];
        kept.Select(link => link.ToString()).ShouldBe(onSite.Select(path => Site.Page(path).ToString()),
            $"the crawler kept {string.Join(", ", kept.Select(link => link.Authority == Site.Authority ? link.PathAndQuery + link.Fragment : link.ToString()))}");
    }

    // Two workers that find one link at the same moment must not both fetch it: checking and claiming a page is one step.
    [Koan("Both workers look at the visited set at the same moment. Claim /about for this worker in one step, so that `mine` is true for one of them only.")]
    public void OnlyOneOfTwoWorkersThatFindAPageAtOnceFetchesIt()
    {
        using var client = new HttpClient();
        var visited = new ConcurrentDictionary<Uri, bool>();
        var about = Site.Page("/about");
        using var bothLooked = new Barrier(2);
        void Worker()
        {
            var mine = false;
            ___();
            Bounded.SignalAndWait(bothLooked, "the other worker to look at the visited set too");
            if (mine)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, about);
                client.Send(request).Dispose();
            }
        }

        var workers = new[] { new Thread(Worker) { Name = "worker-1" }, new Thread(Worker) { Name = "worker-2" } };
        Array.ForEach(workers, worker => worker.Start());
        Array.ForEach(workers, worker => Bounded.Join(worker, "it looked at the visited set, and fetched /about if it claimed it"));
        Site.Requests("/about").ShouldBe(1, $"two workers found /about at once, and the site was asked for it {Site.Requests("/about")} times");
    }

    // An empty queue is not the end of a crawl: a page still in flight may bring new links. Done is nothing queued AND nothing in flight.
    [Koan("/pages/1 is held on the server, and every other page your pool was given is done: its queue is empty. Is the crawl done?")]
    public async Task AnEmptyQueueWhileAPageIsInFlightIsNotTheEnd()
    {
        using var client = new HttpClient();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2 });
        var held = Site.Hold("/pages/1");
        var crawl = CrawlFrom(Site.Page("/pages/0"), page => pool.SubmitAsync(() => FetchLinks(client, page)));
        Bounded.Until(() => held.Waiting == 1 && Site.Served == OutsideTheBranchOfPageOne + 1 && pool.Pending == 1, "every page outside the branch of /pages/1 to be fetched");

        var done = pool.WaitForIdle(TimeSpan.Zero);
        done.ShouldBe(__, $"the queue held {pool.QueueLength} pages and {held.Waiting} fetch was in flight");
        held.Release();
        var crawled = await WhileTheSiteIsAsked(crawl, "the crawl to end once /pages/1 was answered");
        crawled.Pages.ShouldContain("/pages/5", "the pages only /pages/1 links to were never found");
    }

    // A page that fails costs that page, not the crawl: the crawler counts it and goes on with the others.
    [Koan("The tea house has a kitchen that answers 500, a garden that is not there (404) and a busy page (503). Which paths did the crawl count as failed?")]
    public async Task AFailedPageIsCountedAndTheCrawlGoesOn()
    {
        using var client = new HttpClient();

        var crawled = await Bounded.Await(CrawlFrom(Site.Root, page => FetchLinksAsync(client, page)), "the crawl of the tea house to end");

        crawled.Pages.ShouldContain("/menu/green", "the crawl stopped at the first failure and never reached the green tea");
        crawled.Failed.Order(StringComparer.Ordinal).ToArray().ShouldBe(__);
    }

    // Each page's token is linked to the crawl's: stopping the crawl cancels every page still in flight, with no list of them to walk.
    [Koan("Two pages are held on the server, each fetched with its own token linked to the crawl's. The crawl is stopped. How did the two fetches end?")]
    public async Task StoppingTheCrawlCancelsEveryPageInFlight()
    {
        using var client = new HttpClient();
        using var crawl = new CancellationTokenSource();
        async Task<HttpStatusCode> Fetch(PageHold held)
        {
            using var page = CancellationTokenSource.CreateLinkedTokenSource(crawl.Token);
            using var response = await client.GetAsync(Site.Page(held.Path), page.Token);
            return response.StatusCode;
        }

        PageHold[] held = [Site.Hold("/about"), Site.Hold("/contact")];
        var fetches = held.Select(Fetch).ToArray();
        await Bounded.Await(Task.WhenAll(held.Select(hold => hold.Arrived)), "both held requests to reach the site");
        await crawl.CancelAsync();

        await Bounded.Await(Task.WhenAll(fetches.Select(Ended)), "both fetches of held pages to end once the crawl was stopped");
        fetches.Select(fetch => fetch.Status).ToArray().ShouldBe(__);
    }

    // A page that hangs must give up on its own: a timeout linked inside the crawl's token stops that page, and the crawl goes on.
    [Koan("The page's token is linked to the crawl's, but nothing will ever cancel it while /about is held. Give the page 100 ms.")]
    public async Task AHeldPageGivesUpOnItsOwnTimeoutAndTheCrawlGoesOn()
    {
        using var client = new HttpClient();
        using var crawl = new CancellationTokenSource();
        var held = Site.Hold("/about");
        using var page = CancellationTokenSource.CreateLinkedTokenSource(crawl.Token);
        ___();

        var fetch = client.GetAsync(Site.Page("/about"), page.Token);
        await Bounded.Await(held.Arrived, "the request for /about to reach the site");
        await Bounded.Await(Ended(fetch), "the fetch of the held page /about to give up");
        fetch.IsCanceled.ShouldBeTrue($"the fetch of the held page ended {fetch.Status}, not canceled");
        crawl.IsCancellationRequested.ShouldBeFalse("the whole crawl was canceled, not just the page that hung");
        (await StatusOf(client, "/contact")).ShouldBe(HttpStatusCode.OK, "the crawl could not go on after the page's timeout");
    }

    // A 503 says "busy, come back later": retry it, waiting longer each time. A 404 will say the same however often you ask.
    [Koan("/busy answers 503 twice before it answers. Set `again` only for a 503 (ServiceUnavailable), and only while attempts are left.")]
    public async Task OnlyABusyAnswerIsRetriedAndEachRetryWaitsLonger()
    {
        using var client = new HttpClient();
        var waits = new List<TimeSpan>();
        async Task<HttpStatusCode> GetRetrying(string path)
        {
            var wait = TimeSpan.FromMilliseconds(5);
            for (var attempt = 1; ; attempt++)
            {
                using var response = await Bounded.Await(client.GetAsync(Site.Page(path)), $"the site to answer GET {path}");
                var again = false;
                ___();
                if (!again)
                {
                    return response.StatusCode;
                }

                // The back-off itself, not a way of ordering anything: a busy server gets a little longer each time.
                waits.Add(wait);
                await Task.Delay(wait);
                wait *= 2;
            }
        }

        (await GetRetrying("/busy")).ShouldBe(HttpStatusCode.OK, $"/busy was asked for {Site.Requests("/busy")} times and never answered with the page");
        (await GetRetrying("/garden")).ShouldBe(HttpStatusCode.NotFound);
        Site.Requests("/garden").ShouldBe(1, $"/garden, a page that is not there (404), was asked for {Site.Requests("/garden")} times");
        waits.ShouldBe([TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10)], "each retry should wait twice as long as the one before");
    }

    // A polite crawler keeps only a few requests at the site at once, however many workers it has: a SemaphoreSlim hands out the turns.
    [Koan("Three pages are fetched at once and all three are held on the server. Wait for one of the two turns before a request goes out.")]
    public async Task APoliteCrawlerNeverHasMoreThanTwoRequestsAtTheSite()
    {
        using var client = new HttpClient();
        using var turns = new SemaphoreSlim(2);
        var sent = 0;
        async Task Polite(string path)
        {
            ___();
            try
            {
                Interlocked.Increment(ref sent);
                using var response = await client.GetAsync(Site.Page(path));
            }
            finally
            {
                turns.Release();
            }
        }

        var held = new[] { "/about", "/contact", "/menu/" }.Select(Site.Hold).ToList();
        var fetches = held.Select(hold => Polite(hold.Path)).ToList();
        Bounded.Until(() => held.Sum(hold => hold.Waiting) >= 2, "two requests to be held on the site");
        Volatile.Read(ref sent).ShouldBe(2, $"{Volatile.Read(ref sent)} requests went out at once, and {Site.Served} reached the site");
        held.ForEach(hold => hold.Release());
        await Bounded.Await(Task.WhenAll(fetches), "all three fetches, once the held pages were let go");
        Site.MostInFlight.ShouldBe(2, "the site had a different number of requests at once than the crawler has turns");
    }

    // Stopping a crawl midway loses nothing: every page found but not fetched is handed back, the frontier, to save or resume from.
    [Koan("The crawl is stopped while /pages/2 is in flight. Put the page it was fetching back in the frontier, so that nothing found is lost.")]
    public async Task AStoppedCrawlHandsBackEveryPageItDidNotFetch()
    {
        using var client = new HttpClient();
        using var stop = new CancellationTokenSource();
        var frontier = new Queue<Uri>([Site.Page("/pages/0")]);
        var found = new HashSet<Uri>(frontier);
        var fetched = new List<Uri>();
        var held = Site.Hold("/pages/2");
        var crawl = Task.Run(async () =>
        {
            while (frontier.TryDequeue(out var page))
            {
                try
                {
                    foreach (var link in (await FetchLinksAsync(client, page, stop.Token)).Where(found.Add))
                    {
                        frontier.Enqueue(link);
                    }

                    fetched.Add(page);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    ___();
                    return;
                }
            }
        });

        await Bounded.Await(held.Arrived, "the crawl to ask for /pages/2");
        await stop.CancelAsync();
        await Bounded.Await(crawl, "the crawl to stop");
        (fetched.Count + frontier.Count).ShouldBe(found.Count, $"{found.Count} pages found, {fetched.Count} fetched and {frontier.Count} handed back: a page was lost");
    }

    // Your WorkerPool crawls as in AboutTheAutoScalingPool, now on a real site: each page's job blocks its worker in Send, then submits its links.
    [Koan("Follow claims a page and must hand it to your pool: submit a job that fetches `page` with FetchLinks and follows every link on it.")]
    public void YourWorkerPoolCrawlsTheSiteWithBlockingSends()
    {
        using var client = new HttpClient();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 4 });
        var found = new FoundPages();
        void Follow(Uri page)
        {
            if (found.Claim(page))
            {
                ___();
            }
        }

        Follow(Site.Page("/pages/0"));
        IdleOnceTheSiteIsNoLongerAsked(pool.WaitForIdle).ShouldBeTrue($"the crawl asked the site for no new page for 1 s, with {pool.Pending} pages pending");
        Site.Served.ShouldBe(Pages, $"the crawl found {found.Count} pages and fetched {Site.Served} of them");
        pool.Failed.ShouldBe(0, $"a page job failed: {pool.LastFailure?.Message}");
    }

    // Your AsyncWorkerPool has no WaitForIdle: the crawl counts its pages in flight itself, and is done when none is left.
    [Koan("Follow claims a page and counts it in flight. Submit to your async pool a job that fetches `page` with FetchLinksAsync, follows its links, and always counts the page off.")]
    public async Task YourAsyncPoolCrawlsTheSiteWithAwaits()
    {
        using var client = new HttpClient();
        var pool = new AsyncWorkerPool(readers: 4);
        var found = new FoundPages();
        var inFlight = new PagesInFlight();
        void Follow(Uri page)
        {
            if (found.Claim(page))
            {
                inFlight.Add();
                ___();
            }
        }

        Follow(Site.Page("/pages/0"));
        await WhileTheSiteIsAsked(inFlight.NoneLeft, $"the crawl to have no page left in flight (it found {found.Count} so far)");
        await Bounded.Await(pool.CompleteAsync(), "your async pool to end");
        Site.Served.ShouldBe(Pages, $"the crawl found {found.Count} pages and fetched {Site.Served} of them");
        pool.Failed.ShouldBe(0, $"a page job failed: {pool.LastFailure?.Message}");
    }

    // The same crawl on both pools: the same pages and failures, four requests at a time each; the WorkerPool holds a blocked thread per request, the async pool none.
    [Koan("Both pools crawl 120 pages with 5 ms of latency each. Your WorkerPool starts with 2 workers and may grow to 4. How many workers does it have at the end?")]
    public async Task SideBySideYourWorkerPoolGrowsWhereYourAsyncPoolAwaits()
    {
        Site.Latency = TimeSpan.FromMilliseconds(5);
        using var client = new HttpClient();
        var threads = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 4 });
        var byThreads = await WhileTheSiteIsAsked(CrawlFrom(Site.Page("/pages/0"), page => threads.SubmitAsync(() => FetchLinks(client, page))), "the crawl on your WorkerPool");
        var workers = threads.WorkerCount;
        threads.Shutdown(Bounded.Timeout).ShouldBeTrue("your WorkerPool's workers did not end after the crawl");

        var before = Process.GetCurrentProcess().Threads.Count;
        var tasks = new AsyncWorkerPool(readers: 4);
        var byTasks = await WhileTheSiteIsAsked(CrawlFrom(Site.Page("/pages/0"), page => OnAsyncPool(tasks, () => FetchLinksAsync(client, page))), "the crawl on your AsyncWorkerPool");
        var threadsAdded = Process.GetCurrentProcess().Threads.Count - before;
        await Bounded.Await(tasks.CompleteAsync(), "your async pool to end");

        TestContext.Out.WriteLine($"WorkerPool:      {byThreads.Pages.Count} pages, {byThreads.Failed.Count} failed, {workers} threads, each blocked for a whole request");
        TestContext.Out.WriteLine($"AsyncWorkerPool: {byTasks.Pages.Count} pages, {byTasks.Failed.Count} failed, {tasks.Readers} readers, {threadsAdded} threads added");
        byTasks.Pages.Order(StringComparer.Ordinal).ShouldBe(byThreads.Pages.Order(StringComparer.Ordinal), "the two pools found different pages");
        workers.ShouldBe(__);
    }

    private const int OutsideTheBranchOfPageOne = 64;

    /// <summary>Starts the site, and has it answer one page fetched both ways and parsed, so that no koan's bound pays for the first use of the code.</summary>
    private static LoopbackSite StartTheSite()
    {
        var site = LoopbackSite.Start(new SiteOptions { Pages = Pages });
        using (var client = new HttpClient())
        {
            FetchLinks(client, site.Page("/pages/0"));
            if (!FetchLinksAsync(client, site.Page("/pages/0")).Wait(TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException("the loopback web site did not answer within 10 seconds");
            }
        }

        site.ResetCounts();
        return site;
    }

    /// <summary>
    /// Awaits <paramref name="crawl"/> for as long as it keeps asking the site for new pages, and then no more than
    /// <see cref="Bounded.Timeout"/>: a crawl that asks for nothing new for that long has stopped.
    /// </summary>
    private static async Task WhileTheSiteIsAsked(Task crawl, string what)
    {
        var served = -1;
        while (!crawl.IsCompleted && Site.Served != served)
        {
            served = Site.Served;
            await crawl.WaitAsync(Bounded.Timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Bounded.Await(crawl, what);
    }

    /// <inheritdoc cref="WhileTheSiteIsAsked(Task, string)"/>
    private static async Task<T> WhileTheSiteIsAsked<T>(Task<T> crawl, string what)
    {
        await WhileTheSiteIsAsked((Task)crawl, what);
        return await crawl;
    }

    /// <summary>Calls <paramref name="waitForIdle"/>, a second at a time, for as long as the crawl keeps asking the site for new pages.</summary>
    private static bool IdleOnceTheSiteIsNoLongerAsked(Func<TimeSpan, bool> waitForIdle)
    {
        var served = -1;
        var idle = false;
        while (!idle && Site.Served != served)
        {
            served = Site.Served;
            idle = waitForIdle(Bounded.Timeout);
        }

        return idle;
    }

    /// <summary>GET <paramref name="path"/>, bounded, and the status the site answered with.</summary>
    private static async Task<HttpStatusCode> StatusOf(HttpClient client, string path)
    {
        using var response = await Bounded.Await(client.GetAsync(Site.Page(path)), $"the site to answer GET {path}");
        return response.StatusCode;
    }

    /// <summary>A task that ends when <paramref name="task"/> ends, however it ends, and throws nothing of what it threw.</summary>
    private static Task Ended(Task task) =>
        task.ContinueWith(static ended => _ = ended.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Fetches <paramref name="page"/> with a blocking Send, and the links on it (a page that does not answer 2xx throws).</summary>
    private static IReadOnlyList<Uri> FetchLinks(HttpClient client, Uri page)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, page);
        using var response = client.Send(request);
        response.EnsureSuccessStatusCode();
        using var body = new StreamReader(response.Content.ReadAsStream());
        return PageLinks.OnSite(response.RequestMessage?.RequestUri ?? page, body.ReadToEnd());
    }

    /// <summary>Fetches <paramref name="page"/> with GetAsync, and the links on it (a page that does not answer 2xx throws).</summary>
    private static async Task<IReadOnlyList<Uri>> FetchLinksAsync(HttpClient client, Uri page, CancellationToken token = default)
    {
        using var response = await client.GetAsync(page, token);
        response.EnsureSuccessStatusCode();
        return PageLinks.OnSite(response.RequestMessage?.RequestUri ?? page, await response.Content.ReadAsStringAsync(token));
    }

    /// <summary>Runs <paramref name="fetch"/> as a job of the async pool, and hands back what it found.</summary>
    private static async Task<IReadOnlyList<Uri>> OnAsyncPool(AsyncWorkerPool pool, Func<Task<IReadOnlyList<Uri>>> fetch)
    {
        IReadOnlyList<Uri> links = [];
        await pool.SubmitAsync(async () => links = await fetch());
        return links;
    }

    /// <summary>The paths a crawl fetched, and those it counted as failed.</summary>
    private sealed record Crawled(IReadOnlyList<string> Pages, IReadOnlyList<string> Failed);

    /// <summary>
    /// A crawl that keeps its frontier here and hands each page to <paramref name="fetch"/>, which may fetch it here or
    /// on a pool. Every page found is fetched at once, so nothing waits here: the crawl is done when no fetch is in
    /// flight. A page whose fetch fails is counted as failed, and the crawl goes on.
    /// </summary>
    private static async Task<Crawled> CrawlFrom(Uri start, Func<Uri, Task<IReadOnlyList<Uri>>> fetch)
    {
        var found = new HashSet<Uri> { start };
        var inFlight = new Dictionary<Task<IReadOnlyList<Uri>>, Uri> { [fetch(start)] = start };
        var fetched = new List<string>();
        var failed = new List<string>();
        while (inFlight.Count > 0)
        {
            var ended = await Task.WhenAny(inFlight.Keys);
            inFlight.Remove(ended, out var page);
            if (!ended.IsCompletedSuccessfully)
            {
                _ = ended.Exception;
                failed.Add(page!.AbsolutePath);
                continue;
            }

            fetched.Add(page!.AbsolutePath);
            foreach (var link in ended.Result.Where(found.Add))
            {
                inFlight[fetch(link)] = link;
            }
        }

        return new Crawled(fetched, failed);
    }

    /// <summary>The pages a crawl has found, each claimed once, under a lock.</summary>
    private sealed class FoundPages
    {
        private readonly HashSet<Uri> _pages = [];

        public int Count
        {
            get
            {
                lock (_pages)
                {
                    return _pages.Count;
                }
            }
        }

        /// <summary>True for the one caller that finds <paramref name="page"/> first.</summary>
        public bool Claim(Uri page)
        {
            lock (_pages)
            {
                return _pages.Add(page);
            }
        }
    }

    /// <summary>Pages counted in before their job starts and off when it ends; <see cref="NoneLeft"/> completes when the count drops to zero.</summary>
    private sealed class PagesInFlight
    {
        private readonly TaskCompletionSource _noneLeft = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public Task NoneLeft => _noneLeft.Task;

        public void Add() => Interlocked.Increment(ref _count);

        public void Done()
        {
            if (Interlocked.Decrement(ref _count) == 0)
            {
                _noneLeft.TrySetResult();
            }
        }
    }
}
