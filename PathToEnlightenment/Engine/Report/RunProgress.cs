using System.Collections.Concurrent;

namespace ThreadingKoans.Engine.Report;

/// <summary>
/// How far along the path the learner is, as the process that runs the koans can tell: the koans that ran
/// in this run count with their result; a koan before the failing one that did not run (a run of one koan,
/// or a filtered one) counts as the progress record (<see cref="StateStore"/>) has it. Without a record
/// there is no telling, and the progress is left out rather than guessed.
/// </summary>
internal static class RunProgress
{
    private static readonly ConcurrentDictionary<string, bool> Results = new(StringComparer.Ordinal);

    /// <summary>Notes how a koan of this run ended.</summary>
    public static void Note(KoanInfo koan, bool passed)
    {
        ArgumentNullException.ThrowIfNull(koan);
        Results[koan.FullName] = passed;
    }

    /// <summary>Forgets this run's results (for a host that runs the path more than once).</summary>
    public static void Reset() => Results.Clear();

    /// <summary>The progress of a learner at <paramref name="koan"/>, or null when it cannot be told.</summary>
    public static Progress? At(IReadOnlyList<KoanInfo> path, KoanInfo koan, RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Progress.AtFailing(
            [.. path.Select(info => info.FullName)],
            koan,
            name => Results.TryGetValue(name, out var passed) ? passed : null,
            () => new StateStore(console: null, layout).Load()?.PassedKoans());
    }
}
