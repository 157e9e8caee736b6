using Spectre.Console;

namespace ThreadingKoans.Runner.Session;

/// <summary>
/// The runner's one application state on one repository, and its one run function. Every command that
/// needs the path goes through <see cref="Walk"/>, which builds and runs the koans (<see cref="Meditate"/>),
/// reads the verdict, records the walk in the learner's <see cref="WalkState"/> (loaded once, saved after
/// every walk; the same record <c>dotnet test</c>'s report keeps) and tells the passes since the last one.
/// A walk, <c>--koan</c>, <c>hint</c>, <c>list</c> and <c>reset</c> are thin uses of it; watch mode calls
/// <see cref="Walk"/> again after every save on the same session.
/// </summary>
internal sealed class KoanSession
{
    private readonly IAnsiConsole _console;
    private readonly RepoLayout _layout;
    private readonly Meditate _meditate;
    private readonly FindOriginal _originals;
    private readonly Func<RepoLayout, CompileFailed?> _buildReference;
    private readonly TimeProvider _clock;
    private readonly NavigationView _view;
    private readonly StateStore _store;
    private WalkState? _state;

    /// <summary>
    /// A session with its outside world given: how koans are built and run, where originals come from, the time, and
    /// how the reference pools of <c>Solutions/</c> are built (by default they cannot be: a session for the path alone).
    /// </summary>
    public KoanSession(IAnsiConsole console, RepoLayout layout, Meditate meditate, FindOriginal originals, TimeProvider clock, Func<RepoLayout, CompileFailed?>? buildReference = null)
    {
        _console = console;
        _layout = layout;
        _meditate = meditate;
        _originals = originals;
        _buildReference = buildReference ?? (_ => throw new InvalidOperationException("This session cannot build the reference pools."));
        _clock = clock;
        _view = new NavigationView(console);
        _store = new StateStore(console, layout);
        _state = _store.Load();
    }

    /// <summary>The session as the learner runs it: <paramref name="runner"/> builds and runs the koans, originals come with the repository, the system's clock.</summary>
    public static KoanSession With(IAnsiConsole console, RepoLayout layout, KoanRunner runner)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(runner);
        return new KoanSession(console, layout, runner.Run, new OriginalKoans(layout.Root).Find, TimeProvider.System, runner.BuildReference);
    }

    /// <summary>A walk along the path: the next koan to meditate on, or enlightenment.</summary>
    public int Walk()
    {
        var walk = Record();
        var verdict = walk.Verdict is Enlightened done ? done with { Journey = _clock.GetUtcNow() - walk.State.FirstWalk } : walk.Verdict;
        var exit = new ReportView(_console, _layout).Show(verdict);
        if (walk.Step is { Frustrated: true } step)
        {
            _view.Frustration(step.State);
        }

        return exit;
    }

    /// <summary><c>--koan</c>: that koan or topic alone, every koan of it, shown as a walk shows the next koan.</summary>
    public int Koan(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var catalog = KoanCatalog.Read(_layout.Koans);
        if (catalog.Find(name) is not { } match)
        {
            if (PathCheck.FirstProblem(_layout) is { } problem)
            {
                return new ReportView(_console, _layout).Show(new LayoutBroken(problem));
            }

            _view.Unknown(name, catalog.NearestTo(name));
            return ExitCodes.Usage;
        }

        var passedBefore = _state?.PassedKoans() ?? new HashSet<string>();
        var verdict = _meditate(_layout, KoanSelection.Alone(match.Name)).Read(run => Verdicts.From(run.Counting(passedBefore), _layout, match.Name));
        return new ReportView(_console, _layout).Show(verdict);
    }

    /// <summary>
    /// <c>timeline [Topic.Koan]</c>: runs the koan the learner is on (after a walk, when the record has none), or the koan
    /// named, once more, alone, and draws what its threads did. Never while the koan fails at a value blank of its own,
    /// or at a wrong answer: the steps could show what the blank asks for.
    /// </summary>
    public int Timeline(string? name)
    {
        if (name is null && (_state is not { Path.Count: > 0 } || !_state.SawFiles(LearnerFiles.Of(_layout))))
        {
            var walk = Record();
            if (walk.Step is null)
            {
                return new ReportView(_console, _layout).Show(walk.Verdict);
            }
        }

        var wanted = name ?? _state?.Current?.Name;
        if (wanted is null)
        {
            _view.Say("Every koan passes: name the one whose threads to draw, as in [bold]timeline AboutRacesAndLocks.WhenBothThreadsReadBeforeEitherWritesAnUpdateIsLost[/].");
            return ExitCodes.Usage;
        }

        var catalog = KoanCatalog.Read(_layout.Koans);
        if (catalog.Find(wanted) is not { } match || !match.Name.Contains('.', StringComparison.Ordinal))
        {
            _view.Unknown(wanted, catalog.NearestTo(wanted));
            return ExitCodes.Usage;
        }

        var meditation = _meditate(_layout, KoanSelection.Alone(match.Name) with { Timelines = true });
        if (meditation.Run is not { } run || run.Path.FirstOrDefault(koan => koan.FullName == match.Name) is not { } koan
            || run.Results.GetValueOrDefault(koan.Id) is not { } result)
        {
            return new ReportView(_console, _layout).Show(meditation.Read(failed => Verdicts.From(failed, _layout)));
        }

        var passed = result.Outcome == ThreadingKoans.Engine.KoanOutcome.Passed;
        var exit = passed ? ExitCodes.Done : ExitCodes.KoansLeft;
        if (result.Steps is not { Count: > 0 })
        {
            _view.NoSteps(koan.FullName, passed);
            return exit;
        }

        if (KoanTimeline.Offered(result, BlankPlaces.For(koan, _layout)) is not { } timeline)
        {
            _view.NoTimeline(koan.FullName);
            return exit;
        }

        _view.TimelineOf(koan.FullName, passed);
        new TimelineView(_console).Whole(timeline);
        return exit;
    }

    /// <summary>
    /// <c>hint</c>: the current koan's next hint (the first, then the more concrete one, then word that there
    /// are no more). The current koan is the last walk's while the learner's files are what that walk saw;
    /// otherwise the path is walked again first, quietly, so that the hint is always for the koan the
    /// learner is on.
    /// </summary>
    public int Hint()
    {
        if (_state is not { Path.Count: > 0 } state || !state.SawFiles(LearnerFiles.Of(_layout)))
        {
            var walk = Record();
            if (walk.Step is null)
            {
                return new ReportView(_console, _layout).Show(walk.Verdict);
            }

            state = walk.Step.State;
        }

        if (state.Current is not { } koan)
        {
            _view.Say("Every koan passes: there is nothing left to hint at.");
            return ExitCodes.Enlightened;
        }

        _view.Hint(koan, state.HintsShown);
        Remember(state with { HintsShown = Math.Min(state.HintsShown + 1, koan.HintCount) });
        return ExitCodes.KoansLeft;
    }

    /// <summary><c>list</c>: every topic with its koans done, from the last walk; without one, the path is walked first, quietly.</summary>
    public int List()
    {
        ListBasis basis;
        if (_state is not { Path.Count: > 0 } state)
        {
            var walk = Record();
            if (walk.Step is null)
            {
                return new ReportView(_console, _layout).Show(walk.Verdict);
            }

            state = walk.Step.State;
            basis = ListBasis.ThisWalk;
        }
        else
        {
            basis = state.SawFiles(LearnerFiles.Of(_layout)) ? ListBasis.LastWalk : ListBasis.LastWalkChangedSince;
        }

        _view.List(state, basis);
        return state.Current is null ? ExitCodes.Enlightened : ExitCodes.KoansLeft;
    }

    /// <summary>
    /// The one readiness check of the commands that run a pool (<c>demo</c>, <c>crawl</c>): the built koans whose pool they
    /// run, or null once the learner has been told why there is none. The learner's pool is ready once the koans of
    /// <see cref="PoolUse.Topics"/> pass (built and run as a walk builds and runs them, and shown as a walk shows what
    /// stopped it); with <paramref name="reference"/>, the reference pools of <c>Solutions/</c>, built first.
    /// </summary>
    public ProjectOutput? PoolFor(PoolUse use, bool reference)
    {
        ArgumentNullException.ThrowIfNull(use);
        if (reference)
        {
            if (!File.Exists(_layout.SolutionsProject))
            {
                _view.NoReferencePools(_layout.Relative(_layout.SolutionsProject));
                return null;
            }

            if (_buildReference(_layout) is { } failed)
            {
                _view.ReferencePoolsDoNotBuild(failed);
                return null;
            }

            return _layout.SolutionsBuild;
        }

        var meditation = _meditate(_layout, KoanSelection.Alone(string.Join(',', use.Topics)));
        if (meditation.Run is not { Path.Count: > 0 } run)
        {
            // The koans do not build, or did not run: shown as a walk shows it.
            new ReportView(_console, _layout).Show(meditation.Read(failed => Verdicts.From(failed, _layout)));
            return null;
        }

        if (run.Path.Where(koan => use.Topics.Contains(koan.Topic)).FirstOrDefault(koan => !run.Passed(koan)) is { } unfinished)
        {
            _view.PoolNotReady(use, unfinished.FullName, $"{_layout.Relative(unfinished.File)}:{unfinished.Line}");
            return null;
        }

        return _layout.KoansBuild;
    }

    /// <summary><c>reset Topic.Koan</c>: that koan's original text back; see <see cref="KoanReset"/>.</summary>
    public int Reset(string koan) => new KoanReset(_view, _layout, _originals).Run(koan);

    /// <summary>
    /// Walks the whole path, remembers it, and tells the koans passed since the walk before. The verdict is
    /// left to the caller: <c>hint</c> and <c>list</c> walk quietly and show their own answer instead. Koans
    /// that passed and whose files did not change since are not run again (see <see cref="LearnerFiles.StillPassing"/>).
    /// </summary>
    private Recorded Record()
    {
        var previous = _state;
        var files = LearnerFiles.Of(_layout);
        var meditation = _meditate(_layout, KoanSelection.Path(LearnerFiles.StillPassing(previous, files, _layout)));
        var verdict = meditation.Read(run => Verdicts.From(run, _layout));
        var now = _clock.GetUtcNow();
        var step = meditation.Run is { } run ? Walks.Next(previous, run, verdict, now, files) : null;
        var state = step?.State ?? previous ?? WalkState.Begin(now);

        // A walk that found no koan files to build is not a walk yet: it is not remembered as the first.
        if (step is not null || (previous is null && verdict is not LayoutBroken))
        {
            Remember(state);
        }

        if (step is { NewlyPassed.Count: > 0 })
        {
            _view.Passes(PassNotes.For(step.NewlyPassed, _layout, _originals), step.NewlyPassed.Count);
        }

        return new Recorded(verdict, step, state);
    }

    private void Remember(WalkState state)
    {
        _state = state;
        _store.Save(state);
    }

    /// <summary>A walk as it was remembered: its verdict, the step it took (null when it did not reach the koans) and the state after it.</summary>
    private sealed record Recorded(Verdict Verdict, WalkStep? Step, WalkState State);
}
