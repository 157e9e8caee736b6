using System.Globalization;
using Spectre.Console;
using ThreadingKoans.Engine;
using ThreadingKoans.Engine.Pool;

namespace ThreadingKoans.Runner.Pool;

/// <summary>
/// <c>bench</c>: the reference pool (Solutions, built in Release) against the .NET ThreadPool
/// (<c>Task.Run</c>) and a thread per job, on jobs that block and on tiny jobs. Every measurement runs in
/// a fresh process, one after the other, and the table shows wall time and the most threads the process
/// had.
/// </summary>
internal sealed class PoolBenchCommand(IAnsiConsole console, TimeSpan buildLimit, CancellationToken cancel)
{
    /// <summary>The jobs of each workload: full size, and quick.</summary>
    public static int Jobs(string workload, bool quick) => (workload, quick) switch
    {
        ("blocking", false) => 2_000,
        ("blocking", true) => 100,
        (_, false) => 1_000_000,
        (_, true) => 10_000,
    };

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
            foreach (var contender in PoolBenchmark.Contenders)
            {
                var jobs = Jobs(workload, quick);
                console.MarkupLineInterpolated($"[grey]{Describe(workload, jobs)} with {contender}…[/]");
                var end = EngineChild.Run(layout.SolutionsRelease, Host.BenchCommand, [workload, contender, jobs.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(10), report =>
                {
                    if (report is BenchFigure figure)
                    {
                        figures.Add(figure);
                    }
                }, cancel);
                if (!end.Succeeded)
                {
                    console.MarkupLineInterpolated($"[red]{contender} on {workload} jobs did not finish{(end.TimedOut ? " within 10 minutes" : "")}:[/]");
                    console.WriteLine(end.Errors.Trim());
                    return ExitCodes.KoansLeft;
                }
            }
        }

        new BenchView(console).Show(figures, quick);
        return ExitCodes.Done;
    }

    /// <summary>A workload in words: "2,000 jobs that block 50 ms".</summary>
    public static string Describe(string workload, int jobs) =>
        workload == "blocking"
            ? string.Create(CultureInfo.InvariantCulture, $"{jobs:N0} jobs that block 50 ms")
            : string.Create(CultureInfo.InvariantCulture, $"{jobs:N0} tiny jobs");
}

/// <summary>The benchmark's table and what it says about the pool.</summary>
internal sealed class BenchView(IAnsiConsole console)
{
    public void Show(IReadOnlyList<BenchFigure> figures, bool quick)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Workload").AddColumn("Contender").AddColumn(new TableColumn("Wall time").RightAligned())
            .AddColumn(new TableColumn("Peak threads").RightAligned()).AddColumn(new TableColumn("vs ThreadPool").RightAligned());
        foreach (var figure in figures)
        {
            var threadPool = figures.Single(other => other.Workload == figure.Workload && other.Contender == "threadpool");
            table.AddRow(
                PoolBenchCommand.Describe(figure.Workload, figure.Jobs),
                figure.Contender,
                string.Create(CultureInfo.InvariantCulture, $"{figure.Seconds:0.00} s"),
                figure.PeakThreads.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{figure.Seconds / threadPool.Seconds:0.00}×"));
        }

        console.Write(table);
        var cores = figures.Count > 0 ? figures[0].Cores : Environment.ProcessorCount;
        var shape = PoolBenchmark.PoolShape;
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]{cores} cores, a fresh process per measurement, Solutions in Release.[/]");
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]The pool: {shape["MinWorkers"]} to {shape["MaxWorkers"]} workers, growing when more than {shape["GrowWhenQueueOver"]} jobs wait.[/]");
        if (quick)
        {
            console.MarkupLine("[grey]--quick: small workloads, to check that everything runs; the figures mean little.[/]");
            return;
        }

        Verdict(figures, "blocking", "The pool beats the ThreadPool on jobs that block", ratio => ratio < 1);
        Verdict(figures, "tiny", "The pool stays within 3× of the ThreadPool on tiny jobs", ratio => ratio <= 3);
    }

    private void Verdict(IReadOnlyList<BenchFigure> figures, string workload, string claim, Func<double, bool> holds)
    {
        var pool = figures.Single(figure => figure.Workload == workload && figure.Contender == "pool");
        var threadPool = figures.Single(figure => figure.Workload == workload && figure.Contender == "threadpool");
        var ratio = pool.Seconds / threadPool.Seconds;
        var mark = holds(ratio) ? "[green]✓[/]" : "[red]✗[/]";
        console.MarkupLine(mark + " " + Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{claim}: {pool.Seconds:0.00} s against {threadPool.Seconds:0.00} s ({ratio:0.00}×).")));
    }
}
