using Spectre.Console;

namespace ThreadingKoans.Runner;

/// <summary>What the learner asked the runner for.</summary>
/// <param name="Hint">Show the next koan's hints with it.</param>
/// <param name="Root">The repository to use instead of the one around the working folder.</param>
internal sealed record RunRequest(bool Hint, string? Root);

/// <summary>One walk along the path: check the files, build, run, and show the next koan.</summary>
internal sealed class PathRunner(IAnsiConsole console, HostLimits limits, TimeSpan buildLimit)
{
    public int Run(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var layout = request.Root is { } root
            ? new RepoLayout(Path.GetFullPath(root))
            : RepoLayout.Find(Environment.CurrentDirectory, AppContext.BaseDirectory);
        if (layout is null)
        {
            console.MarkupLine("[red]No Koans folder was found here or above: run this from the ThreadingKoans folder, the one that holds Koans/.[/]");
            return ExitCodes.KoansLeft;
        }

        var view = new ReportView(console, layout);
        return view.Show(Walk(layout), request.Hint);
    }

    private Verdict Walk(RepoLayout layout)
    {
        if (PathCheck.FirstProblem(layout) is { } problem)
        {
            return new LayoutBroken(problem);
        }

        var build = console.Status().Start("Building the koans…", _ => new KoanBuild(layout, buildLimit).Run());
        if (!build.Succeeded)
        {
            return new CompileFailed(build.Errors, build.Log);
        }

        var run = console.Status().Start("Meditating…", _ => new KoanHost(layout.KoansBuild, limits).Run(only: null, ungated: false));
        return Verdicts.From(run);
    }
}
