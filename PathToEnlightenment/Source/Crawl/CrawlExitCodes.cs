namespace ThreadingKoans.Runner.Crawl;

/// <summary>
/// What <c>crawl</c>'s exit code means: 0 the crawl ran (to its end, its page budget or its time limit;
/// pages that failed on the way are in its summary), 1 the pool is not ready or failed, 2 a bad address or
/// option, 3 the start page could not be crawled (no answer, no such host, nobody listening, not HTML, a
/// redirect loop, an error status, robots.txt forbids it), 130 stopped by Ctrl+C.
/// </summary>
internal static class CrawlExitCodes
{
    /// <summary>The crawl ran: to its end, its page budget, or its time limit.</summary>
    public const int Crawled = ExitCodes.Done;

    /// <summary>The learner's pool is not ready (a koan to finish first), did not build, or failed during the crawl.</summary>
    public const int PoolNotReady = ExitCodes.KoansLeft;

    /// <summary>The address is not http(s), or an option is out of range.</summary>
    public const int BadInput = ExitCodes.Usage;

    /// <summary>The start page could not be crawled.</summary>
    public const int StartFailed = 3;

    /// <summary>Ctrl+C stopped the crawl (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
