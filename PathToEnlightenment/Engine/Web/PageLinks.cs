using AngleSharp.Html.Parser;

namespace ThreadingKoans.Engine.Web;

/// <summary>The links of a page a crawler follows: found with a real HTML parser, resolved against the page's own address, kept on its site.</summary>
public static class PageLinks
{
    private static readonly HtmlParser Parser = new();

    /// <summary>
    /// Every <c>a href</c> of <paramref name="html"/>, resolved against <paramref name="page"/>, without its
    /// fragment, kept only when it is http(s) on the same host and port as <paramref name="page"/>; each once,
    /// in the order the page gives them.
    /// </summary>
    /// <param name="page">The address the page was fetched from (after any redirect).</param>
    /// <param name="html">The page's HTML.</param>
    public static IReadOnlyList<Uri> OnSite(Uri page, string html)
    {
        ArgumentNullException.ThrowIfNull(page);
        var links = new List<Uri>();
        var seen = new HashSet<Uri>();
        using var document = Parser.ParseDocument(html ?? "");
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            if (!Uri.TryCreate(page, anchor.GetAttribute("href"), out var link)
                || link.Scheme is not ("http" or "https")
                || !string.Equals(link.Authority, page.Authority, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var bare = new UriBuilder(link) { Fragment = "" }.Uri;
            if (seen.Add(bare))
            {
                links.Add(bare);
            }
        }

        return links;
    }
}
