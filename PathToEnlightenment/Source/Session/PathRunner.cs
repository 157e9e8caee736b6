using Spectre.Console;

namespace ThreadingKoans.Runner.Session;

/// <summary>
/// The runner's commands on one repository: a walk along the path (check the files, build, run, show the
/// next koan), a single koan or topic (<c>--koan</c>), <c>hint</c>, <c>list</c> and <c>reset</c>. Each walk
/// is remembered in the learner's <see cref="WalkState"/>, which the other commands read.
/// </summary>
internal sealed class PathRunner
{
    private readonly IAnsiConsole _console;
    private readonly Meditate _meditate;
    private readonly Func<RepoLayout, FindOriginal> _originals;
    private readonly TimeProvider _clock;
    private readonly NavigationView _view;

    /// <summary>The runner as the learner runs it: real builds, the real host, git for originals.</summary>
    /// <param name="console">Where everything is written.</param>
    /// <param name="limits">How long to wait for the koan host.</param>
    /// <param name="buildLimit">How long a build may take.</param>
    /// <param name="clock">The time (for when the learner began, and how long the path took); the system's by default.</param>
    /// <param name="cancel">Stops a walk's build or koan run at once with <see cref="OperationCanceledException"/> (Ctrl+C in watch mode).</param>
    public PathRunner(IAnsiConsole console, HostLimits limits, TimeSpan buildLimit, TimeProvider? clock = null, CancellationToken cancel = default)
        : this(console, new KoanMeditation(console, limits, buildLimit, cancel).Run, layout => new OriginalKoans(layout.Root).Find, clock ?? TimeProvider.System)
    {
    }

    /// <summary>The runner with its outside world given: how koans are built and run, where originals come from, the time.</summary>
    public PathRunner(IAnsiConsole console, Meditate meditate, Func<RepoLayout, FindOriginal> originals, TimeProvider clock)
    {
        _console = console;
        _meditate = meditate;
        _originals = originals;
        _clock = clock;
        _view = new NavigationView(console);
    }

    /// <summary>A walk along the path on <paramref name="layout"/>, or with <paramref name="koan"/> (<c>Topic</c> or <c>Topic.Koan</c>) a run of that koan or topic alone.</summary>
    public int Run(RepoLayout layout, string? koan = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return koan is { } name ? RunKoan(layout, name, withHint: false) : Walk(layout, withHint: false);
    }

    /// <summary>
    /// <c>hint</c>: the current koan's next hint (the first, then the more concrete one, then word that there
    /// are no more). The current koan is the last walk's when the learner's koan files are byte for byte
    /// what that walk built (see <see cref="KoansFingerprint"/>); otherwise the path is walked again first,
    /// quietly, so that the hint is always for the koan the learner is on.
    /// </summary>
    public int Hint(RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var store = new StateStore(_console, layout);
        var state = store.Load();
        var fingerprint = KoansFingerprint.Of(layout);
        if (state is null || state.Path.Count == 0 || state.KoansFingerprint != fingerprint)
        {
            var walk = Record(layout, store, state, fingerprint);
            if (walk.Step is null)
            {
                return new ReportView(_console, layout).Show(walk.Verdict, withHint: false);
            }

            state = walk.Step.State;
        }

        if (state.Current is not { } koan)
        {
            _view.Say("Every koan passes: there is nothing left to hint at.");
            return ExitCodes.Enlightened;
        }

        _view.Hint(koan, state.HintsShown);
        store.Save(state with { HintsShown = Math.Min(state.HintsShown + 1, koan.HintCount) });
        return ExitCodes.KoansLeft;
    }

    /// <summary>
    /// <c>list</c>: every topic with its koans done, from the last walk; without one, the path is walked
    /// first, quietly.
    /// </summary>
    public int List(RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var store = new StateStore(_console, layout);
        var state = store.Load();
        ListBasis basis;
        if (state is null || state.Path.Count == 0)
        {
            var walk = Record(layout, store, state, KoansFingerprint.Of(layout));
            if (walk.Step is null)
            {
                return new ReportView(_console, layout).Show(walk.Verdict, withHint: false);
            }

            state = walk.Step.State;
            basis = ListBasis.ThisWalk;
        }
        else
        {
            basis = state.KoansFingerprint == KoansFingerprint.Of(layout) ? ListBasis.LastWalk : ListBasis.LastWalkChangedSince;
        }

        _view.List(state, basis);
        return state.Current is null ? ExitCodes.Enlightened : ExitCodes.KoansLeft;
    }

    /// <summary><c>reset Topic.Koan</c>: that koan's original text back; see <see cref="KoanReset"/>.</summary>
    public int Reset(RepoLayout layout, string koan) => new KoanReset(_view, layout, _originals(layout)).Run(koan);

    private int Walk(RepoLayout layout, bool withHint)
    {
        var store = new StateStore(_console, layout);
        var walk = Record(layout, store, store.Load(), KoansFingerprint.Of(layout));
        var verdict = walk.Verdict is Enlightened done ? done with { Journey = _clock.GetUtcNow() - walk.State.FirstWalk } : walk.Verdict;
        var exit = new ReportView(_console, layout).Show(verdict, withHint);
        if (walk.Step is { Frustrated: true } step)
        {
            _view.Frustration(step.State);
        }

        return exit;
    }

    /// <summary>
    /// Walks the whole path, remembers it, and tells the koans passed since the walk before. The verdict is
    /// left to the caller: <c>hint</c> and <c>list</c> walk quietly and show their own answer instead.
    /// </summary>
    /// <param name="layout">The repository.</param>
    /// <param name="store">Where the state is kept.</param>
    /// <param name="previous">The state before this walk, if any.</param>
    /// <param name="fingerprint">The koan files' <see cref="KoansFingerprint"/>, taken before the build.</param>
    private Recorded Record(RepoLayout layout, StateStore store, WalkState? previous, string fingerprint)
    {
        var meditation = _meditate(layout, null);
        var verdict = meditation.Read(Verdicts.From);
        var now = _clock.GetUtcNow();
        var step = meditation.Run is { } run ? Walks.Next(previous, run, verdict, now, fingerprint) : null;
        var state = step?.State ?? previous ?? WalkState.Begin(now);

        // A walk that found no koan files to build is not a walk yet: it is not remembered as the first.
        if (step is not null || (previous is null && verdict is not LayoutBroken))
        {
            store.Save(state);
        }

        if (step is { NewlyPassed.Count: > 0 })
        {
            _view.Passes(PassNotes.For(step.NewlyPassed, layout, _originals(layout)), step.NewlyPassed.Count);
        }

        return new Recorded(verdict, step, state);
    }

    private int RunKoan(RepoLayout layout, string name, bool withHint)
    {
        var view = new ReportView(_console, layout);
        if (PathCheck.FirstProblem(layout) is { } problem)
        {
            return view.Show(new LayoutBroken(problem), withHint);
        }

        var catalog = KoanCatalog.Read(layout.Koans);
        if (catalog.Find(name) is not { } match)
        {
            _view.Unknown(name, catalog.NearestTo(name));
            return ExitCodes.Usage;
        }

        var passedBefore = new StateStore(_console, layout).Load()?.Passed ?? [];
        var verdict = _meditate(layout, match.Name).Read(run => Verdicts.From(run, match.Name, passedBefore));
        return view.Show(verdict, withHint);
    }

    /// <summary>A walk as it was remembered: its verdict, the step it took (null when it did not reach the koans) and the state after it.</summary>
    private sealed record Recorded(Verdict Verdict, WalkStep? Step, WalkState State);
}
