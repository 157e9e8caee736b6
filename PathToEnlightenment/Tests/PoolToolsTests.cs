using Spectre.Console.Testing;
using ThreadingKoans.Engine;
using ThreadingKoans.Engine.Pool;

namespace ThreadingKoans.Tests;

/// <summary>The pool demo and the benchmark: their pictures pinned, and each run once for real.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PoolToolsTests
{
    [Test]
    public void TheDemoShowsTheCountsTheHistoryAndEachWorker()
    {
        var view = new DemoView("Your pool");
        view.Add(Frame(0.0, submitted: 1, queue: 1, completed: 0, ("worker-1", true, 0), ("worker-2", false, 0)));
        view.Add(Frame(0.2, submitted: 20, queue: 11, completed: 6, ("worker-1", true, 3), ("worker-2", true, 3), ("worker-3", true, 0)));
        view.Add(Frame(0.4, submitted: 40, queue: 4, completed: 30, ("worker-1", true, 9), ("worker-2", false, 9), ("worker-3", true, 8), ("worker-4", true, 4)));
        var console = new TestConsole().Width(80);
        console.Write(view.Render());
        Trimmed(console.Output).ShouldBe("""
            ╭─Your pool, crawling: pages come faster than 2 workers fetch them─────────────╮
            │ Pages    40 submitted · 30 fetched · 1 failed · 0.4 s                        │
            │ Queue    ▁█▃                                              4 waiting          │
            │ Workers  ▄▆█                                              4 (3 busy, 1 idle) │
            │ Done/s    ▂█                                              120 per second     │
            │                                                                              │
            │               Jobs done by each worker (green: busy now)                     │
            │ worker-1  ████████████████████████████████████████████████ 9                 │
            │ worker-2  ████████████████████████████████████████████████ 9                 │
            │ worker-3  ██████████████████████████████████████████ 8                       │
            │ worker-4  ████████████████████ 4                                             │
            ╰──────────────────────────────────────────────────────────────────────────────╯
            """);
    }

    [Test]
    public void WithoutATerminalTheDemoWritesOnlyTheLastFrameAndHowThePoolGrew()
    {
        // Like `demo > out.txt`: not interactive, no ANSI; any escape code written would still show.
        var console = new TestConsole().Width(100).EmitAnsiSequences().SupportsAnsi(false);
        DemoFrame[] frames =
        [
            Frame(0.0, submitted: 1, queue: 1, completed: 0, ("worker-1", true, 0), ("worker-2", false, 0)),
            Frame(0.2, submitted: 20, queue: 12, completed: 6, ("worker-1", true, 3), ("worker-2", true, 3), ("worker-3", true, 0)),
            Frame(0.4, submitted: 40, queue: 14, completed: 20, ("worker-1", true, 7), ("worker-2", true, 7), ("worker-3", true, 6)),
            Frame(0.6, submitted: 60, queue: 11, completed: 38, ("worker-1", true, 11), ("worker-2", true, 11), ("worker-3", true, 10), ("worker-4", true, 6)),
            Frame(0.8, submitted: 60, queue: 0, completed: 59, ("worker-1", false, 16), ("worker-2", false, 15), ("worker-3", false, 15), ("worker-4", false, 13)) with { Finished = true },
        ];

        var ended = new DemoView("The reference pool").Show(console, onFrame =>
        {
            foreach (var frame in frames)
            {
                onFrame(frame);
            }

            return frames.Length;
        });

        ended.ShouldBe(frames.Length);
        var output = Trimmed(console.Output);
        output.Count(c => c == '╭').ShouldBe(1, output);
        output.ShouldNotContain("\u001b");
        output.ShouldStartWith("╭─The reference pool: every page is done─");
        output.ShouldContain("60 submitted · 59 fetched · 1 failed · 0.8 s");
        output.ShouldEndWith("""
            ─╯
            How the pool grew:
              0.0 s  2 workers  (queue 1)
              0.2 s  3 workers  (queue 12)
              0.6 s  4 workers  (queue 11)
            """);
    }

    [Test]
    public void TheBenchmarkTableComparesEachContenderWithTheThreadPool()
    {
        var console = new TestConsole().Width(100);
        new BenchView(console).Show(
        [
            new BenchFigure("blocking", "pool", 2_000, 1.6, 72, 2),
            new BenchFigure("blocking", "threadpool", 2_000, 13.7, 24, 2),
            new BenchFigure("blocking", "thread-per-job", 2_000, 0.4, 2_010, 2),
            new BenchFigure("tiny", "pool", 1_000_000, 0.6, 72, 2),
            new BenchFigure("tiny", "threadpool", 1_000_000, 0.3, 12, 2),
            new BenchFigure("tiny", "thread-per-job", 1_000_000, 150.2, 14, 2),
        ], quick: false);
        Trimmed(console.Output).ShouldBe("""
            ╭─────────────────────────────┬────────────────┬───────────┬──────────────┬───────────────╮
            │ Workload                    │ Contender      │ Wall time │ Peak threads │ vs ThreadPool │
            ├─────────────────────────────┼────────────────┼───────────┼──────────────┼───────────────┤
            │ 2,000 jobs that block 50 ms │ pool           │    1.60 s │           72 │         0.12× │
            │ 2,000 jobs that block 50 ms │ threadpool     │   13.70 s │           24 │         1.00× │
            │ 2,000 jobs that block 50 ms │ thread-per-job │    0.40 s │         2010 │         0.03× │
            │ 1,000,000 tiny jobs         │ pool           │    0.60 s │           72 │         2.00× │
            │ 1,000,000 tiny jobs         │ threadpool     │    0.30 s │           12 │         1.00× │
            │ 1,000,000 tiny jobs         │ thread-per-job │  150.20 s │           14 │       500.67× │
            ╰─────────────────────────────┴────────────────┴───────────┴──────────────┴───────────────╯
            2 cores, a fresh process per measurement, Solutions in Release.
            The pool: 2 to 16 workers, growing when more than 10 jobs wait.
            ✓ The pool beats the ThreadPool on jobs that block: 1.60 s against 13.70 s (0.12×).
            ✓ The pool stays within 3× of the ThreadPool on tiny jobs: 0.60 s against 0.30 s (2.00×).
            """);
    }

    [Test]
    public void TheDemoRunsTheReferencePoolToTheEnd()
    {
        var console = new TestConsole().Width(100);
        var exit = new PoolDemoCommand(console, HostLimits.Default, TimeSpan.FromMinutes(3), CancellationToken.None)
            .Run(new RepoLayout(RepoPaths.Root), solution: true, seconds: 1);
        exit.ShouldBe(ExitCodes.Done, console.Output);
        console.Output.ShouldContain("every page is done");
        console.Output.ShouldMatch(@"(\d+) of \1 pages done by \d+ workers");
        console.Output.Count(c => c == '╭').ShouldBe(1, console.Output);
        console.Output.ShouldMatch(@"(?m)^How the pool grew:\r?\n +\d+\.\d s  \d+ workers?  \(queue \d+\)\r?$");
    }

    [Test]
    public void TheDemoWaitsForTheLearnersPoolAndNamesTheKoanToFinish()
    {
        using var repo = new TempRepo();
        var console = new TestConsole().Width(200);
        var exit = new PoolDemoCommand(console, HostLimits.Default, TimeSpan.FromMinutes(3), CancellationToken.None)
            .Run(new RepoLayout(repo.Root), solution: false, seconds: 1);
        exit.ShouldBe(ExitCodes.KoansLeft, console.Output);
        console.Output.ShouldContain("Your pool is not ready for the demo yet: finish AboutWorkerLoops.");
        console.Output.ShouldMatch(@"\(Koans/13_AboutWorkerLoops\.cs:\d+\)");
        console.Output.ShouldContain("-- demo --solution");
    }

    [Test]
    public void TheQuickBenchmarkRunsEveryContenderOnEveryWorkload()
    {
        var console = new TestConsole().Width(120);
        var exit = new PoolBenchCommand(console, TimeSpan.FromMinutes(3), CancellationToken.None).Run(new RepoLayout(RepoPaths.Root), quick: true);
        exit.ShouldBe(ExitCodes.Done, console.Output);
        foreach (var contender in PoolBenchmark.Contenders)
        {
            console.Output.ShouldContain($"│ {contender} ");
        }

        console.Output.ShouldContain("100 jobs that block 50 ms");
        console.Output.ShouldContain("10,000 tiny jobs");
        console.Output.ShouldContain("--quick: small workloads");
    }

    private static DemoFrame Frame(double seconds, long submitted, int queue, long completed, params (string Name, bool Busy, int Done)[] workers) =>
        new(seconds, submitted, new PoolView(queue, workers.Select(worker => new PoolWorker(worker.Name, worker.Busy ? "Running" : "WaitSleepJoin", worker.Busy, worker.Done)).ToList(), completed, 1), Finished: false);

    private static string Trimmed(string output) =>
        string.Join('\n', output.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd())).Trim('\n');
}
