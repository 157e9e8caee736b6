namespace ThreadingKoans.PathModel;

/// <summary>What one run of the runner found: the next thing for the learner to do.</summary>
internal abstract record Verdict;

/// <summary>The repository is not as the runner needs it (a folder or a topic file is missing).</summary>
internal sealed record LayoutBroken(string Sentence) : Verdict;

/// <summary>The koans do not compile.</summary>
internal sealed record CompileFailed(IReadOnlyList<CompileError> Errors, string Log) : Verdict;

/// <summary>The next koan fails.</summary>
/// <remarks>The progress is null where it cannot be told (a run of some koans without a progress record).</remarks>
internal sealed record KoanFailing(KoanInfo Koan, string Message, string Place, string? Output, Progress? Progress) : Verdict
{
    /// <summary>The blanks still left for the koan, when they were looked for.</summary>
    public BlankPlaces? Blanks { get; init; }

    /// <summary>What the koan's threads did, when the report may show it (see <see cref="KoanTimeline.Offered"/>).</summary>
    public KoanTimeline? Timeline { get; init; }
}

/// <summary>The next koan never finished: it was abandoned at its time limit, or the process running it stopped answering and was killed.</summary>
/// <param name="Koan">The koan.</param>
/// <param name="Progress">The progress, where it can be told.</param>
/// <param name="WaitingFor">What the koan was last seen waiting for, when known.</param>
internal sealed record KoanHanging(KoanInfo Koan, Progress? Progress, string? WaitingFor = null) : Verdict
{
    /// <summary>What the koan's threads did until it was abandoned, when the report may show it.</summary>
    public KoanTimeline? Timeline { get; init; }
}

/// <summary>An exception escaped a thread and ended the process that ran the koans.</summary>
internal sealed record KoanCrashed(KoanInfo? Koan, string Exception, string Message, string? Place, string StackTrace, Progress? Progress) : Verdict;

/// <summary>The host ended without a report the runner understands.</summary>
internal sealed record HostFailed(string Errors) : Verdict;

/// <summary>
/// Every koan passes as far as this run can tell, but some were taken as still passing without running
/// (<c>dotnet test</c>): the next run runs every one.
/// </summary>
/// <param name="Koans">Koans on the whole path.</param>
/// <param name="Taken">Koans taken as still passing.</param>
internal sealed record AllSeemToPass(int Koans, int Taken) : Verdict;

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
    /// <param name="layout">The repository, where the blanks still left are looked for.</param>
    /// <param name="only">The koan (<c>Topic.Koan</c>) or topic that was asked for; null for the whole path.</param>
    public static Verdict From(HostRun run, RepoLayout layout, string? only = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(layout);
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
            return only is not null ? new SelectionPassed(only, asked.Count)
                : run.Taken > 0 ? new AllSeemToPass(run.Path.Count, run.Taken)
                : new Enlightened(run.Path.Count, run.Path.Select(koan => koan.Topic).Distinct().Count());
        }

        var result = run.Results.GetValueOrDefault(next.Id);
        var blanks = BlankPlaces.For(next, layout);
        var timeline = result is null ? null : KoanTimeline.Offered(result, blanks);
        if (result is { Abandoned: true })
        {
            return new KoanHanging(next, progress, result.WaitingFor) { Timeline = timeline };
        }

        return new KoanFailing(
            next,
            result?.Message ?? "This koan did not run.",
            blanks.First ?? result?.Place ?? $"{SourcePlace.ShortPath(next.File)}:{next.Line}",
            result?.Output,
            progress!)
        {
            Blanks = blanks,
            Timeline = timeline,
        };
    }

    private static Progress ProgressAt(HostRun run, KoanInfo koan) => Progress.Of(run.Path, koan, run.Passed) with { Taken = run.Taken };
}
