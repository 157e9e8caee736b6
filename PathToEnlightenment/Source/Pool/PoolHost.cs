using System.Globalization;
using System.Reflection;

namespace ThreadingKoans.Runner.Pool;

/// <summary>
/// The pool host: the runner's own executable started once more as a child process (<c>PathToEnlightenment
/// pool-host &lt;command&gt; …</c>), beside the learner's built koans, which it loads to run their <c>WorkerPool</c> or
/// <c>AsyncWorkerPool</c>: the demo, one benchmark measurement, a crawl. A pool that hangs or lets an exception escape
/// takes down the child, never the runner. It reports one <see cref="PoolEvent"/> line at a time on standard output,
/// whole, whichever thread of the pool sends it, and ends when its command does.
/// </summary>
internal static class PoolHost
{
    /// <summary>The first argument that makes the runner's executable the pool host.</summary>
    public const string Command = "pool-host";
    /// <summary>The demo: a crawl of the loopback site, by the pool of threads or (<c>--async</c>) the async pool.</summary>
    public const string DemoCommand = "demo";

    /// <summary>One benchmark measurement.</summary>
    public const string BenchCommand = "bench";

    /// <summary>A crawl of a site of the learner's choosing (see <see cref="PoliteCrawl"/>).</summary>
    public const string CrawlCommand = "crawl";

    /// <summary>What the host says to a command line it does not understand.</summary>
    public const string Usage = """
        usage: PathToEnlightenment pool-host demo <koans assembly> <first page of the site> [--async]
               PathToEnlightenment pool-host bench <koans assembly> blocking|tiny pool|threadpool|thread-per-job <jobs>
               PathToEnlightenment pool-host bench <koans assembly> crawl pool|threadpool|async-pool|parallel-foreach <pages> <first page of the site>
               PathToEnlightenment pool-host crawl <koans assembly> threads|async <url> <pages> <max-in-flight> <page-seconds> <limit-seconds>
        """;

    /// <summary>Runs one command of the pool host (the arguments after <see cref="Command"/>).</summary>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args)
        {
            case [DemoCommand, var assembly, var site]:
                return Reporting(send => PoolDemo.Run(Assembly.LoadFrom(assembly), new Uri(site), send));
            case [DemoCommand, var assembly, var site, PoolDemo.AsyncOption]:
                return Reporting(send => PoolDemo.RunAsync(Assembly.LoadFrom(assembly), new Uri(site), send));
            case [BenchCommand, var assembly, var workload, var contender, var jobs, .. var site] when site.Length <= 1:
                return Reporting(send => PoolBenchmark.Run(
                    Assembly.LoadFrom(assembly), workload, contender, int.Parse(jobs, CultureInfo.InvariantCulture), site is [var first] ? new Uri(first) : null, send));
            case [CrawlCommand, var assembly, var pool, var start, var pages, var inFlight, var pageSeconds, var limitSeconds]:
                return Reporting(send => PoliteCrawl.Run(Assembly.LoadFrom(assembly), new Uri(start), new CrawlOptions
                {
                    Async = pool == "async",
                    Pages = int.Parse(pages, CultureInfo.InvariantCulture),
                    MaxInFlight = int.Parse(inFlight, CultureInfo.InvariantCulture),
                    PageTimeout = TimeSpan.FromSeconds(double.Parse(pageSeconds, CultureInfo.InvariantCulture)),
                    TimeLimit = TimeSpan.FromSeconds(double.Parse(limitSeconds, CultureInfo.InvariantCulture)),
                }, send));
            default:
                Console.Error.WriteLine(Usage);
                return ExitCodes.Usage;
        }
    }

    /// <summary>Runs <paramref name="command"/> with a way to report, then ends the process.</summary>
    private static int Reporting(Action<Action<PoolEvent>> command)
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
