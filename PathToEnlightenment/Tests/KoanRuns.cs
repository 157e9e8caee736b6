using ThreadingKoans.Runner;

namespace ThreadingKoans.Tests;

/// <summary>Runs of the koan host on the Koans and Solutions our test project built, shared by the proof tests.</summary>
internal static class KoanRuns
{
    private static readonly Lazy<HostRun> UnsolvedRun = new(() => Host(Layout.KoansBuild).Run(only: null, ungated: true));
    private static readonly Lazy<HostRun> SolvedRun = new(() => Host(Layout.SolutionsBuild).Run(only: null, ungated: true));

    public static RepoLayout Layout => new(RepoPaths.Root);

    /// <summary>Every koan of Koans, run ungated: each one's own result.</summary>
    public static HostRun Unsolved => UnsolvedRun.Value;

    /// <summary>Every koan of Solutions, run ungated.</summary>
    public static HostRun Solved => SolvedRun.Value;

    public static KoanHost Host(ProjectOutput build) => new(build, HostLimits.Default);
}
