using Spectre.Console.Testing;

namespace ThreadingKoans.Tests;

/// <summary>
/// Timelines from real runs of the answered koans, pinned: a lost update, a lost wakeup, a job that throws in the
/// worker loop, a pool that grows past its threshold and an async continuation. They hold no times and name the
/// threads as the koans name them, and the koans order their steps with gates, so each is the same on every run
/// (the repeat runs check that too, many rounds in a row).
/// </summary>
[Category(TestLanes.Process)]
[TestFixture]
[NonParallelizable]
public sealed class TimelineTests
{
    /// <summary>The pinned timelines, by koan: each drawn whole, as plain text 80 columns wide.</summary>
    internal static IReadOnlyDictionary<string, string> Pinned { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AboutRacesAndLocks.WhenBothThreadsReadBeforeEitherWritesAnUpdateIsLost"] = "(to be pinned)",
        ["AboutSignaling.APulseWithNobodyWaitingIsLost"] = "(to be pinned)",
        ["AboutWorkerLoops.AJobThatThrowsDoesNotKillItsWorker"] = "(to be pinned)",
        ["AboutThrottling.YourPoolStartsAWorkerWhenTheQueuePassesTheThreshold"] = "(to be pinned)",
        ["AboutTasks.WithoutRunContinuationsAsynchronouslyTheAwaiterHoldsUpYourWorker"] = "(to be pinned)",
    };

    private static IEnumerable<string> Koans => Pinned.Keys;

    [TestCaseSource(nameof(Koans))]
    public void ARealRunDrawsThePinnedTimeline(string koan)
    {
        using var host = KoanRuns.Host(KoanRuns.Layout.SolutionsBuild);
        var drawn = Drawn(host, koan);
        TestContext.Out.WriteLine(drawn);
        drawn.ShouldBe(Pinned[koan]);
    }

    /// <summary>Runs <paramref name="koan"/> of the answered koans once in <paramref name="host"/> and draws its whole timeline.</summary>
    internal static string Drawn(KoanHost host, string koan)
    {
        var run = host.Run(koan, runAll: true, timelines: true);
        var info = run.Path.Single(candidate => candidate.FullName == koan);
        var result = run.Results.GetValueOrDefault(info.Id).ShouldNotBeNull($"{koan} did not run");
        result.Outcome.ShouldBe(ThreadingKoans.Engine.KoanOutcome.Passed, $"{koan} should pass in Solutions: {result.Message}");
        var steps = result.Steps.ShouldNotBeNull($"{koan} came back without its timeline");
        var console = new TestConsole().Width(80);
        new TimelineView(console).Whole(new KoanTimeline(steps, result.StepsDropped, Why: null));
        return string.Join('\n', console.Output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select(line => line.TrimEnd(' ')));
    }
}
