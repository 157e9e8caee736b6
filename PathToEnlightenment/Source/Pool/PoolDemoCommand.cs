using Spectre.Console;
using ThreadingKoans.Engine.Web;

namespace ThreadingKoans.Runner.Pool;

/// <summary>
/// <c>demo</c>: the learner's own pool at work on a real crawl of a loopback site (started here, in the
/// runner's process), drawn live. It runs only once the pool koans up to the scaling ones pass (with
/// <c>--async</c>, the koans of the async pool), so that what the learner sees is their pool working, not a
/// blank failing; otherwise it names the koan to finish first. <c>--solution</c> shows the reference pool.
/// </summary>
internal sealed class PoolDemoCommand(IAnsiConsole console, HostLimits limits, TimeSpan buildLimit, CancellationToken cancel)
{
    /// <summary>The topics whose koans the demo's pool needs: a loop, waiting, monitoring and growth.</summary>
    public static IReadOnlyList<string> NeededTopics { get; } = ["AboutWorkerLoops", "AboutWaitingForWork", "AboutMonitoring", "AboutThrottling"];

    /// <summary>The topic whose koans the async demo's pool needs: the channels that build <c>AsyncWorkerPool</c>.</summary>
    public static IReadOnlyList<string> AsyncNeededTopics { get; } = ["AboutChannels"];

    /// <summary>How long the server takes over each page of the demo's site.</summary>
    public static TimeSpan Latency { get; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Every how many pages one links to a page that is not there: the demo's few failures.</summary>
    public const int BrokenLinkEvery = 37;

    /// <summary>The site's pages for a crawl of about <paramref name="seconds"/> at <see cref="PoolDemo.MostAtOnce"/> fetches at a time.</summary>
    public static int Pages(double seconds) => (int)Math.Clamp(seconds * PoolDemo.MostAtOnce / Latency.TotalSeconds * 0.8, 40, 200_000);

    /// <summary>Runs the demo on <paramref name="layout"/>.</summary>
    /// <param name="layout">The repository.</param>
    /// <param name="solution">Show the reference pool from Solutions instead of the learner's.</param>
    /// <param name="seconds">About how long the crawl lasts: the site has that many seconds of pages.</param>
    /// <param name="asyncPool">Show the async pool (<c>AsyncWorkerPool</c>) crawling instead of the pool of threads.</param>
    public int Run(RepoLayout layout, bool solution, double seconds, bool asyncPool = false)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (solution)
        {
            console.MarkupLine("[grey]Building the reference pool (Solutions)…[/]");
            var build = new KoanBuild(layout, buildLimit, layout.SolutionsProject).Run(cancel);
            return build.Succeeded ? Show(layout.SolutionsBuild, asyncPool ? "The reference async pool" : "The reference pool", seconds, asyncPool) : BuildFailed(build.Errors);
        }

        // The learner's koans are built and run the one way every command builds and runs them.
        using var runner = new KoanRunner(console, limits, buildLimit, cancel);
        var needed = asyncPool ? AsyncNeededTopics : NeededTopics;
        var meditation = runner.Run(layout, KoanSelection.Alone(string.Join(',', needed)));
        switch (meditation.Stopped)
        {
            case CompileFailed failed:
                return BuildFailed(failed.Errors);
            case LayoutBroken broken:
                console.MarkupLineInterpolated($"[red]{broken.Sentence}[/]");
                return ExitCodes.KoansLeft;
        }

        if (NotReady(layout, meditation.Run!, needed) is { } unfinished)
        {
            var option = asyncPool ? " --async" : "";
            console.MarkupLine($"[yellow]Your {(asyncPool ? "async pool" : "pool")} is not ready for the demo yet:[/] {Markup.Escape(unfinished)}");
            console.MarkupLine($"Walk on with `dotnet run --project PathToEnlightenment`, or watch the reference pool with `dotnet run --project PathToEnlightenment -- demo --solution{option}`.");
            return ExitCodes.KoansLeft;
        }

        return Show(layout.KoansBuild, asyncPool ? "Your async pool" : "Your pool", seconds, asyncPool);
    }

    private int BuildFailed(IReadOnlyList<CompileError> errors)
    {
        var first = errors.FirstOrDefault();
        console.MarkupLine(first is null
            ? "[red]The build failed; run `dotnet run --project PathToEnlightenment` to see why.[/]"
            : $"[red]The build failed at {Markup.Escape(first.Place)}: {Markup.Escape(first.Code)} {Markup.Escape(first.Message)}[/]");
        return ExitCodes.KoansLeft;
    }

    /// <summary>The first koan of <paramref name="neededTopics"/> that does not pass in <paramref name="run"/>, as a sentence, or null when the pool is ready (the demo's and the crawl's check).</summary>
    internal static string? NotReady(RepoLayout layout, HostRun run, IReadOnlyList<string> neededTopics)
    {
        if (run.Path.Count == 0)
        {
            return "the koans did not start; run `dotnet run --project PathToEnlightenment` to see why.";
        }

        var needed = run.Path.Where(koan => neededTopics.Contains(koan.Topic)).ToList();
        var first = needed.FirstOrDefault(koan => !run.Passed(koan));
        return first is null
            ? null
            : $"finish {first.Topic}.{first.Name} first ({layout.Relative(first.File)}:{first.Line}).";
    }

    private int Show(ProjectOutput output, string whosePool, double seconds, bool asyncPool)
    {
        using var site = LoopbackSite.Start(new SiteOptions { Pages = Pages(seconds), Latency = Latency, BrokenLinkEvery = BrokenLinkEvery });
        string[] arguments = [site.Page("/pages/0").ToString(), .. asyncPool ? [PoolDemo.AsyncOption] : Array.Empty<string>()];
        var limit = TimeSpan.FromSeconds((seconds * 3) + 30);
        PoolEnd Crawl(Action<PoolEvent> onReport) => PoolChild.Run(output, PoolHost.DemoCommand, arguments, limit, onReport, cancel);
        bool finished;
        string done;
        PoolEnd end;
        if (asyncPool)
        {
            var view = new AsyncDemoView(whosePool);
            end = view.Show(console, onFrame => Crawl(report =>
            {
                if (report is AsyncDemoFrame frame)
                {
                    onFrame(frame);
                }
            }));
            finished = view.Latest is { Finished: true };
            done = view.Latest is { } last
                ? Invariant($"[green]{last.Completed + last.Failed} of {last.Found} pages done by {PoolDemo.MostAtOnce} readers[/] (at most {view.MostThreads} threads in the crawling process; the site runs in the runner).")
                : "";
        }
        else
        {
            var view = new DemoView(whosePool);
            end = view.Show(console, onFrame => Crawl(report =>
            {
                if (report is DemoFrame frame)
                {
                    onFrame(frame);
                }
            }));
            finished = view.Latest is { Finished: true };
            done = view.Latest is { } last
                ? Invariant($"[green]{last.Pool.Completed + last.Pool.Failed} of {last.Submitted} pages done by {last.Pool.Workers.Count} workers[/] (the pool started with 2 and grew when more than 10 waited).")
                : "";
        }

        if (end is { Succeeded: true } && finished)
        {
            console.MarkupLine(done);
            return ExitCodes.Done;
        }

        console.MarkupLine(end is { TimedOut: true }
            ? "[red]The demo's pool stopped answering and was stopped: is a worker, WaitForIdle or CompleteAsync waiting forever?[/]"
            : "[red]The demo's pool failed:[/]");
        if (end is { Errors.Length: > 0 } failed)
        {
            console.WriteLine(failed.Errors.TrimEnd());
        }

        return ExitCodes.KoansLeft;
    }

    private static string Invariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
