using Spectre.Console;

namespace ThreadingKoans.Runner.Running;

/// <summary>
/// The one way koans are built and run, whichever front door asks (a walk, watch mode, the demo): it
/// checks the topic files; builds with <c>dotnet build</c> when the project, its packages or the engine
/// changed since the last such build (see <see cref="BuildStamp"/>), and otherwise compiles the learner's
/// files itself (<see cref="KoanCompiler"/>), which costs a fraction of MSBuild: a process's first compile
/// through the SDK's warm compiler server, later ones (watch mode) in this process with Roslyn; then
/// runs the koans in the <see cref="KoanHost"/>, started while the compiler works and kept up for the next
/// request. Koans that still pass (<see cref="KoanSelection.StillPassing"/>) are not run again, except
/// after a <c>dotnet build</c> (anything may have changed) and in the final re-check: when every koan
/// seems to pass, the whole path runs once more for real before the learner is told so.
/// </summary>
/// <param name="console">Where the progress is shown.</param>
/// <param name="limits">How long to wait for the koan host.</param>
/// <param name="buildLimit">How long a <c>dotnet build</c> may take.</param>
/// <param name="cancel">Stops a build or a run at once (killing it) with <see cref="OperationCanceledException"/>: Ctrl+C.</param>
internal sealed class KoanRunner(IAnsiConsole console, HostLimits limits, TimeSpan buildLimit, CancellationToken cancel = default) : IDisposable
{
    private KoanCompiler? _compiler;
    private KoanHost? _host;
    private RepoLayout? _layout;
    private string? _firstKoan;
    private bool _compiledHere;

    /// <summary>How the last run was built: "dotnet build", "compiler server" or "in-process".</summary>
    public string LastWay { get; private set; } = string.Empty;

    /// <inheritdoc cref="Meditate"/>
    public Meditation Run(RepoLayout layout, KoanSelection selection)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(selection);
        if (PathCheck.FirstProblem(layout) is { } problem)
        {
            return new Meditation(null, new LayoutBroken(problem));
        }

        if (layout != _layout)
        {
            Dispose();
            _layout = layout;
        }

        if (_compiler is null && BuildStamp.IsCurrent(layout))
        {
            _compiler = KoanCompiler.For(layout.Koans, layout.KoansBuild);
        }

        if (_compiler is null)
        {
            // The build may write the engine the host runs from: no host runs meanwhile.
            _host?.Dispose();
            _host = null;
            if (Build(layout) is { } failed)
            {
                return new Meditation(null, failed);
            }

            selection = selection with { StillPassing = new HashSet<string>() };
        }
        else if (Compile(layout, _compiler) is { } failed)
        {
            return new Meditation(null, failed);
        }

        _host ??= new KoanHost(layout.KoansBuild, limits);
        return new Meditation(console.Status().Start("Meditating…", _ => Koans(selection)), null);
    }

    /// <summary>
    /// Makes the next runs quick: compiles twice and runs the path's first koan, so that the compiler and
    /// the host have done their first, slow work before the learner's first save.
    /// </summary>
    public void Warm()
    {
        for (var warm = 0; warm < 2; warm++)
        {
            _ = _compiler?.Compile();
        }

        _compiledHere = _compiler is not null;

        if (_firstKoan is { } first)
        {
            _ = _host?.Run(first, runAll: true, cancel: cancel);
        }
    }

    /// <summary>Stops the koan host.</summary>
    public void Dispose()
    {
        _host?.Dispose();
        _host = null;
        _compiler = null;
        _compiledHere = false;
    }

    /// <summary>Builds the reference pools of <c>Solutions/</c> (for <c>--solution</c>); what failed, or null when it built.</summary>
    public CompileFailed? BuildReference(RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var build = console.Status().Start("Building the reference pools (Solutions/)…", _ => new KoanBuild(layout, buildLimit, layout.SolutionsProject).Run(cancel));
        return build.Succeeded ? null : new CompileFailed(build.Errors, build.Log);
    }

    private CompileFailed? Build(RepoLayout layout)
    {
        LastWay = "dotnet build";
        var build = console.Status().Start("Building the koans…", _ => new KoanBuild(layout, buildLimit).Run(cancel));
        if (!build.Succeeded)
        {
            return new CompileFailed(Explained(layout, build.Errors), build.Log);
        }

        BuildStamp.Write(layout, Dotnet.SdkCompiler(layout.Root));
        _compiler = KoanCompiler.For(layout.Koans, layout.KoansBuild);
        return null;
    }

    private CompileFailed? Compile(RepoLayout layout, KoanCompiler compiler)
    {
        // The host starts (the runtime, NUnit) while the compiler works; it loads the koans only when asked.
        _host ??= new KoanHost(layout.KoansBuild, limits);
        _host.Start();
        if (!_compiledHere && BuildStamp.Compiler(layout) is { } csc)
        {
            // The first compile of this process goes to the SDK's warm compiler server; once this process has
            // compiled (watch mode warms it), its own compiler is the quicker one.
            LastWay = "compiler server";
            var errors = console.Status().Start("Compiling the koans…", _ => compiler.CompileWithServer(csc, layout.KoansBuild, layout, buildLimit, cancel));
            return errors.Count == 0 ? null : new CompileFailed(Explained(layout, errors), Log: string.Empty);
        }

        LastWay = "in-process";
        _compiledHere = true;
        var compiled = console.Status().Start("Compiling the koans…", _ => compiler.Compile());
        if (!compiled.Succeeded)
        {
            return new CompileFailed(compiled.Errors, Log: string.Empty);
        }

        KoanCompiler.Install(compiled, layout.KoansBuild);
        return null;
    }

    private HostRun Koans(KoanSelection selection)
    {
        var run = _host!.Run(selection.Only, selection.RunAll, skip: selection.StillPassing, timelines: selection.Timelines, cancel: cancel).Counting(selection.StillPassing);
        _firstKoan = run.Path.FirstOrDefault()?.FullName ?? _firstKoan;
        var everyKoanPasses = run.Completed && run.Crash is null && run.Hung is null && run.Path.Count > 0 && run.Path.All(run.Passed);
        return everyKoanPasses && selection.StillPassing.Count > 0
            ? _host.Run(selection.Only, selection.RunAll, timelines: selection.Timelines, cancel: cancel)
            : run;
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
