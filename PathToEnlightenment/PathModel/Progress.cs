namespace ThreadingKoans.PathModel;

/// <summary>How far along the path the learner is.</summary>
/// <param name="Passed">Koans passed on the whole path.</param>
/// <param name="Total">Koans on the whole path.</param>
/// <param name="Topic">The topic of the koan to meditate on next.</param>
/// <param name="TopicNumber">That topic's number.</param>
/// <param name="TopicPassed">Koans passed in that topic.</param>
/// <param name="TopicTotal">Koans in that topic.</param>
/// <param name="Topics">Topics on the whole path.</param>
internal sealed record Progress(int Passed, int Total, string Topic, int TopicNumber, int TopicPassed, int TopicTotal, int Topics)
{
    /// <summary>How many of the passed koans were taken as still passing in this run, without running.</summary>
    public int Taken { get; init; }

    /// <summary>The progress of a learner at <paramref name="koan"/> on <paramref name="path"/>, counting the koans <paramref name="passed"/> says passed.</summary>
    public static Progress Of(IReadOnlyList<KoanInfo> path, KoanInfo koan, Func<KoanInfo, bool> passed)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(passed);
        var byName = path.ToDictionary(info => info.FullName, StringComparer.Ordinal);
        return Of([.. path.Select(info => info.FullName)], koan, name => passed(byName[name]));
    }

    /// <summary>
    /// The progress of a learner at <paramref name="koan"/> on a path given by its koans' names
    /// (<c>Topic.Koan</c>, in path order), counting the koans <paramref name="passed"/> says passed.
    /// </summary>
    public static Progress Of(IReadOnlyList<string> path, KoanInfo koan, Func<string, bool> passed)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(koan);
        var topic = path.Where(name => TopicOf(name) == koan.Topic).ToList();
        return new Progress(
            path.Count(passed),
            path.Count,
            koan.Topic,
            koan.TopicNumber,
            topic.Count(passed),
            topic.Count,
            path.Select(TopicOf).Distinct().Count());
    }

    /// <summary>
    /// The progress of a learner whose run failed at <paramref name="koan"/>: a koan before it counts as
    /// passed when it passed in this run (<paramref name="thisRun"/>; null for a koan that did not run) or,
    /// not having run, in the progress record (<paramref name="recorded"/>, read only when needed). Null
    /// when a koan before it did not run and there is no record: progress left out rather than guessed.
    /// </summary>
    public static Progress? AtFailing(IReadOnlyList<string> path, KoanInfo koan, Func<string, bool?> thisRun, Func<IReadOnlySet<string>?> recorded)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(koan);
        ArgumentNullException.ThrowIfNull(thisRun);
        ArgumentNullException.ThrowIfNull(recorded);
        var earlier = path.TakeWhile(name => name != koan.FullName).ToHashSet(StringComparer.Ordinal);
        IReadOnlySet<string>? record = null;
        if (earlier.Any(name => thisRun(name) is null) && (record = recorded()) is null)
        {
            return null;
        }

        return Of(path, koan, name => earlier.Contains(name) && (thisRun(name) ?? record!.Contains(name)));
    }

    private static string TopicOf(string koan) => koan.Split('.')[0];
}
