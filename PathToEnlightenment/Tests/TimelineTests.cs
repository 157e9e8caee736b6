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
        ["AboutRacesAndLocks.WhenBothThreadsReadBeforeEitherWritesAnUpdateIsLost"] = """
            koan ────────────────────────────── waited for A to read the balance ──────────
            A    ─ starts ─ reads balance 100 ─────────────────────────────────────────────
            B    ───────────────────────────────────────────────────────────────── starts ─

            koan ──────────────────────────────────────────────────────────────
            A    ───────────────────── writes balance 150 ─────────────────────
            B    ─ reads balance 100 ────────────────────── writes balance 70 ─

            koan ─ waited for thread 'B' to finish ─ waited for thread 'A' to finish ─
            A    ─────────────────────────────────────────────────────────────────────
            B    ─────────────────────────────────────────────────────────────────────
            """,
        ["AboutSignaling.APulseWithNobodyWaitingIsLost"] = """
            koan     ─ rings the bell: Pulse ×3 ─────────────────────────────
            listener ──────────────────────────── starts ─ waits for a ring ─

            koan     ─ waited for the listener to listen for the bell ─
            listener ──────────────────────────────────────────────────

            koan     ─ rings the bell: Pulse ─────────────────────────────────────────
            listener ───────────────────────── hears a ring ─ quiet: stops listening ─

            koan     ─ waited for thread 'listener' to finish ─
            listener ──────────────────────────────────────────
            """,
        ["AboutWorkerLoops.AJobThatThrowsDoesNotKillItsWorker"] = """
            koan     ─ starts worker-1 ─ submits 4 jobs ──────────────
            worker-1 ──────────────────────────────────── runs a job ─

            koan     ────────────────────────────────────────────────────────────
            worker-1 ─ throws InvalidOperationException ─ job done ─ runs a job ─

            koan     ────────────────────────────────────────────────────────────
            worker-1 ─ job done ─ runs a job ─ throws InvalidOperationException ─

            koan     ──────────────────────────────────── waited for the last job to run ─
            worker-1 ─ job done ─ runs a job ─ job done ──────────────────────────────────

            koan     ─ waited for your pool to count every job, the ones that … ─
            worker-1 ────────────────────────────────────────────────────────────

            koan     ─ stops taking jobs ─
            worker-1 ─────────────────────
            """,
        ["AboutThrottling.YourPoolStartsAWorkerWhenTheQueuePassesTheThreshold"] = """
            koan     ─ starts worker-1 ─ submits job 1 ──────────────
            worker-1 ─────────────────────────────────── runs a job ─
            worker-2 ────────────────────────────────────────────────

            koan     ─ waited for every worker to take one job of its own, and… ─
            worker-1 ────────────────────────────────────────────────────────────
            worker-2 ────────────────────────────────────────────────────────────

            koan     ─ submits job 2 ─ submits job 3 ─ submits job 4 ─ submits job 5 ─
            worker-1 ─────────────────────────────────────────────────────────────────
            worker-2 ─────────────────────────────────────────────────────────────────

            koan     ─ starts worker-2 ─────────────────────────────────────────────────
            worker-1 ───────────────────────────────────────────────────────────────────
            worker-2 ─────────────────── runs a job ─ job done ─ runs a job ─ job done ─

            koan     ─────────────────────────────────────────────────
            worker-1 ─────────────────────────────────────────────────
            worker-2 ─ runs a job ─ job done ─ runs a job ─ job done ─

            koan     ─ waited for worker-2 to catch up ──────────── stops taking jobs ─
            worker-1 ─────────────────────────────────── job done ─────────────────────
            worker-2 ──────────────────────────────────────────────────────────────────
            """,
        ["AboutTasks.WithoutRunContinuationsAsynchronouslyTheAwaiterHoldsUpYourWorker"] = """
            koan     ─ starts worker-1 ────────────────────────────────
            worker-1 ─────────────────── runs a job ─ calls SetResult ─

            koan     ──────────────────────────────────────────────────────────────
            worker-1 ─ goes on after the await ─ job done ─ runs a job ─ job done ─

            koan     ─ waited for the guest to eat ─ stops taking jobs ─
            worker-1 ───────────────────────────────────────────────────
            """,
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
