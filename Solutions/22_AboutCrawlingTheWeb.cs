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
    // The site of this topic serves two things, on 127.0.0.1 and a port of its own:
    // - The tea house. / links to menu/, /about, its own /contact written as an absolute link, a page off the site, #top,
    //   a mailto:, /old-menu (a redirect to /menu/), /kitchen (answers 500), /garden (not there: 404), /busy (answers 503
    //   twice, then the page) and /private/ledger. /menu/ links to green, black, prices.json (not HTML) and /; /menu/green
    //   and /menu/black link to ../about and to each other; /about links to / and contact; /contact links to /.
    // - The generated pages /pages/0 to /pages/119: /pages/N links to /pages/4N+1 to /pages/4N+4 (those below 120) and
    //   back to /pages/0.

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

    // A client per page opens a connection per page; one shared HttpClient keeps its connections, and opens another only for a request that finds none free.
    [Koan("Pages are fetched with a new HttpClient each, then with one shared client one after another, then some with it at once while the site holds them. How many connections has the site seen after each?",
        TimeoutSeconds = 15)]
    public async Task OneSharedClientReusesTheConnectionsItHasOpened()
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

        var oneAfterAnother = Site.Connections;
        var held = new[] { "/about", "/contact", "/menu/" }.Select(Site.Hold).ToList();
        var atOnce = held.Select(hold => StatusOf(shared, hold.Path)).ToList();
        await Bounded.Await(Task.WhenAll(held.Select(hold => hold.Arrived)), "the three held requests to reach the site");
        held.ForEach(hold => hold.Release());
        await Bounded.Await(Task.WhenAll(atOnce), "the three held pages, once let go");
        new[] { perPage, oneAfterAnother, Site.Connections }.ShouldBe(new[] { 4, 1, 3 },
            $"connections the site saw: with a client per page, {perPage}; with one shared client, one page after another: {oneAfterAnother}; then with three pages at once: {Site.Connections}");
    }

    // HTML is not a regular language: a crawler finds links with a real HTML parser, which reads the page as a browser would.
    [Koan("The parser has read the tea house's home page into `document`. Put the href of every link (an `a` element with an href) into `hrefs`.")]
    public async Task AnHtmlParserFindsEveryLinkOnThePage()
    {
        using var client = new HttpClient();
        var html = await Bounded.Await(client.GetStringAsync(Site.Root), "the site to answer GET /");
        using var document = new HtmlParser().ParseDocument(html);
        var hrefs = new List<string>();
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            hrefs.Add(anchor.GetAttribute("href")!);
        }

        hrefs.ShouldBe(TeaHouse.HomeLinks(Site.Root), $"the home page has {TeaHouse.HomeLinks(Site.Root).Count} links; {hrefs.Count} were found");
    }

    // A relative link means "from where this page is": the same href on another page names another page.
    [Koan("The same three hrefs are read on two pages of the site. Which path does each of them name, on each page?")]
    public void ARelativeLinkIsResolvedAgainstThePageItIsOn()
    {
        string[] hrefs = ["contact", "../about", "green#cups"];
        var named = new[] { "/about", "/menu/black" }
            .SelectMany(page => hrefs.Select(href => new Uri(Site.Page(page), href).AbsolutePath))
            .ToArray();

        named.ShouldBe(new[] { "/contact", "/about", "/green", "/menu/contact", "/about", "/menu/green" });
    }

    // A crawler follows only its own site's web pages: another host, a mailto: and a #fragment of a page are no new pages to fetch.
    [Koan("Keep a resolved link only when it is http on this site (Site.Authority), and keep it without its #fragment.")]
    public void ACrawlerFollowsOnlyThePagesOfItsOwnSite()
    {
        var kept = new List<Uri>();
        foreach (var href in TeaHouse.HomeLinks(Site.Root))
        {
            var link = new Uri(Site.Root, href);
            if (link.Scheme == Uri.UriSchemeHttp && link.Authority == Site.Authority)
            {
                kept.Add(new UriBuilder(link) { Fragment = "" }.Uri);
            }
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
            mine = visited.TryAdd(about, true);
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
    [Koan("/pages/29 is held on the server, and every other page your pool was given is done: its queue is empty. Which pages of the site has the crawl not asked for yet?")]
    public async Task AnEmptyQueueWhileAPageIsInFlightIsNotTheEnd()
    {
        using var client = new HttpClient();
        using var pool = new WorkerPool(new PoolOptions { MinWorkers = 2 });
        var held = Site.Hold("/pages/29");
        var watch = new CrawlWatch();
        var crawl = CrawlFrom(Site.Page("/pages/0"), page => pool.SubmitAsync(() => FetchLinks(client, page)), watch);
        UntilWhileTheSiteIsAsked(() => held.Waiting == 1 && watch.InFlight == 1 && pool.Pending == 1, "every page but the held one to be fetched");

        var done = pool.WaitForIdle(TimeSpan.Zero);
        var then = $"the queue held {pool.QueueLength} pages and {held.Waiting} fetch was in flight";
        var notAskedYet = Enumerable.Range(0, Pages).Select(page => $"/pages/{page}").Except(Site.RequestedPaths).ToArray();
        held.Release();
        var crawled = await WhileTheSiteIsAsked(crawl, "the crawl to end once /pages/29 was answered");
        crawled.Pages.Count.ShouldBe(Pages, "the crawl did not find every page in the end");
        done.ShouldBeFalse($"your pool said it was idle: {then}");
        notAskedYet.ShouldBe(new[] { "/pages/117", "/pages/118", "/pages/119" });
    }

    // A page that fails costs that page, not the crawl: every answer that is not a success, once redirects are followed, is counted, and the crawl goes on.
    [Koan("The crawl starts at the tea house's home page and fetches every page it finds on the site, each once. Which paths does it count as failed?")]
    public async Task AnAnswerThatIsNotASuccessIsCountedAsAFailedPage()
    {
        using var client = new HttpClient();

        var crawled = await Bounded.Await(CrawlFrom(Site.Root, page => FetchLinksAsync(client, page)), "the crawl of the tea house to end");

        crawled.Pages.ShouldContain("/menu/green", "the crawl stopped at the first failure and never reached the green tea");
        crawled.Failed.Order(StringComparer.Ordinal).ToArray().ShouldBe(new[] { "/busy", "/garden", "/kitchen" });
    }

    // Each page's token is linked to the crawl's: stopping the crawl cancels every page in flight, and no page after them goes out.
    [Koan("Two workers crawl their lists with a token per page, linked to the crawl's, and go on after a page that fails. The crawl is stopped while both wait for a held page. Which paths has the site been asked for?")]
    public async Task StoppingTheCrawlCancelsThePagesInFlightAndSendsNoMore()
    {
        using var client = new HttpClient();
        using var crawl = new CancellationTokenSource();
        async Task Worker(params string[] paths)
        {
            foreach (var path in paths)
            {
                using var page = CancellationTokenSource.CreateLinkedTokenSource(crawl.Token);
                try
                {
                    using var response = await client.GetAsync(Site.Page(path), page.Token);
                }
                catch (OperationCanceledException)
                {
                    // The page is given up, and the worker goes on with its list.
                }
            }
        }

        PageHold[] held = [Site.Hold("/about"), Site.Hold("/contact")];
        var workers = new[] { Worker("/", "/about", "/menu/"), Worker("/contact", "/menu/green", "/menu/black") };
        await Bounded.Await(Task.WhenAll(held.Select(hold => hold.Arrived)), "both held pages to reach the site");
        await crawl.CancelAsync();
        await Bounded.Await(Task.WhenAll(workers), "both workers to come to the end of their lists once the crawl was stopped");
        Site.RequestedPaths.ToArray().ShouldBe(new[] { "/", "/about", "/contact" });
    }

    // A page that hangs must give up on its own: a timeout linked inside the crawl's token stops that page, and the crawl goes on.
    [Koan("The page's token is linked to the crawl's, but nothing will ever cancel it while /about is held. Give the page 100 ms.")]
    public async Task AHeldPageGivesUpOnItsOwnTimeoutAndTheCrawlGoesOn()
    {
        using var client = new HttpClient();
        using var crawl = new CancellationTokenSource();
        var held = Site.Hold("/about");
        using var page = CancellationTokenSource.CreateLinkedTokenSource(crawl.Token);
        page.CancelAfter(TimeSpan.FromMilliseconds(100));

        var fetch = client.GetAsync(Site.Page("/about"), page.Token);
        await Bounded.Await(held.Arrived, "the request for /about to reach the site");
        await Bounded.Await(Ended(fetch), "the fetch of the held page /about to give up");
        fetch.IsCanceled.ShouldBeTrue($"the fetch of the held page ended {fetch.Status}, not canceled");
        crawl.IsCancellationRequested.ShouldBeFalse("the whole crawl was canceled, not just the page that hung");
        (await StatusOf(client, "/contact")).ShouldBe(HttpStatusCode.OK, "the crawl could not go on after the page's timeout");
    }

    // A 503 says "busy, come back later": retry it a few times, waiting longer each time. A 404 will say the same however often you ask.
    [Koan("/busy answers 503 twice before it answers. Set `again` only for a 503 (ServiceUnavailable), and only while attempts are left.")]
    public async Task OnlyABusyAnswerIsRetriedAndEachRetryWaitsLonger()
    {
        using var client = new HttpClient();
        var waits = new List<TimeSpan>();
        async Task<HttpStatusCode> GetRetrying(string path, int attempts)
        {
            var wait = TimeSpan.FromMilliseconds(5);
            for (var attempt = 1; ; attempt++)
            {
                using var response = await Bounded.Await(client.GetAsync(Site.Page(path)), $"the site to answer GET {path}");
                var again = false;
                again = response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < attempts;
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

        (await GetRetrying("/busy", attempts: 4)).ShouldBe(HttpStatusCode.OK, $"/busy was asked for {Site.Requests("/busy")} times and never answered with the page");
        waits.ShouldBe([TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10)], "each retry should wait twice as long as the one before");
        (await GetRetrying("/garden", attempts: 4)).ShouldBe(HttpStatusCode.NotFound);
        Site.Requests("/garden").ShouldBe(1, $"/garden, a page that is not there (404), was asked for {Site.Requests("/garden")} times");
        Site.ResetCounts();
        (await GetRetrying("/busy", attempts: 2)).ShouldBe(HttpStatusCode.ServiceUnavailable,
            $"with 2 attempts allowed, /busy was asked for {Site.Requests("/busy")} times: does `again` keep to the attempts left?");
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
            await turns.WaitAsync();
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
                    frontier.Enqueue(page);
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
                pool.Submit(() =>
                {
                    foreach (var link in FetchLinks(client, page))
                    {
                        Follow(link);
                    }
                });
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
                pool.Submit(async () =>
                {
                    try
                    {
                        foreach (var link in await FetchLinksAsync(client, page))
                        {
                            Follow(link);
                        }
                    }
                    finally
                    {
                        inFlight.Done();
                    }
                });
            }
        }

        Follow(Site.Root);
        var ended = await EndsWhileTheSiteIsAsked(inFlight.NoneLeft);
        await Bounded.Await(pool.CompleteAsync(), "your async pool to end");
        inFlight.CountedInAfterTheEnd.ShouldBe(0, "the crawl ran out of pages in flight while a page still had links to follow, and went on after its end: "
            + "does the job count its page off (inFlight.Done) only once it has followed every link, and only once?");
        ended.ShouldBeTrue($"the crawl never ran out of pages in flight ({inFlight.Count} left of {found.Count} found): does every page's job count its page off "
            + "(inFlight.Done), also when its fetch fails, as /kitchen's and /garden's do?");
        TeaHouse.Pages.Except(Site.RequestedPaths).ShouldBeEmpty("pages of the tea house the crawl never asked for");
    }

    // A WorkerPool has a request in flight only where a worker of its own blocks in it, and it grows only once its queue is long; an async pool, one per reader.
    [Koan("Each pool crawls from /pages/0 while the site holds every page /pages/0 links to. Once your WorkerPool can go no further, how many workers has it, and how many pages wait in its queue?")]
    public async Task SideBySideYourWorkerPoolFetchesAPagePerWorkerYourAsyncPoolAPagePerReader()
    {
        using var client = new HttpClient();
        var threads = new WorkerPool(new PoolOptions { MinWorkers = 2, MaxWorkers = 4 });
        var held = HoldTheLinksOfPageZero();
        var watch = new CrawlWatch();
        var byThreads = CrawlFrom(Site.Page("/pages/0"), page => threads.SubmitAsync(() => FetchLinks(client, page)), watch);
        Bounded.Until(() => EveryWorkerIsHeld(threads, watch, held), "each worker of your WorkerPool to be held at the site, once every link of /pages/0 was submitted");
        var stuck = threads.Snapshot();
        Site.ResetCounts();
        var pagesByThreads = await WhileTheSiteIsAsked(byThreads, "the crawl on your WorkerPool");
        threads.Shutdown(Bounded.Timeout).ShouldBeTrue("your WorkerPool's workers did not end after the crawl");

        var tasks = new AsyncWorkerPool(readers: 4);
        held = HoldTheLinksOfPageZero();
        var byTasks = CrawlFrom(Site.Page("/pages/0"), page => OnAsyncPool(tasks, () => FetchLinksAsync(client, page)));
        Bounded.Until(() => held.Sum(hold => hold.Waiting) == tasks.Readers, "your async pool to have a page held at the site for each of its readers");
        Site.ResetCounts();
        var pagesByTasks = await WhileTheSiteIsAsked(byTasks, "the crawl on your AsyncWorkerPool");
        await Bounded.Await(tasks.CompleteAsync(), "your async pool to end");

        pagesByTasks.Pages.Order(StringComparer.Ordinal).ShouldBe(pagesByThreads.Pages.Order(StringComparer.Ordinal), "the two pools found different pages");
        new[] { stuck.Workers.Count, stuck.QueueLength }.ShouldBe(new[] { 2, 2 });
    }

    /// <summary>Starts the site, and has it answer one page fetched both ways and parsed, so that no koan's bound pays for the first use of the code.</summary>
    private static LoopbackSite StartTheSite()
    {
        var site = LoopbackSite.Start(new SiteOptions { Pages = Pages });
        using (var client = new HttpClient())
        {
            LinksOn(client, site.Page("/pages/0"));
            if (!LinksOnAsync(client, site.Page("/pages/0")).Wait(TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException("the loopback web site did not answer within 10 seconds");
            }
        }

        site.ResetCounts();
        return site;
    }

    /// <summary>Holds every page /pages/0 links to, /pages/1 to /pages/4.</summary>
    private static PageHold[] HoldTheLinksOfPageZero() => [.. Enumerable.Range(1, 4).Select(page => Site.Hold($"/pages/{page}"))];

    /// <summary>Whether your WorkerPool can go no further: the crawl waits for the pool on every link of /pages/0, and every worker is blocked in a page the site holds.</summary>
    private static bool EveryWorkerIsHeld(WorkerPool pool, CrawlWatch crawl, PageHold[] held)
    {
        var snapshot = pool.Snapshot();
        return crawl.InFlight == held.Length && snapshot.Busy == snapshot.Workers.Count && held.Sum(hold => hold.Waiting) == snapshot.Busy;
    }

    /// <summary>
    /// Awaits <paramref name="task"/> for as long as the site keeps being asked for new pages, and then no more than
    /// <see cref="Bounded.Timeout"/>: whether it ended. A crawl that asks for nothing new for that long has stopped.
    /// </summary>
    private static async Task<bool> EndsWhileTheSiteIsAsked(Task task)
    {
        var served = -1;
        while (!task.IsCompleted && Site.Served != served)
        {
            served = Site.Served;
            await task.WaitAsync(Bounded.Timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return task.IsCompleted;
    }

    /// <summary>Awaits <paramref name="crawl"/> for as long as it keeps asking the site for new pages (<see cref="EndsWhileTheSiteIsAsked"/>), and then its result.</summary>
    private static async Task<T> WhileTheSiteIsAsked<T>(Task<T> crawl, string what)
    {
        await EndsWhileTheSiteIsAsked(crawl);
        return await Bounded.Await(crawl, what);
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, for as long as the crawl keeps asking the site for new pages (a second at a
    /// time), and then no more than <see cref="Bounded.Timeout"/>.
    /// </summary>
    private static void UntilWhileTheSiteIsAsked(Func<bool> condition, string what)
    {
        var served = -1;
        while (!condition() && Site.Served != served)
        {
            served = Site.Served;
            SpinWait.SpinUntil(condition, Bounded.Timeout);
        }

        Bounded.Until(condition, what);
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

    /// <summary>
    /// Fetches <paramref name="page"/> with a blocking Send, and the links on it (a page that does not answer 2xx throws). The
    /// thread that fetches marks the page in its lane of the timeline: "fetches /path" as it asks, "done /path" once it has the links.
    /// </summary>
    private static IReadOnlyList<Uri> FetchLinks(HttpClient client, Uri page)
    {
        Step.Act($"fetches {page.AbsolutePath}");
        var links = LinksOn(client, page);
        Step.Act($"done {page.AbsolutePath}");
        return links;
    }

    /// <summary>
    /// Fetches <paramref name="page"/> with GetAsync, and the links on it (a page that does not answer 2xx throws). "fetches /path"
    /// is marked by the thread that asks, "done /path" by the thread that goes on once the answer is in: often another one.
    /// </summary>
    private static async Task<IReadOnlyList<Uri>> FetchLinksAsync(HttpClient client, Uri page, CancellationToken token = default)
    {
        Step.Act($"fetches {page.AbsolutePath}");
        var links = await LinksOnAsync(client, page, token);
        Step.Act($"done {page.AbsolutePath}");
        return links;
    }

    /// <summary>The links on <paramref name="page"/>, fetched with a blocking Send: <see cref="FetchLinks"/> without its marks.</summary>
    private static IReadOnlyList<Uri> LinksOn(HttpClient client, Uri page)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, page);
        using var response = client.Send(request);
        response.EnsureSuccessStatusCode();
        using var body = new StreamReader(response.Content.ReadAsStream());
        return PageLinks.OnSite(response.RequestMessage?.RequestUri ?? page, body.ReadToEnd());
    }

    /// <summary>The links on <paramref name="page"/>, fetched with GetAsync: <see cref="FetchLinksAsync"/> without its marks.</summary>
    private static async Task<IReadOnlyList<Uri>> LinksOnAsync(HttpClient client, Uri page, CancellationToken token = default)
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
    /// flight. A page whose fetch fails is counted as failed, and the crawl goes on. <paramref name="watch"/>, if given,
    /// is told how many fetches the crawl waits for each time it waits.
    /// </summary>
    private static async Task<Crawled> CrawlFrom(Uri start, Func<Uri, Task<IReadOnlyList<Uri>>> fetch, CrawlWatch? watch = null)
    {
        var found = new HashSet<Uri> { start };
        var inFlight = new Dictionary<Task<IReadOnlyList<Uri>>, Uri> { [fetch(start)] = start };
        var fetched = new List<string>();
        var failed = new List<string>();
        while (inFlight.Count > 0)
        {
            watch?.Waiting(inFlight.Count);
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

    /// <summary>How many fetches a crawl (<see cref="CrawlFrom"/>) waited for when it last began to wait.</summary>
    private sealed class CrawlWatch
    {
        private int _inFlight = -1;

        public int InFlight => Volatile.Read(ref _inFlight);

        public void Waiting(int fetches) => Volatile.Write(ref _inFlight, fetches);
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

    /// <summary>
    /// Pages counted in before their job starts and off when it ends; <see cref="NoneLeft"/> completes when the count drops to zero,
    /// and a page counted in after that is counted in <see cref="CountedInAfterTheEnd"/>.
    /// </summary>
    private sealed class PagesInFlight
    {
        private readonly TaskCompletionSource _noneLeft = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;
        private int _countedInAfterTheEnd;

        public Task NoneLeft => _noneLeft.Task;

        public int Count => Volatile.Read(ref _count);

        public int CountedInAfterTheEnd => Volatile.Read(ref _countedInAfterTheEnd);

        public void Add()
        {
            if (_noneLeft.Task.IsCompleted)
            {
                Interlocked.Increment(ref _countedInAfterTheEnd);
            }

            Interlocked.Increment(ref _count);
        }

        public void Done()
        {
            if (Interlocked.Decrement(ref _count) == 0)
            {
                _noneLeft.TrySetResult();
            }
        }
    }
}
