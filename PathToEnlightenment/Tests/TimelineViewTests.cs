using Spectre.Console.Testing;
using ThreadingKoans.Engine;

namespace ThreadingKoans.Tests;

/// <summary>How a timeline is drawn, pinned: lanes in the order steps happened, folding, what is left out and said so.</summary>
[TestFixture]
public sealed class TimelineViewTests
{
    private static readonly TimelineStep[] LostUpdate =
    [
        new("koan", "starts A and B", StepMark.Step),
        new("A", "reads balance 100"),
        new("B", "reads balance 100"),
        new("A", "writes balance 150"),
        new("B", "writes balance 70"),
        new("koan", "gives up: the balance to be 120", StepMark.Failure),
    ];

    [Test]
    public void EachThreadHasALaneAndEachStepAColumnOfItsOwnInTheOrderTheyHappened()
    {
        var output = Whole(new KoanTimeline(LostUpdate, 0, FailureKind.Wait), width: 160);
        output.ShouldBe("""
            koan ─ starts A and B ────────────────────────────────────────────────────────────────────────────────── gives up: the balance to be 120 ◀ ─
            A    ────────────────── reads balance 100 ───────────────────── writes balance 150 ─────────────────────────────────────────────────────────
            B    ────────────────────────────────────── reads balance 100 ────────────────────── writes balance 70 ─────────────────────────────────────

            """);
    }

    [Test]
    public void ALongTimelineFoldsIntoBlocksThatFitTheWidth()
    {
        var output = Whole(new KoanTimeline(LostUpdate, 0, FailureKind.Wait), width: 80);
        var lines = output.TrimEnd().Split('\n');
        lines.ShouldAllBe(line => line.Length <= 80);
        lines.Count(line => line.StartsWith("koan", StringComparison.Ordinal)).ShouldBeGreaterThan(1, "the koan's lane goes on in the next block");
        output.ShouldContain("─ reads balance 100 ");
        var blocks = output.TrimEnd().Split("\n\n");
        blocks.Length.ShouldBeGreaterThan(1);
        blocks.ShouldAllBe(block => block.Split('\n', StringSplitOptions.None).Select(line => line.Split(' ', StringSplitOptions.None)[0]).SequenceEqual(new[] { "koan", "A", "B" }), "every block has every lane, in one order");
        output.ShouldContain("gives up: the balance to be 120 ◀");
    }

    [Test]
    public void AStepAThreadDidSeveralTimesInARowIsDrawnOnce()
    {
        var output = Whole(new KoanTimeline(
            [new("koan", "submits a job"), new("koan", "submits a job"), new("koan", "submits a job"), new("worker-1", "runs a job"), new("koan", "submits a job")], 0, Why: null), width: 100);
        output.ShouldBe("""
            koan     ─ submits a job ×3 ────────────── submits a job ─
            worker-1 ──────────────────── runs a job ─────────────────

            """);
    }

    [Test]
    public void StepsThatWereNotKeptAreCounted()
    {
        Whole(new KoanTimeline(LostUpdate, 195, FailureKind.Wait), width: 200).ShouldStartWith("… 195 earlier steps\n");
    }

    [Test]
    public void TheShortVersionIsTheLastBlockInEightLinesAtMost()
    {
        var threads = Enumerable.Range(1, 10).Select(number => new TimelineStep($"worker-{number}", "runs a job")).ToList();
        threads.Add(new TimelineStep("koan", "gives up: every job done", StepMark.Failure));
        var console = new TestConsole().Width(400);
        new TimelineView(console).Short(new KoanTimeline(threads, 0, FailureKind.Wait));
        var lines = console.Output.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        lines.Length.ShouldBeLessThanOrEqualTo(TimelineView.ShortLines);
        lines[0].ShouldBe("What its threads did:");
        lines[^1].ShouldBe("… and 5 more threads");
        lines.ShouldContain(line => line.StartsWith("koan ", StringComparison.Ordinal) && line.Contains("◀", StringComparison.Ordinal));
    }

    [Test]
    public void APassedKoanHasNoMomentOfFailure()
    {
        Whole(new KoanTimeline([new("koan", "waited for the worker", StepMark.Waited), new("worker", "gave up waiting for none", StepMark.Failure)], 0, Why: null), width: 100)
            .ShouldNotContain("◀");
    }

    private static string Whole(KoanTimeline timeline, int width)
    {
        var console = new TestConsole().Width(width);
        new TimelineView(console).Whole(timeline);
        return string.Join('\n', console.Output.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd(' ')));
    }
}
