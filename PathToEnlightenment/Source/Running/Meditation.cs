using Spectre.Console;

namespace ThreadingKoans.Runner.Running;

/// <summary>What building and running the koans gave: the host's run, or the verdict that came before it.</summary>
/// <param name="Run">The host's run, when the koans were built and run.</param>
/// <param name="Stopped">The verdict that stopped the walk before the koans ran (a broken layout, a compile error).</param>
internal sealed record Meditation(HostRun? Run, Verdict? Stopped)
{
    /// <summary>The verdict: the one that stopped the walk, or else the one the host's run gives.</summary>
    public Verdict Read(Func<HostRun, Verdict> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return Run is { } run ? read(run) : Stopped ?? throw new InvalidOperationException("A meditation has either a run or a verdict.");
    }
}

/// <summary>Builds the learner's koans and runs them: all koans in path order, or only some, ungated.</summary>
/// <param name="layout">The repository.</param>
/// <param name="only">The koan or topic to run on its own, ungated; null for the whole path, gated.</param>
internal delegate Meditation Meditate(RepoLayout layout, string? only);

/// <summary>The real <see cref="Meditate"/>: checks the topic files, builds with <c>dotnet build</c> and runs the koan host.</summary>
/// <param name="console">Where the progress is shown.</param>
/// <param name="limits">How long to wait for the koan host.</param>
/// <param name="buildLimit">How long a build may take.</param>
/// <param name="cancel">Stops a build or a run at once (killing it) with <see cref="OperationCanceledException"/>: Ctrl+C in watch mode.</param>
internal sealed class KoanMeditation(IAnsiConsole console, HostLimits limits, TimeSpan buildLimit, CancellationToken cancel = default)
{
    /// <inheritdoc cref="Meditate"/>
    public Meditation Run(RepoLayout layout, string? only)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (PathCheck.FirstProblem(layout) is { } problem)
        {
            return new Meditation(null, new LayoutBroken(problem));
        }

        var build = console.Status().Start("Building the koans…", _ => new KoanBuild(layout, buildLimit).Run(cancel));
        if (!build.Succeeded)
        {
            return new Meditation(null, new CompileFailed(Explained(layout, build.Errors), build.Log));
        }

        var run = console.Status().Start("Meditating…", _ => new KoanHost(layout.KoansBuild, limits).Run(only, ungated: only is not null, cancel: cancel));
        return new Meditation(run, null);
    }

    /// <summary>
    /// The build's errors, each with the learner's words where the compiler's mislead (an answer of the
    /// wrong type in a Shouldly call): those need types, so the koans are compiled once more in this
    /// process, against the references of the last build that succeeded, when there was one.
    /// </summary>
    private static IReadOnlyList<CompileError> Explained(RepoLayout layout, IReadOnlyList<CompileError> errors)
    {
        if (!errors.Any(error => ShouldlyClash.Codes.Contains(error.Code)) || KoanCompiler.For(layout.Koans, layout.KoansBuild) is not { } compiler)
        {
            return errors;
        }

        var notes = compiler.Compile().Errors.Where(error => error.Note is not null).ToList();
        return [.. errors.Select(error => notes.FirstOrDefault(note => note.Place == error.Place && note.Code == error.Code) is { } explained ? error with { Note = explained.Note } : error)];
    }
}
