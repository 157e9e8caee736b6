namespace ThreadingKoans.PathModel;

/// <summary>
/// What the runner remembers between two calls, in <c>.koans-state.json</c> at the repository's root
/// (see <see cref="StateStore"/>). Nothing in it is needed to walk the path: without it the runner only
/// forgets when the learner began, which hints were shown and which passes were already announced.
/// </summary>
/// <param name="FirstWalk">When the learner first walked the path.</param>
/// <param name="Path">Every koan of the path as the last walk found it (<c>Topic.Koan</c>, in path order).</param>
/// <param name="Passed">The koans that passed in the last walk that reached the koans.</param>
/// <param name="Current">The koan that walk stopped at; null when the whole path passed.</param>
/// <param name="StuckWalks">
/// How many walks in a row, after the one that arrived at <paramref name="Current"/>, ended at the same koan
/// and the same failing line without a koan passing.
/// </param>
/// <param name="HintsShown">How many of <paramref name="Current"/>'s hints <c>hint</c> has shown (0 or 1).</param>
/// <param name="Files">
/// The learner's files when that walk ran, each with its digest and its koans (see <see cref="LearnerFiles"/>):
/// while they are unchanged, <paramref name="Current"/> is still the koan to meditate on, and a koan that
/// passed keeps its pass while its files are unchanged. Null in a record written before files were kept.
/// </param>
internal sealed record WalkState(
    DateTimeOffset FirstWalk,
    IReadOnlyList<string> Path,
    IReadOnlyList<string> Passed,
    CurrentKoan? Current,
    int StuckWalks,
    int HintsShown,
    IReadOnlyList<LearnerFile>? Files)
{
    /// <summary>The state of a learner whose first walk is now and who has seen no koan yet.</summary>
    public static WalkState Begin(DateTimeOffset now) => new(now, [], [], null, 0, 0, null);

    /// <summary>The koans (<c>Topic.Koan</c>) that passed in the last walk: the record's one answer to "has this koan passed".</summary>
    public IReadOnlySet<string> PassedKoans() => Passed.ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether the learner's files are what the last walk saw (<paramref name="now"/>, from <see cref="LearnerFiles.Of"/>).</summary>
    public bool SawFiles(IReadOnlyList<LearnerFile> now)
    {
        ArgumentNullException.ThrowIfNull(now);
        return Files is { } seen && seen.Select(file => (file.Path, file.Digest)).SequenceEqual(now.Select(file => (file.Path, file.Digest)));
    }
}

/// <summary>The koan a walk stopped at, with what <c>hint</c> needs to show without walking again.</summary>
/// <param name="Name"><c>Topic.Koan</c>.</param>
/// <param name="Place">Where it fails, as the walk showed it: <c>Koans/06_AboutThreads.cs:19</c>.</param>
/// <param name="Hint">Its first hint.</param>
/// <param name="DeeperHint">Its second, more concrete hint, if it has one.</param>
internal sealed record CurrentKoan(string Name, string Place, string Hint, string? DeeperHint)
{
    /// <summary>How many hints <c>hint</c> has for the koan: its first hint is the question every report shows.</summary>
    public int HintCount => DeeperHint is null ? 0 : 1;

    /// <summary>The koan's topic: the part of <see cref="Name"/> before the dot.</summary>
    public string Topic => Name.Split('.')[0];
}
