namespace ThreadingKoans.PathModel;

/// <summary>
/// What the koans' own process asks of the path model, by name (<c>KoanRun</c> in the koan library: the koans do not
/// compile against the path model, which the build puts beside them). Under <c>dotnet test</c>, which koans may be
/// taken as still passing; in an IDE's Test Explorer, where no report is drawn, the lines a failing koan's message
/// ends with. Both read the learner's files and progress record; the blanks are found with Roslyn.
/// </summary>
internal static class TestHostCalls
{
    /// <summary>
    /// The koans (<c>Topic.Koan</c>) of the repository around <paramref name="koanFile"/> that a run of the whole path
    /// may take as still passing (<see cref="LearnerFiles.StillPassing"/>), while the record says the learner is on a
    /// koan that failed. Once the record has no failing koan, nothing is taken: a run that would say every koan passes
    /// runs every one.
    /// </summary>
    public static IReadOnlySet<string> StillPassing(string koanFile)
    {
        var layout = Layout(koanFile);
        var record = layout is null ? null : new StateStore(console: null, layout).Load();
        return layout is null || record?.Current is null
            ? new HashSet<string>()
            : LearnerFiles.StillPassing(record, LearnerFiles.Of(layout), layout);
    }

    /// <summary>
    /// The lines a failing koan's message ends with where only the message is shown: where to meditate (a blank still
    /// left first), the koan's question, and the progress (this run's results, else the record's).
    /// </summary>
    /// <param name="koan">The koan that failed.</param>
    /// <param name="path">The whole path.</param>
    /// <param name="results">How each koan of this run that ran so far ended (<c>Topic.Koan</c> to passed).</param>
    /// <param name="place">Where it failed as it ran, if known.</param>
    /// <param name="why">Why it failed: where the threads are the story, the message says how to see them.</param>
    public static string Essentials(KoanInfo koan, IReadOnlyList<KoanInfo> path, IReadOnlyDictionary<string, bool> results, string? place, FailureKind? why)
    {
        ArgumentNullException.ThrowIfNull(koan);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(results);
        var layout = Layout(koan.File);
        var blanks = layout is null ? new BlankPlaces(null, []) : BlankPlaces.For(koan, layout);
        var progress = layout is null
            ? null
            : Progress.AtFailing(
                [.. path.Select(info => info.FullName)],
                koan,
                name => results.TryGetValue(name, out var passed) ? passed : null,
                () => new StateStore(console: null, layout).Load()?.PassedKoans());
        var timeline = !blanks.ValueBlankLeft && why is FailureKind.Wait or FailureKind.Escape or FailureKind.CodeBlank or FailureKind.Hang;
        return PathModel.Essentials.For(blanks.First ?? place ?? $"{SourcePlace.ShortPath(koan.File)}:{koan.Line}", blanks, koan.Hint, progress, timeline);
    }

    private static RepoLayout? Layout(string koanFile) =>
        Path.GetDirectoryName(koanFile) is { } folder ? RepoLayout.Find(folder, folder) : null;
}
