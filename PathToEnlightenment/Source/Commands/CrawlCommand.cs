using System.CommandLine;

namespace ThreadingKoans.Runner.Commands;

/// <summary>What <c>crawl</c> asked for.</summary>
/// <param name="Address">The page to start from, as typed.</param>
/// <param name="Solution">Crawl with the reference pools from Solutions instead of the learner's.</param>
/// <param name="Async">Crawl with the async pool of topic 21 (awaited requests) instead of the pool of threads (blocking ones).</param>
/// <param name="Pages">Pages to ask for at most.</param>
/// <param name="MaxInFlight">Requests in flight at once, at most.</param>
internal sealed record CrawlSettings(string Address, bool Solution, bool Async, int Pages, int MaxInFlight)
{
    /// <summary>The page budget when none is given.</summary>
    public const int DefaultPages = 100;

    /// <summary>Requests at once when not told.</summary>
    public const int DefaultMaxInFlight = 2;
}

/// <summary>
/// <c>crawl &lt;url&gt; [--async] [--pages N] [--max-in-flight N] [--solution]</c>: the learner's pool crawls
/// a site of their choosing, politely (see <see cref="Crawl.PoolCrawl"/>).
/// </summary>
/// <param name="crawl">Runs the crawl on a repository.</param>
internal sealed class CrawlCommand(Func<RepoLayout, CrawlSettings, int> crawl) : Verb<CrawlSettings>
{
    private readonly Argument<string> _address = new("url") { Description = "The page to start from: an http:// or https:// address." };
    private readonly Option<bool> _solution = new("--solution") { Description = "Crawl with the reference pools from Solutions instead of yours." };
    private readonly Option<bool> _async = new("--async") { Description = "Crawl with your AsyncWorkerPool (topic 21) and awaited requests instead of your WorkerPool and blocking ones." };
    private readonly Option<int> _pages = new("--pages") { Description = $"Pages to ask for at most (default {CrawlSettings.DefaultPages}).", DefaultValueFactory = _ => CrawlSettings.DefaultPages };
    private readonly Option<int> _maxInFlight = new("--max-in-flight") { Description = $"Requests at once, at most (default {CrawlSettings.DefaultMaxInFlight}; at most {Crawl.PoolCrawl.MostInFlightAllowed}).", DefaultValueFactory = _ => CrawlSettings.DefaultMaxInFlight };

    /// <inheritdoc/>
    public override Command Describe() =>
        new("crawl", "Crawl a site of your choosing with your pool, politely: same host, robots.txt honoured, few requests at once, a page budget.")
        {
            _address, _async, _pages, _maxInFlight, _solution,
        };

    /// <inheritdoc/>
    public override CrawlSettings Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new(parse.GetValue(_address) ?? "", parse.GetValue(_solution), parse.GetValue(_async), parse.GetValue(_pages), parse.GetValue(_maxInFlight));
    }

    /// <inheritdoc/>
    public override int Execute(CrawlSettings settings, RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return crawl(layout, settings);
    }
}
