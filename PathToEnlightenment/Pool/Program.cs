using System.Globalization;
using System.Reflection;
using ThreadingKoans.Pool;

// The pool host: one command, run beside the learner's built koans, its reports on standard output.
// The process ends when the command does: threads the learner's pool left running must not keep it alive.
switch (args)
{
    case [PoolHost.DemoCommand, var assembly, var site]:
        return PoolHost.Reporting(send => PoolDemo.Run(Assembly.LoadFrom(assembly), new Uri(site), send));
    case [PoolHost.DemoCommand, var assembly, var site, PoolDemo.AsyncOption]:
        return PoolHost.Reporting(send => PoolDemo.RunAsync(Assembly.LoadFrom(assembly), new Uri(site), send));
    case [PoolHost.BenchCommand, var assembly, var workload, var contender, var jobs, .. var site] when site.Length <= 1:
        return PoolHost.Reporting(send => PoolBenchmark.Run(
            Assembly.LoadFrom(assembly), workload, contender, int.Parse(jobs, CultureInfo.InvariantCulture), site is [var first] ? new Uri(first) : null, send));
    case [PoolHost.CrawlCommand, var assembly, var pool, var start, var pages, var inFlight, var pageSeconds, var limitSeconds]:
        return PoolHost.Reporting(send => PoliteCrawl.Run(Assembly.LoadFrom(assembly), new Uri(start), new CrawlOptions
        {
            Async = pool == "async",
            Pages = int.Parse(pages, CultureInfo.InvariantCulture),
            MaxInFlight = int.Parse(inFlight, CultureInfo.InvariantCulture),
            PageTimeout = TimeSpan.FromSeconds(double.Parse(pageSeconds, CultureInfo.InvariantCulture)),
            TimeLimit = TimeSpan.FromSeconds(double.Parse(limitSeconds, CultureInfo.InvariantCulture)),
        }, send));
    default:
        Console.Error.WriteLine(PoolHost.Usage);
        return 2;
}
