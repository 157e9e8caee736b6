
namespace ThreadingKoans.Engine.Report;

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

/// <summary>What one run of the runner found: the next thing for the learner to do.</summary>
internal abstract record Verdict;

/// <summary>The repository is not as the runner needs it (a folder or a topic file is missing).</summary>
internal sealed record LayoutBroken(string Sentence) : Verdict;

/// <summary>The koans do not compile.</summary>
internal sealed record CompileFailed(IReadOnlyList<CompileError> Errors, string Log) : Verdict;

/// <summary>The next koan fails.</summary>
/// <remarks>The progress is null where it cannot be told (a run of some koans without a progress record).</remarks>
internal sealed record KoanFailing(KoanInfo Koan, string Message, string Place, string? Output, Progress? Progress) : Verdict;

/// <summary>The next koan never finished; the host was killed.</summary>
internal sealed record KoanHanging(KoanInfo Koan, Progress? Progress) : Verdict;

/// <summary>An exception escaped a thread and ended the process that ran the koans.</summary>
internal sealed record KoanCrashed(KoanInfo? Koan, string Exception, string Message, string? Place, string StackTrace, Progress? Progress) : Verdict;

/// <summary>The host ended without a report the runner understands.</summary>
internal sealed record HostFailed(string Errors) : Verdict;

/// <summary>Every koan passes.</summary>
/// <param name="Koans">Koans on the whole path.</param>
/// <param name="Topics">Topics on the whole path.</param>
/// <param name="Journey">How long ago the learner first walked the path, when the runner remembers it.</param>
internal sealed record Enlightened(int Koans, int Topics, TimeSpan? Journey = null) : Verdict;

/// <summary>Every koan that <c>--koan</c> asked for passes.</summary>
/// <param name="Name">What was asked for: <c>Topic</c> or <c>Topic.Koan</c>.</param>
/// <param name="Koans">How many koans that is.</param>
internal sealed record SelectionPassed(string Name, int Koans) : Verdict;

/// <summary>Reads a host run as a verdict.</summary>
internal static class Verdicts
{
    /// <summary>
    /// Reads a host run as a verdict: the next koan is the first of those asked for that did not pass. A
    /// koan that did not run counts only as the run has it (see <see cref="HostRun.Counting"/>).
    /// </summary>
    /// <param name="run">The host's run.</param>
    /// <param name="only">The koan (<c>Topic.Koan</c>) or topic that was asked for; null for the whole path.</param>
    public static Verdict From(HostRun run, string? only = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var asked = only is null ? run.Path : run.Path.Where(koan => koan.FullName == only || koan.Topic == only).ToList();
        var next = asked.FirstOrDefault(koan => !run.Passed(koan));
        var progress = next is null ? null : ProgressAt(run, next);
        if (run.Crash is { } crash)
        {
            var koan = crash.Id is null ? null : run.Path.FirstOrDefault(info => info.Id == crash.Id);
            return new KoanCrashed(koan, crash.Exception, crash.Message, crash.Place, crash.StackTrace, koan is null ? progress : ProgressAt(run, koan));
        }

        if (run.Hung is { } hung)
        {
            return new KoanHanging(hung, ProgressAt(run, hung));
        }

        if (run.Path.Count == 0 || !run.Completed)
        {
            return new HostFailed(run.Errors);
        }

        if (only is not null && asked.Count == 0)
        {
            return new LayoutBroken($"The koans that were built have no koan or topic named {only}.");
        }

        if (next is null)
        {
            return only is null
                ? new Enlightened(run.Path.Count, run.Path.Select(koan => koan.Topic).Distinct().Count())
                : new SelectionPassed(only, asked.Count);
        }

        var result = run.Results.GetValueOrDefault(next.Id);
        return new KoanFailing(
            next,
            result?.Message ?? "This koan did not run.",
            result?.Place ?? $"{Engine.SourcePlace.ShortPath(next.File)}:{next.Line}",
            result?.Output,
            progress!);
    }

    private static Progress ProgressAt(HostRun run, KoanInfo koan) => Progress.Of(run.Path, koan, run.Passed);
}
