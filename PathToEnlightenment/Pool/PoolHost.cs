namespace ThreadingKoans.Pool;

/// <summary>
/// The pool host's commands and how each reports: one <see cref="PoolEvent"/> line at a time on standard
/// output, whole, whichever thread of the learner's pool sends it.
/// </summary>
public static class PoolHost
{
    /// <summary>The demo: a crawl of the loopback site, by the pool of threads or (<c>--async</c>) the async pool.</summary>
    public const string DemoCommand = "demo";

    /// <summary>One benchmark measurement.</summary>
    public const string BenchCommand = "bench";

    /// <summary>A crawl of a site of the learner's choosing (see <see cref="PoliteCrawl"/>).</summary>
    public const string CrawlCommand = "crawl";

    /// <summary>What the host says to a command line it does not understand.</summary>
    public const string Usage = """
        usage: ThreadingKoans.Pool demo <koans assembly> <first page of the site> [--async]
               ThreadingKoans.Pool bench <koans assembly> blocking|tiny pool|threadpool|thread-per-job <jobs>
               ThreadingKoans.Pool bench <koans assembly> crawl pool|threadpool|async-pool|parallel-foreach <pages> <first page of the site>
               ThreadingKoans.Pool crawl <koans assembly> threads|async <url> <pages> <max-in-flight> <page-seconds> <limit-seconds>
        """;

    /// <summary>Runs <paramref name="command"/> with a way to report, then ends the process.</summary>
    public static int Reporting(Action<Action<PoolEvent>> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var writer = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        var guard = new Lock();
        command(poolEvent =>
        {
            lock (guard)
            {
                writer.WriteLine(poolEvent.ToLine());
            }
        });
        Environment.Exit(0);
        return 0;
    }
}
