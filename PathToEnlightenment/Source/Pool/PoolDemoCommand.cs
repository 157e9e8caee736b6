using Spectre.Console;
using ThreadingKoans.Engine;

namespace ThreadingKoans.Runner.Pool;

/// <summary>
/// <c>demo</c>: the learner's own pool at work on a crawl, drawn live. It runs only once the pool koans
/// up to the scaling ones pass, so that what the learner sees is their pool working, not a blank failing;
/// otherwise it names the koan to finish first. <c>--solution</c> shows the reference pool.
/// </summary>
internal sealed class PoolDemoCommand(IAnsiConsole console, HostLimits limits, TimeSpan buildLimit, CancellationToken cancel)
{
    /// <summary>The topics whose koans the demo's pool needs: a loop, waiting, monitoring and growth.</summary>
    public static IReadOnlyList<string> NeededTopics { get; } = ["AboutWorkerLoops", "AboutWaitingForWork", "AboutMonitoring", "AboutThrottling"];

    /// <summary>Runs the demo on <paramref name="layout"/>.</summary>
    /// <param name="layout">The repository.</param>
    /// <param name="solution">Show the reference pool from Solutions instead of the learner's.</param>
    /// <param name="seconds">How long pages keep arriving.</param>
    public int Run(RepoLayout layout, bool solution, double seconds)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (solution)
        {
            console.MarkupLine("[grey]Building the reference pool (Solutions)…[/]");
            var build = new KoanBuild(layout, buildLimit, layout.SolutionsProject).Run(cancel);
            return build.Succeeded ? Show(layout.SolutionsBuild, "The reference pool", seconds) : BuildFailed(build.Errors);
        }

        // The learner's koans are built and run the one way every command builds and runs them.
        using var runner = new KoanRunner(console, limits, buildLimit, cancel);
        var meditation = runner.Run(layout, KoanSelection.Alone(string.Join(',', NeededTopics)));
        switch (meditation.Stopped)
        {
            case CompileFailed failed:
                return BuildFailed(failed.Errors);
            case LayoutBroken broken:
                console.MarkupLineInterpolated($"[red]{broken.Sentence}[/]");
                return ExitCodes.KoansLeft;
        }

        if (NotReady(layout, meditation.Run!) is { } unfinished)
        {
            console.MarkupLine($"[yellow]Your pool is not ready for the demo yet:[/] {Markup.Escape(unfinished)}");
            console.MarkupLine("Walk on with `dotnet run --project PathToEnlightenment`, or watch the reference pool with `dotnet run --project PathToEnlightenment -- demo --solution`.");
            return ExitCodes.KoansLeft;
        }

        return Show(layout.KoansBuild, "Your pool", seconds);
    }

    private int BuildFailed(IReadOnlyList<CompileError> errors)
    {
        var first = errors.FirstOrDefault();
        console.MarkupLine(first is null
            ? "[red]The build failed; run `dotnet run --project PathToEnlightenment` to see why.[/]"
            : $"[red]The build failed at {Markup.Escape(first.Place)}: {Markup.Escape(first.Code)} {Markup.Escape(first.Message)}[/]");
        return ExitCodes.KoansLeft;
    }

    /// <summary>The first pool koan that does not pass in <paramref name="run"/>, as a sentence, or null when the pool is ready.</summary>
    private static string? NotReady(RepoLayout layout, HostRun run)
    {
        if (run.Path.Count == 0)
        {
            return "the koans did not start; run `dotnet run --project PathToEnlightenment` to see why.";
        }

        var needed = run.Path.Where(koan => NeededTopics.Contains(koan.Topic)).ToList();
        var first = needed.FirstOrDefault(koan => !run.Passed(koan));
        return first is null
            ? null
            : $"finish {first.Topic}.{first.Name} first ({layout.Relative(first.File)}:{first.Line}).";
    }

    private int Show(ProjectOutput output, string whosePool, double seconds)
    {
        var view = new DemoView(whosePool);
        var arguments = new[] { seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var limit = TimeSpan.FromSeconds(seconds + 20);
        var end = view.Show(console, onFrame => EngineChild.Run(output, Host.DemoCommand, arguments, limit, report =>
        {
            if (report is DemoFrame frame)
            {
                onFrame(frame);
            }
        }, cancel));

        if (end is { Succeeded: true } && view.Latest is { Finished: true } last)
        {
            console.MarkupLine($"[green]{last.Pool.Completed + last.Pool.Failed} of {last.Submitted} pages done by {last.Pool.Workers.Count} workers[/] (the pool started with 2 and grew when more than 10 waited).");
            return ExitCodes.Done;
        }

        console.MarkupLine(end is { TimedOut: true }
            ? "[red]The demo's pool stopped answering and was stopped: is a worker or WaitForIdle waiting forever?[/]"
            : "[red]The demo's pool failed:[/]");
        if (end is { Errors.Length: > 0 } failed)
        {
            console.WriteLine(failed.Errors.TrimEnd());
        }

        return ExitCodes.KoansLeft;
    }
}
