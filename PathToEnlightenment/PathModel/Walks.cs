namespace ThreadingKoans.PathModel;

/// <summary>What one walk changed: the state to remember, and the news to tell the learner.</summary>
/// <param name="State">The state after the walk.</param>
/// <param name="NewlyPassed">The koans that passed in this walk but not in the one before it, in path order.</param>
/// <param name="Frustrated">
/// True when the walk ended, once more, on the same koan and line without a koan passing, for the
/// <see cref="Walks.FrustrationAfter"/>th time in a row or more.
/// </param>
internal sealed record WalkStep(WalkState State, IReadOnlyList<KoanInfo> NewlyPassed, bool Frustrated);

/// <summary>
/// How a walk changes the learner's <see cref="WalkState"/>. Pure: it only reads the host's run and the
/// verdict made of it, so that every rule here is tested without building anything.
/// </summary>
internal static class Walks
{
    /// <summary>How many walks in a row without progress on one koan make the runner sense frustration.</summary>
    public const int FrustrationAfter = 5;

    /// <summary>
    /// The step a walk took, or null when its verdict is not about a koan (a broken layout, a compile error,
    /// a host that died): such a walk says nothing about progress and leaves the state as it was.
    /// </summary>
    /// <param name="previous">The state before the walk, or null for a learner without one.</param>
    /// <param name="run">The host's run of the whole path.</param>
    /// <param name="verdict">The verdict made of <paramref name="run"/>.</param>
    /// <param name="now">When the walk ran.</param>
    /// <param name="files">The learner's files the walk built (<see cref="LearnerFiles.Of"/>).</param>
    public static WalkStep? Next(WalkState? previous, HostRun run, Verdict verdict, DateTimeOffset now, IReadOnlyList<LearnerFile> files)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(verdict);
        if (!ReachedTheKoans(verdict, out var current))
        {
            return null;
        }

        var passed = run.Path.Where(run.Passed).ToList();
        var before = previous?.PassedKoans();
        List<KoanInfo> newlyPassed = before is null ? [] : [.. passed.Where(koan => !before.Contains(koan.FullName))];
        var sameKoan = previous?.Current is { } was && current is not null && was.Name == current.Name;
        var stuck = previous is not null && sameKoan && newlyPassed.Count == 0 && previous.Current!.Place == current!.Place
            ? previous.StuckWalks + 1
            : 0;
        var state = new WalkState(
            previous?.FirstWalk ?? now,
            run.Path.Select(koan => koan.FullName).ToList(),
            passed.Select(koan => koan.FullName).ToList(),
            current,
            stuck,
            sameKoan ? previous!.HintsShown : 0,
            WithKoans(files, run.Path));
        return new WalkStep(state, newlyPassed, stuck >= FrustrationAfter);
    }

    /// <summary>
    /// True when <paramref name="verdict"/> is about the koans themselves: a koan to meditate on (given in
    /// <paramref name="current"/>) or the whole path passing, or seeming to (<paramref name="current"/> null).
    /// </summary>
    private static bool ReachedTheKoans(Verdict verdict, out CurrentKoan? current)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        current = verdict switch
        {
            KoanFailing failing => At(failing.Koan, failing.Place),
            KoanHanging hanging => At(hanging.Koan, null),
            KoanCrashed { Koan: { } koan } crashed => At(koan, crashed.Place),
            _ => null,
        };
        return current is not null || verdict is Enlightened or AllSeemToPass;
    }

    /// <summary>The files with the koans each holds, as the run found them.</summary>
    private static List<LearnerFile> WithKoans(IReadOnlyList<LearnerFile> files, IReadOnlyList<KoanInfo> path)
    {
        ArgumentNullException.ThrowIfNull(files);
        var byFile = path.ToLookup(koan => SourcePlace.ShortPath(koan.File), koan => koan.FullName, StringComparer.Ordinal);
        return [.. files.Select(file => file with { Koans = [.. byFile[file.Path]] })];
    }

    private static CurrentKoan At(KoanInfo koan, string? place) =>
        new(koan.FullName, place ?? $"{SourcePlace.ShortPath(koan.File)}:{koan.Line}", koan.Hint, koan.DeeperHint);
}
