using System.Diagnostics;
using System.Net;
using ThreadingKoans.Engine.Web;

namespace ThreadingKoans.Tests;

/// <summary>The crawl koans' web site: a real Kestrel on loopback that starts fast, answers as its map says, holds what a koan holds, and always stops.</summary>
[TestFixture]
public sealed class LoopbackSiteTests
{
    [Test]
    public async Task TheSiteStartsOnLoopbackAnswersAndStops()
    {
        await using (var warm = await LoopbackSite.StartAsync())
        {
            warm.Root.Host.ShouldBe("127.0.0.1");
        }

        var clock = Stopwatch.StartNew();
        var site = await LoopbackSite.StartAsync();
        var started = clock.Elapsed;
        using var client = new HttpClient();
        (await client.GetStringAsync(site.Root)).ShouldContain("The tea house");
        clock.Restart();
        await site.DisposeAsync();
        var stopped = clock.Elapsed;
        TestContext.Out.WriteLine($"started in {started.TotalMilliseconds:0} ms, stopped in {stopped.TotalMilliseconds:0} ms");
        await Should.ThrowAsync<HttpRequestException>(() => client.GetStringAsync(site.Root));
    }

    [Test]
    public async Task EveryTrapAnswersAsTheMapSays()
    {
        await using var site = await LoopbackSite.StartAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        async Task<HttpStatusCode> Status(string path) => (await client.GetAsync(site.Page(path))).StatusCode;
        (await Status("/kitchen")).ShouldBe(HttpStatusCode.InternalServerError);
        (await Status("/garden")).ShouldBe(HttpStatusCode.NotFound);
        (await Status("/old-menu")).ShouldBe(HttpStatusCode.MovedPermanently);
        (await Status("/busy")).ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await Status("/busy")).ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await Status("/busy")).ShouldBe(HttpStatusCode.OK);
        (await client.GetStringAsync(site.Page("/robots.txt"))).ShouldContain("Disallow: /private/");
        var home = await client.GetStringAsync(site.Root);
        foreach (var link in TeaHouse.HomeLinks(site.Root))
        {
            home.ShouldContain($"href=\"{WebUtility.HtmlEncode(link)}\"");
        }

        site.Requests("/busy").ShouldBe(3);
        site.Connections.ShouldBe(1, "one client, one request at a time: one connection, kept");
        using (var other = new HttpClient())
        {
            await other.GetStringAsync(site.Root);
        }

        site.Connections.ShouldBe(2, "a second client opens a connection of its own");
        site.ResetCounts();
        (await Status("/busy")).ShouldBe(HttpStatusCode.ServiceUnavailable, "a reset makes the busy page busy again");
    }

    [Test]
    public async Task AHeldPageIsInFlightUntilReleasedAndTheSiteStopsEvenWhileOneIsHeld()
    {
        var site = await LoopbackSite.StartAsync();
        using var client = new HttpClient();
        var hold = site.Hold("/menu/");
        var fetch = client.GetStringAsync(site.Page("/menu/"));
        await hold.Arrived.WaitAsync(TimeSpan.FromSeconds(5));
        site.InFlight.ShouldBe(1);
        fetch.IsCompleted.ShouldBeFalse();
        hold.Release();
        (await fetch.WaitAsync(TimeSpan.FromSeconds(5))).ShouldContain("Menu");

        var second = site.Hold("/about");
        var stuck = client.GetStringAsync(site.Page("/about"));
        await second.Arrived.WaitAsync(TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();
        await site.DisposeAsync();
        TestContext.Out.WriteLine($"stopped in {clock.Elapsed.TotalMilliseconds:0} ms with a page held");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "stopping must not wait for the held page");
        await Should.ThrowAsync<Exception>(async () => await stuck.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task TheGeneratedSiteIsOneTreeWithCyclesAndItsLatencyIsASetting()
    {
        await using var site = await LoopbackSite.StartAsync(new SiteOptions { Pages = 10, Latency = TimeSpan.FromMilliseconds(30) });
        using var client = new HttpClient();
        var first = await client.GetStringAsync(site.Page("/pages/0"));
        foreach (var link in new[] { "/pages/1", "/pages/4", "/pages/0" })
        {
            first.ShouldContain($"href=\"{link}\"");
        }

        (await client.GetAsync(site.Page("/pages/10"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var clock = Stopwatch.StartNew();
        await client.GetStringAsync(site.Page("/pages/9"));
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(29));
    }
}

/// <summary>The links a crawl follows: parsed, resolved, on the site, each once.</summary>
[TestFixture]
public sealed class PageLinksTests
{
    [Test]
    public void TheHomePagesLinksThatStayOnTheSiteAreResolvedAndFreeOfFragments()
    {
        var root = new Uri("http://127.0.0.1:5555/");
        var html = string.Concat(TeaHouse.HomeLinks(root).Select(link => $"<a href=\"{link}\">x</a>"));
        ThreadingKoans.Engine.Web.PageLinks.OnSite(root, html).Select(link => link.PathAndQuery).ShouldBe(
            ["/menu/", "/about", "/contact", "/", "/old-menu", "/kitchen", "/garden", "/busy", "/private/ledger"]);
        ThreadingKoans.Engine.Web.PageLinks.OnSite(new Uri(root, "/menu/"), "<a href=green>g</a><a href='../about'>a</a>")
            .Select(link => link.PathAndQuery).ShouldBe(["/menu/green", "/about"]);
    }
}
