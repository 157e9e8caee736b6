using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using ThreadingKoans.Engine.Web;

namespace ThreadingKoans.Runner.Pool;

/// <summary>
/// <c>bench</c>: the reference pool (Solutions, built in Release) against the .NET ThreadPool
/// (<c>Task.Run</c>) and a thread per job, on jobs that block and on tiny jobs; then four crawlers of a real
/// loopback site (the reference pool, the ThreadPool, the reference async pool and <c>Parallel.ForEachAsync</c>),
/// each allowed the same fetches in flight. Every measurement runs in a fresh process, one after the other;
/// the site runs in this process, so that the crawler's threads and memory are its own.
/// </summary>
internal sealed class PoolBenchCommand(IAnsiConsole console, TimeSpan buildLimit, CancellationToken cancel)
{
    /// <summary>The jobs (for the crawl, pages) of each workload: full size, and quick.</summary>
    public static int Jobs(string workload, bool quick) => (workload, quick) switch
    {
        ("blocking", false) => 2_000,
        ("blocking", true) => 100,
        ("crawl", false) => 2_000,
        ("crawl", true) => 100,
        (_, false) => 1_000_000,
        (_, true) => 10_000,
    };

    /// <summary>
    /// The jobs a contender actually runs, when fewer than <see cref="Jobs"/>: a thread per job needs about
    /// three minutes for a million tiny jobs, so it runs a sample and its figures are scaled up.
    /// </summary>
    public static int Sample(string workload, string contender, bool quick) =>
        (workload, contender) == ("tiny", "thread-per-job") ? (quick ? 1_000 : 5_000) : Jobs(workload, quick);

    /// <summary>Runs the benchmark on <paramref name="layout"/>.</summary>
    /// <param name="layout">The repository.</param>
    /// <param name="quick">Small workloads: a check that every contender runs, not a measurement.</param>
    public int Run(RepoLayout layout, bool quick)
    {
        ArgumentNullException.ThrowIfNull(layout);
        console.MarkupLine("[grey]Building the reference pool (Solutions) in Release…[/]");
        var build = new KoanBuild(layout, buildLimit, layout.SolutionsProject, "Release").Run(cancel);
        if (!build.Succeeded)
        {
            console.MarkupLine("[red]Solutions did not build in Release:[/]");
            console.WriteLine(build.Log.Trim());
            return ExitCodes.KoansLeft;
        }

        var figures = new List<BenchFigure>();
        foreach (var workload in PoolBenchmark.Workloads)
        {
            var jobs = Jobs(workload, quick);
            var starting = Stopwatch.StartNew();
            using var site = workload == "crawl" ? LoopbackSite.Start(new SiteOptions { Pages = jobs, Latency = PoolBenchmark.JobWait }) : null;
            if (site is not null)
            {
                // The same first start (Kestrel's code not yet compiled) that a crawl topic pays once.
                console.MarkupLineInterpolated($"[grey]The loopback site started in {starting.Elapsed.TotalMilliseconds:0} ms.[/]");
            }

            foreach (var contender in PoolBenchmark.ContendersOf(workload))
            {
                var sample = Sample(workload, contender, quick);
                console.MarkupLineInterpolated($"[grey]{Describe(workload, sample)} with {BenchView.Name(workload, contender)}…[/]");
                site?.ResetCounts();
                string[] arguments = [workload, contender, sample.ToString(CultureInfo.InvariantCulture), .. site is null ? Array.Empty<string>() : [site.Page("/pages/0").ToString()]];
                BenchFigure? measured = null;
                var end = PoolChild.Run(layout.SolutionsRelease, PoolHost.BenchCommand, arguments, TimeSpan.FromMinutes(10), report =>
                {
                    if (report is BenchFigure figure)
                    {
                        measured = figure;
                    }
                }, cancel);
                if (!end.Succeeded || measured is null)
                {
                    console.MarkupLineInterpolated($"[red]{contender} on {workload} jobs did not finish{(end.TimedOut ? " within 10 minutes" : "")}:[/]");
                    console.WriteLine(end.Errors.Trim());
                    return ExitCodes.KoansLeft;
                }

                if (site is not null && site.MostInFlight > CrawlContenders.AtOnce)
                {
                    console.MarkupLineInterpolated($"[red]The site saw {site.MostInFlight} requests at once from {contender}, more than the {CrawlContenders.AtOnce} allowed.[/]");
                }

                figures.Add(sample == jobs ? measured : ScaledUp(measured, jobs));
            }
        }

        new BenchView(console).Show(figures, quick);
        return ExitCodes.Done;
    }

    /// <summary>A workload in words: "2,000 jobs that block 50 ms".</summary>
    public static string Describe(string workload, int jobs) => workload switch
    {
        "blocking" => string.Create(CultureInfo.InvariantCulture, $"{jobs:N0} jobs that block 50 ms"),
        "crawl" => string.Create(CultureInfo.InvariantCulture, $"crawl of {jobs:N0} pages, 50 ms each"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{jobs:N0} tiny jobs"),
    };

    /// <summary>A figure measured on a sample, scaled up to <paramref name="jobs"/>: time and memory grow with the jobs; the most threads does not.</summary>
    private static BenchFigure ScaledUp(BenchFigure sample, int jobs)
    {
        var times = (double)jobs / sample.Jobs;
        return sample with
        {
            Jobs = jobs,
            Seconds = sample.Seconds * times,
            AllocatedBytes = (long)(sample.AllocatedBytes * times),
            Note = string.Create(CultureInfo.InvariantCulture, $"measured on {sample.Jobs:N0} jobs ({sample.Seconds:0.00} s) and scaled up {times:0.##}×"),
        };
    }
}
