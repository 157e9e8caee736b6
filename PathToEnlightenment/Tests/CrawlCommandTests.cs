using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Spectre.Console.Testing;
using ThreadingKoans.Engine.Web;

namespace ThreadingKoans.Tests;

/// <summary>
/// <c>crawl &lt;url&gt;</c> on the loopback site, with the reference pools of the built Solutions: it finds the
/// tea house, stays on the host, honours robots.txt, keeps to two requests at once and its page budget, says
/// who it is, stops at once on Ctrl+C, and ends each kind of bad input with one line and its exit code.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CrawlCommandTests
{
    private static readonly RepoLayout Layout = new(RepoPaths.Root);

    [TestCase(false)]
    [TestCase(true)]
    [Category(TestLanes.Process)]
    public async Task TheCrawlFromTheHomeFindsTheTeaHouseAndStaysPolite(bool async)
    {
        await using var site = await LoopbackSite.StartAsync();
        var (exit, output) = Crawl(Settings(site.Root.ToString()) with { Async = async });

        exit.ShouldBe(CrawlExitCodes.Crawled, output);
        foreach (var page in TeaHouse.Pages)
        {
            output.ShouldContain($"\n  200  {page}  ", Case.Sensitive, output);
        }

        site.Requests("/private/ledger").ShouldBe(0, "robots.txt forbids /private/");
        site.Requests("/robots.txt").ShouldBe(1);
        site.MostInFlight.ShouldBeLessThanOrEqualTo(2);
        site.UserAgents.ShouldAllBe(agent => agent == PoliteCrawl.UserAgent);
        site.UserAgents.Count.ShouldBe(site.Served);
        output.ShouldNotContain("tea-growers.example/ ", Case.Sensitive, "the link off the site is not followed");
        output.ShouldContain("robots.txt: 1 rule for every crawler (User-agent: *): Disallow: /private/");
        output.ShouldContain("  500  /kitchen  failed: the server answered 500 Internal Server Error");
        output.ShouldContain("  404  /garden  failed: the server answered 404 Not Found");
        output.ShouldContain("  200  /menu/prices.json  not HTML (application/json): not read");
        output.ShouldMatch(@"  (301  /old-menu  → /menu/ \(already in the crawl\)|200  /old-menu  .*→ /menu/)");
        output.ShouldContain($"Done in ");
        output.ShouldContain($"{TeaHouse.Pages.Count} pages fetched, 1 not HTML, 2 failed, 0 left in the frontier, 1 kept out by robots.txt.");
        output.ShouldContain(async ? "the reference AsyncWorkerPool" : "the reference WorkerPool");
        output.ShouldNotContain("   at ");
    }

    [Test]
    [Category(TestLanes.Process)]
    public async Task TheCrawlKeepsToItsPageBudgetAndToTwoRequestsAtOnce()
    {
        await using var site = await LoopbackSite.StartAsync(new SiteOptions { Pages = 200, Latency = TimeSpan.FromMilliseconds(20) });
        var (exit, output) = Crawl(Settings(site.Page("/pages/0").ToString()) with { Pages = 12 });

        exit.ShouldBe(CrawlExitCodes.Crawled, output);
        site.RequestedPaths.Where(path => path != "/robots.txt").Count().ShouldBe(12, output);
        site.MostInFlight.ShouldBe(2, "two workers, twenty milliseconds a page: both are busy at once");
        output.ShouldContain("The page budget (12) is spent");
        output.ShouldMatch(@"12 pages fetched, 0 not HTML, 0 failed, [1-9]\d* left in the frontier");
        output.ShouldContain("At most 2 requests in flight at once.");
    }

    [Test]
    [Category(TestLanes.Process)]
    public async Task OneRequestAtOnceWhenAskedForOne()
    {
        await using var site = await LoopbackSite.StartAsync(new SiteOptions { Pages = 21, Latency = TimeSpan.FromMilliseconds(10) });
        var (exit, output) = Crawl(Settings(site.Page("/pages/0").ToString()) with { MaxInFlight = 1, Async = true });

        exit.ShouldBe(CrawlExitCodes.Crawled, output);
        site.MostInFlight.ShouldBe(1);
        output.ShouldContain("21 pages fetched, 0 not HTML, 0 failed, 0 left in the frontier");
    }

    [Test]
    [Category(TestLanes.Process)]
    public async Task CtrlCStopsTheCrawlAtOnceAndSaysWhatWasDone()
    {
        await using var site = await LoopbackSite.StartAsync();
        var held = site.Hold("/about");
        using var stop = new CancellationTokenSource();
        var console = Console();
        var crawl = Task.Run(() => new PoolCrawl(console, stop).Crawl(Layout.SolutionsBuild, "the reference WorkerPool", Settings(site.Root.ToString())));
        await held.Arrived.WaitAsync(TimeSpan.FromSeconds(20));

        var clock = Stopwatch.StartNew();
        await stop.CancelAsync();
        // The held page would end only at the page's own 10 s timeout: a crawl that ends well before it did not wait for it.
        var exit = await crawl.WaitAsync(TimeSpan.FromSeconds(8));
        TestContext.Out.WriteLine($"stopped {clock.Elapsed.TotalMilliseconds:0} ms after the cancel");
        TestContext.Out.WriteLine(console.Output);

        exit.ShouldBe(CrawlExitCodes.Interrupted, console.Output);
        console.Output.ShouldMatch(@"Stopped \(Ctrl\+C\) after \d+\.\d s: \d+ pages? fetched, \d+ not HTML, \d+ failed, [1-9]\d* left in the frontier");
        console.Output.ShouldNotContain("  200  /about  ");
        console.Output.ShouldNotContain("   at ");
    }

    // A terminal's Ctrl+C is SIGINT to the whole foreground process group, so the engine child that crawls gets it too
    // and may end first: the runner, started here in a group of its own, must still say what was done.
    [Test]
    [Category(TestLanes.Process)]
    public async Task CtrlCAtATerminalStopsTheRunnerAndItsChildAndTheRunnerSaysWhatWasDone()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/setsid"))
        {
            Assert.Ignore("needs Linux and setsid, to start the runner in a process group of its own as a terminal does");
        }

        if (SignalIgnored(2))
        {
            Assert.Ignore("SIGINT is ignored in this process (it runs as a background job), so its children could not see a Ctrl+C either");
        }

        await using var site = await LoopbackSite.StartAsync();
        var held = site.Hold("/about");
        var start = new ProcessStartInfo("/usr/bin/setsid") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Dotnet.Host, typeof(PoolCrawl).Assembly.Location, "crawl", site.Root.ToString(), "--solution" })
        {
            start.ArgumentList.Add(argument);
        }

        using var runner = Process.Start(start).ShouldNotBeNull();
        var output = runner.StandardOutput.ReadToEndAsync();
        var errors = runner.StandardError.ReadToEndAsync();
        try
        {
            await held.Arrived.WaitAsync(TimeSpan.FromMinutes(2));
            Signal("INT", runner.Id).ShouldBe(0, "kill -INT could not reach the runner's process group");
            await runner.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(8));
        }
        finally
        {
            if (!runner.HasExited)
            {
                Signal("KILL", runner.Id);
            }
        }

        var said = (await output).ReplaceLineEndings("\n");
        TestContext.Out.WriteLine(said);
        runner.ExitCode.ShouldBe(CrawlExitCodes.Interrupted, said + await errors);
        said.ShouldMatch(@"Stopped \(Ctrl\+C\) after \d+\.\d s: \d+ pages? fetched, \d+ not HTML, \d+ failed, [1-9]\d* left in the frontier");
        said.ShouldNotContain("   at ");
        (await errors).ShouldBeEmpty();
        Signal("0", runner.Id).ShouldNotBe(0, "a process of the runner's group (its engine child) outlived the Ctrl+C");
    }

    /// <summary>Sends <paramref name="signal"/> to the process group <paramref name="group"/> (0 only asks whether any of it is left); kill's exit code.</summary>
    private static int Signal(string signal, int group)
    {
        using var kill = Process.Start("kill", ["-s", signal, "--", $"-{group}"]);
        kill.WaitForExit(5_000).ShouldBeTrue("kill did not end");
        return kill.ExitCode;
    }

    /// <summary>Whether this process ignores <paramref name="signal"/>, as its children then do (the mask of /proc/self/status).</summary>
    private static bool SignalIgnored(int signal)
    {
        var line = File.ReadLines("/proc/self/status").First(line => line.StartsWith("SigIgn:", StringComparison.Ordinal));
        return (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (signal - 1))) != 0;
    }

    [TestCase("ftp://example.com/", "'ftp://example.com/' is not a web address (ftp:): crawl starts from an http:// or https:// address.")]
    [TestCase("file:///etc/hosts", "'file:///etc/hosts' is not a web address (file:): crawl starts from an http:// or https:// address.")]
    [TestCase("example.com", "'example.com' has no scheme: crawl starts from an http:// or https:// address (did you mean http://example.com?).")]
    public void AnAddressThatIsNotHttpIsRefusedInOneLine(string address, string line)
    {
        var console = Console();
        var exit = new PoolCrawl(console, new CancellationTokenSource()).Run(KoanSession.With(console, Layout, Unused), Settings(address));
        exit.ShouldBe(CrawlExitCodes.BadInput);
        console.Output.Trim().ShouldBe(line);
    }

    [Test]
    [Category(TestLanes.Process)]
    public void APortNobodyListensOnEndsInOneLine()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exit, output) = Crawl(Settings($"http://127.0.0.1:{port}/"));
        exit.ShouldBe(CrawlExitCodes.StartFailed, output);
        LastLine(output).ShouldBe($"http://127.0.0.1:{port} could not be reached: nobody listens on 127.0.0.1:{port} (connection refused).");
    }

    [Test]
    [Category(TestLanes.Process)]
    public void AHostThatCannotBeReachedEndsInOneLine()
    {
        var clock = Stopwatch.StartNew();
        var (exit, output) = Crawl(Settings("http://tea-growers.invalid/"));
        exit.ShouldBe(CrawlExitCodes.StartFailed, output);
        LastLine(output).ShouldStartWith("http://tea-growers.invalid could not be reached: ");
        output.ShouldNotContain("   at ");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
    }

    [Test]
    [Category(TestLanes.Process)]
    public async Task AStartThatIsNotHtmlEndsInOneLine()
    {
        await using var site = await LoopbackSite.StartAsync();
        var (exit, output) = Crawl(Settings(site.Page("/menu/prices.json").ToString()));
        exit.ShouldBe(CrawlExitCodes.StartFailed, output);
        LastLine(output).ShouldBe($"{site.Page("/menu/prices.json")} is not an HTML page (application/json): there are no links to follow.");
    }

    [Test]
    [Category(TestLanes.Process)]
    public async Task ARedirectLoopEndsInOneLine()
    {
        await using var site = await LoopbackSite.StartAsync();
        var (exit, output) = Crawl(Settings(site.Page("/loop-a").ToString()));
        exit.ShouldBe(CrawlExitCodes.StartFailed, output);
        LastLine(output).ShouldBe($"{site.Page("/loop-a")} could not be crawled: a redirect loop: /loop-a → /loop-b → /loop-a.");
        site.Requests("/loop-a").ShouldBe(1);
    }

    [Test]
    [Category(TestLanes.Process)]
    public async Task AHugePageIsCutAtOneMegabyteAndSaysSo()
    {
        await using var site = await LoopbackSite.StartAsync();
        var (exit, output) = Crawl(Settings(site.Page("/archive").ToString()));
        exit.ShouldBe(CrawlExitCodes.Crawled, output);
        output.ShouldContain("  200  /archive  0 new links, 1024.0 KB, ");
        output.ShouldContain("cut at 1 MB (the page is larger): the rest was not read");
    }

    [Test]
    public void RobotsTxtIsReadForThisCrawlerAndTheLongestRuleWins()
    {
        const string Text = """
            User-agent: *
            Disallow: /

            User-agent: SomeoneElse
            User-agent: threadingkoans   # our own group, named
            Disallow: /private/
            Allow: /private/menu
            Disallow: /*.json$
            """;
        var robots = RobotsTxt.Parse(Text, PoliteCrawl.AgentToken);
        robots.Group.ShouldBe(PoliteCrawl.AgentToken);
        robots.Allows(new Uri("http://h/")).ShouldBeTrue("our group, not *'s, applies");
        robots.Allows(new Uri("http://h/private/ledger")).ShouldBeFalse();
        robots.Allows(new Uri("http://h/private/menu/green")).ShouldBeTrue("the longer Allow wins");
        robots.Allows(new Uri("http://h/menu/prices.json")).ShouldBeFalse();
        robots.Allows(new Uri("http://h/menu/prices.json?x=1")).ShouldBeTrue("$ anchors the end");
        robots.Allows(new Uri("http://h/robots.txt")).ShouldBeTrue();

        var everyone = RobotsTxt.Parse("User-agent: *\nDisallow: /private/\nAllow: /private/\n", PoliteCrawl.AgentToken);
        everyone.Group.ShouldBe("*");
        everyone.Allows(new Uri("http://h/private/x")).ShouldBeTrue("on a tie, Allow wins");
        RobotsTxt.Parse("User-agent: Other\nDisallow: /\n", PoliteCrawl.AgentToken).Allows(new Uri("http://h/a")).ShouldBeTrue("no group for us: all allowed");
    }

    [Test]
    public void TheCommandReadsItsOptions()
    {
        var verb = new CrawlCommand((_, _) => 0);
        var root = new RootCommand { verb.Describe() };
        verb.Read(root.Parse("crawl http://localhost:8080/ --async --pages 5 --max-in-flight 1 --solution"))
            .ShouldBe(new CrawlSettings("http://localhost:8080/", Solution: true, Async: true, Pages: 5, MaxInFlight: 1));
        verb.Read(root.Parse("crawl http://localhost:8080/"))
            .ShouldBe(new CrawlSettings("http://localhost:8080/", Solution: false, Async: false, Pages: 100, MaxInFlight: 2));
        PoolCrawl.BadInput(new CrawlSettings("http://localhost/", false, false, 100, 20))!.ShouldStartWith("--max-in-flight must be between 1 and 8");
        PoolCrawl.BadInput(new CrawlSettings("http://localhost/", false, false, 0, 2))!.ShouldStartWith("--pages must be between 1 and");
    }

    [Test]
    [Category(TestLanes.Process)]
    public void TheCrawlWaitsForTheLearnersPoolAndNamesTheKoanToFinish()
    {
        using var repo = TempRepo.Built();
        var console = Console();
        using var runner = new KoanRunner(console, HostLimits.Default, TimeSpan.FromMinutes(3));
        var exit = new PoolCrawl(console, new CancellationTokenSource())
            .Run(KoanSession.With(console, new RepoLayout(repo.Root), runner), Settings("http://127.0.0.1:9/") with { Solution = false });
        exit.ShouldBe(CrawlExitCodes.PoolNotReady, console.Output);
        console.Output.ShouldContain("Your pool is not ready to crawl yet: finish AboutWorkerLoops.");
        console.Output.ShouldMatch(@"\(Koans/13_AboutWorkerLoops\.cs:\d+\)");
        console.Output.ShouldContain("-- crawl http://127.0.0.1:9/ --solution");
    }

    private static CrawlSettings Settings(string address) => new(address, Solution: true, Async: false, CrawlSettings.DefaultPages, CrawlSettings.DefaultMaxInFlight);

    private static TestConsole Console() => new TestConsole().Width(300);

    /// <summary>A koan runner for a session that refuses its input before it would build or run anything.</summary>
    private static KoanRunner Unused { get; } = new(new TestConsole(), HostLimits.Default, TimeSpan.FromMinutes(3));

    /// <summary>Crawls with the reference pool of the Solutions the tests were built with (no build here).</summary>
    private static (int Exit, string Output) Crawl(CrawlSettings settings)
    {
        var console = Console();
        var exit = new PoolCrawl(console, new CancellationTokenSource())
            .Crawl(Layout.SolutionsBuild, settings.Async ? "the reference AsyncWorkerPool" : "the reference WorkerPool", settings);
        TestContext.Out.WriteLine(console.Output);
        return (exit, console.Output.ReplaceLineEndings("\n"));
    }

    private static string LastLine(string output) => output.TrimEnd().Split('\n')[^1];
}
