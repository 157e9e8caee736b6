
namespace ThreadingKoans.Tests;

/// <summary>Runs of the koan host on the Koans and Solutions our test project built, shared by the proof tests.</summary>
internal static class KoanRuns
{
    // Unsolved koans mostly wait out their bounded waits, so two hosts side by side take half the time.
    private static readonly Lazy<HostRun> UnsolvedRun = new(() => SideBySide(Layout.KoansBuild, Solved.Path));
    private static readonly Lazy<(HostRun Run, TimeSpan Took)> SolvedRun = new(() =>
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var host = Host(Layout.SolutionsBuild);
        var run = host.Run(only: null, runAll: true);
        return (run, clock.Elapsed);
    });

    public static RepoLayout Layout => new(RepoPaths.Root);

    /// <summary>Every koan of Koans, run every one: each one's own result.</summary>
    public static HostRun Unsolved => UnsolvedRun.Value;

    /// <summary>Every koan of Solutions, run every one.</summary>
    public static HostRun Solved => SolvedRun.Value.Run;

    /// <summary>How long the whole Solutions run took, from starting the host to its exit.</summary>
    public static TimeSpan SolvedTook => SolvedRun.Value.Took;

    /// <summary>A koan host for <paramref name="build"/>; the caller disposes it, which ends its process.</summary>
    public static KoanHost Host(ProjectOutput build) => new(build, HostLimits.Default);

    /// <summary>
    /// Runs the first half of the path's topics and the second half in two hosts at once, every koan run, as one
    /// run (<paramref name="repeat"/> rounds each; the rounds of both are listed, the first host's first).
    /// </summary>
    public static HostRun SideBySide(ProjectOutput build, IReadOnlyList<ThreadingKoans.Engine.KoanInfo> path, int repeat = 1)
    {
        var topics = path.Select(koan => koan.Topic).Distinct().ToList();
        var halves = new[] { topics.Take(topics.Count / 2), topics.Skip(topics.Count / 2) }
            .Select(half => Task.Factory.StartNew(
                () =>
                {
                    using var host = Host(build);
                    return host.Run(string.Join(',', half), runAll: true, repeat: repeat);
                },
                TaskCreationOptions.LongRunning))
            .ToArray();
        Task.WaitAll(halves);
        var (first, second) = (halves[0].Result, halves[1].Result);
        var results = first.Results.Concat(second.Results).ToDictionary(pair => pair.Key, pair => pair.Value);
        return new HostRun(
            first.Path.Count > 0 ? first.Path : second.Path,
            results,
            first.Crash ?? second.Crash,
            first.Hung ?? second.Hung,
            first.Completed && second.Completed,
            first.Errors + second.Errors,
            [.. first.StrayOutput, .. second.StrayOutput],
            [.. first.Rounds, .. second.Rounds]);
    }
}
