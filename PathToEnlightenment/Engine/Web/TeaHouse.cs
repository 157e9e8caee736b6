using System.Text;

namespace ThreadingKoans.Engine.Web;

/// <summary>
/// The tea house: the small site every loopback site serves, with each trap a crawler meets once.
/// From <c>/</c> a crawl that stays on the site finds <see cref="Pages"/>; the rest are links that fail,
/// leave, loop or are forbidden.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>/</c> links with a relative link (<c>menu/</c>), a root-relative one (<c>/about</c>), an absolute one
/// (<c>http://127.0.0.1:port/contact</c>), a link off the site, a fragment, a <c>mailto:</c>, a redirect
/// (<c>/old-menu</c> to <c>/menu/</c>), a page that answers 500 (<c>/kitchen</c>), one that is not there
/// (<c>/garden</c>, 404), one that is busy (<c>/busy</c>: 503 twice, then the page) and one robots.txt forbids
/// (<c>/private/ledger</c>).</item>
/// <item><c>/menu/</c> links to <c>green</c> and <c>black</c> (relative: <c>/menu/green</c>, <c>/menu/black</c>),
/// to <c>prices.json</c> (not HTML) and back to <c>/</c>.</item>
/// <item><c>/menu/green</c> and <c>/menu/black</c> link to <c>../about</c> and to each other: cycles.</item>
/// <item><c>/archive</c> is several megabytes of HTML and <c>/loop-a</c> redirects to <c>/loop-b</c>, which
/// redirects back: neither is linked; they are for the crawl command's bad input.</item>
/// </list>
/// </remarks>
public static class TeaHouse
{
    /// <summary>Where robots.txt forbids a crawler to go.</summary>
    public const string Forbidden = "/private/";

    /// <summary>The page off the site that <c>/</c> links to.</summary>
    public const string OffSite = "https://tea-growers.example/";

    /// <summary>The HTML pages with a 200 answer a polite crawl from <c>/</c> that stays on the site reaches (robots.txt honoured; /busy once it answers).</summary>
    public static IReadOnlyList<string> Pages { get; } = ["/", "/about", "/busy", "/contact", "/menu/", "/menu/black", "/menu/green"];

    /// <summary>The links on <c>/</c>, as its HTML writes them (the absolute one with the site's own host and port).</summary>
    public static IReadOnlyList<string> HomeLinks(Uri root) =>
        ["menu/", "/about", new Uri(root, "/contact").ToString(), OffSite, "#top", "mailto:tea@tea-house.example", "/old-menu", "/kitchen", "/garden", "/busy", "/private/ledger"];

    /// <summary>How many times <c>/busy</c> answers 503 before it answers with the page.</summary>
    public const int BusyAnswers = 2;

    /// <summary>The size of <c>/archive</c>.</summary>
    public const int ArchiveBytes = 6 * 1024 * 1024;

    /// <summary>The answer for <paramref name="path"/>, asked for the <paramref name="asked"/>-th time; null when the tea house has no such page.</summary>
    internal static SitePage? Answer(string path, int asked, Uri root) => path switch
    {
        "/" => SitePage.Html("The tea house", HomeLinks(root)),
        "/menu/" => SitePage.Html("Menu", ["green", "black", "prices.json", "/"]),
        "/menu/green" => SitePage.Html("Green tea", ["../about", "black"]),
        "/menu/black" => SitePage.Html("Black tea", ["../about", "green"]),
        "/about" => SitePage.Html("About us", ["/", "contact"]),
        "/contact" => SitePage.Html("Contact", ["/"]),
        "/busy" when asked <= BusyAnswers => new SitePage(503, "text/html; charset=utf-8", Encoding.UTF8.GetBytes("<!doctype html><title>Busy</title><p>Too many guests; come back soon.")),
        "/busy" => SitePage.Html("Quiet now", ["/"]),
        "/kitchen" => new SitePage(500, "text/html; charset=utf-8", Encoding.UTF8.GetBytes("<!doctype html><title>Oops</title><p>The kettle broke.")),
        "/old-menu" => SitePage.Redirect("/menu/"),
        "/private/ledger" => SitePage.Html("The ledger", ["/"]),
        "/robots.txt" => new SitePage(200, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes($"User-agent: *\nDisallow: {Forbidden}\n")),
        "/menu/prices.json" => new SitePage(200, "application/json", Encoding.UTF8.GetBytes("{\"green\": 3.5, \"black\": 3}")),
        "/archive" => Archive.Value,
        "/loop-a" => SitePage.Redirect("/loop-b"),
        "/loop-b" => SitePage.Redirect("/loop-a"),
        _ => null,
    };

    private static readonly Lazy<SitePage> Archive = new(() =>
    {
        var html = new StringBuilder("<!doctype html><html><head><title>Archive</title></head><body>");
        var line = "<p>" + new string('x', 1000) + "</p>\n";
        while (html.Length < ArchiveBytes)
        {
            html.Append(line);
        }

        return new SitePage(200, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html.Append("<a href=\"/\">home</a></body></html>").ToString()));
    });
}
