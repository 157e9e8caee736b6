using ThreadingKoans.Runner;

namespace ThreadingKoans.Tests;

/// <summary>Runs of the koan host on the Koans and Solutions our test project built, shared by the proof tests.</summary>
internal static class KoanRuns
{
    private static readonly Lazy<HostRun> UnsolvedRun = new(() => Host(Layout.KoansBuild).Run(only: null, ungated: true));
    private static readonly Lazy<(HostRun Run, TimeSpan Took)> SolvedRun = new(() =>
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = Host(Layout.SolutionsBuild).Run(only: null, ungated: true);
        return (run, clock.Elapsed);
    });

    public static RepoLayout Layout => new(RepoPaths.Root);

    /// <summary>Every koan of Koans, run ungated: each one's own result.</summary>
    public static HostRun Unsolved => UnsolvedRun.Value;

    /// <summary>Every koan of Solutions, run ungated.</summary>
    public static HostRun Solved => SolvedRun.Value.Run;

    /// <summary>How long the whole Solutions run took, from starting the host to its exit.</summary>
    public static TimeSpan SolvedTook => SolvedRun.Value.Took;

    public static KoanHost Host(ProjectOutput build) => new(build, HostLimits.Default);
}
