using Spectre.Console.Testing;

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
            │          failed: broken links (404), on purpose                              │
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
            (the pool starts a worker the moment more than 10 pages wait; a frame is drawn every 0.2 s, by when
            its new workers have taken some)
              0.0 s  2 workers  (queue 1)
              0.2 s  3 workers  (queue 12)
              0.6 s  4 workers  (queue 11)
            """);
    }

    [Test]
    public void TheBenchmarkTableGivesEachRowItsLimitAndTheVerdicts()
    {
        var console = new TestConsole().Width(200);
        new BenchView(console).Show(
        [
            new BenchFigure("blocking", "pool", 2_000, 6.5, 24, 2) { AllocatedBytes = 10_800_000, AtOnce = 16, JobSeconds = 0.05 },
            new BenchFigure("blocking", "threadpool", 2_000, 13.6, 22, 2) { AllocatedBytes = 22_100_000, JobSeconds = 0.05, Note = "ThreadPool minimum left at its default, 2 threads; no cap on jobs at once" },
            new BenchFigure("blocking", "thread-per-job", 2_000, 1.7, 143, 2) { AllocatedBytes = 2_200_000, AtOnce = 2_000, JobSeconds = 0.05 },
            new BenchFigure("tiny", "pool", 1_000_000, 0.48, 33, 2) { AllocatedBytes = 2_300_000, Note = "median of 3 rounds in one process" },
            new BenchFigure("tiny", "threadpool", 1_000_000, 0.4, 14, 2) { AllocatedBytes = 66_600_000, Note = "median of 3 rounds in one process" },
            new BenchFigure("tiny", "thread-per-job", 1_000_000, 150, 11, 2) { AllocatedBytes = 1_063_200_000, Note = "measured on 5,000 jobs (0.75 s) and scaled up 200×" },
            new BenchFigure("crawl", "pool", 2_000, 9.7, 31, 2) { AllocatedBytes = 57_900_000, AtOnce = 16, JobSeconds = 0.05 },
            new BenchFigure("crawl", "threadpool", 2_000, 8.3, 31, 2) { AllocatedBytes = 57_200_000, AtOnce = 16, JobSeconds = 0.05, Note = "ThreadPool minimum raised from 2 to 16 threads" },
            new BenchFigure("crawl", "async-pool", 2_000, 8.3, 17, 2) { AllocatedBytes = 47_900_000, AtOnce = 16, JobSeconds = 0.05 },
            new BenchFigure("crawl", "parallel-foreach", 2_000, 10.0, 17, 2) { AllocatedBytes = 50_700_000, AtOnce = 16, JobSeconds = 0.05 },
        ], quick: false);
        Trimmed(console.Output).ShouldBe("""
            ╭──────────────────────────────────┬──────────────────────────────────┬───────────┬──────────────┬───────────┬────────┬──────────┬───────────────╮
            │ Workload                         │ Contender                        │ Wall time │ Most threads │ Allocated │  Limit │ vs limit │ vs ThreadPool │
            ├──────────────────────────────────┼──────────────────────────────────┼───────────┼──────────────┼───────────┼────────┼──────────┼───────────────┤
            │ 2,000 jobs that block 50 ms      │ pool                             │    6.50 s │           24 │   10.8 MB │ 6.25 s │    1.04× │         0.48× │
            │ 2,000 jobs that block 50 ms      │ ThreadPool [1]                   │   13.60 s │           22 │   22.1 MB │      — │        — │         1.00× │
            │ 2,000 jobs that block 50 ms      │ thread per job                   │    1.70 s │          143 │    2.2 MB │ 0.05 s │   34.00× │         0.13× │
            │ 1,000,000 tiny jobs              │ pool [2]                         │    0.48 s │           33 │    2.3 MB │      — │        — │         1.20× │
            │ 1,000,000 tiny jobs              │ ThreadPool [2]                   │    0.40 s │           14 │   66.6 MB │      — │        — │         1.00× │
            │ 1,000,000 tiny jobs              │ thread per job [3]               │  150.00 s │           11 │ 1063.2 MB │      — │        — │       375.00× │
            │ crawl of 2,000 pages, 50 ms each │ pool, blocking fetches           │    9.70 s │           31 │   57.9 MB │ 6.25 s │    1.55× │         1.17× │
            │ crawl of 2,000 pages, 50 ms each │ ThreadPool, blocking fetches [4] │    8.30 s │           31 │   57.2 MB │ 6.25 s │    1.33× │         1.00× │
            │ crawl of 2,000 pages, 50 ms each │ async pool, 16 readers           │    8.30 s │           17 │   47.9 MB │ 6.25 s │    1.33× │         1.00× │
            │ crawl of 2,000 pages, 50 ms each │ Parallel.ForEachAsync            │   10.00 s │           17 │   50.7 MB │ 6.25 s │    1.60× │         1.20× │
            ╰──────────────────────────────────┴──────────────────────────────────┴───────────┴──────────────┴───────────┴────────┴──────────┴───────────────╯
            [1] ThreadPool minimum left at its default, 2 threads; no cap on jobs at once
            [2] median of 3 rounds in one process
            [3] measured on 5,000 jobs (0.75 s) and scaled up 200×
            [4] ThreadPool minimum raised from 2 to 16 threads
            2 cores, a fresh process per measurement, Solutions in Release.
            The pool: 2 to 16 workers, growing when more than 10 jobs wait.
            The crawl: a loopback web site (Kestrel, in the runner's process) of 2,000 pages, each answered after 50 ms; one HttpClient, warmed by one fetch; every crawler may have 16 fetches in flight.
            Limit: the least time the waits allow with that many jobs at once (jobs × wait ÷ at once); — when nothing caps them, or the jobs do not wait.
            ✓ The pool beats the ThreadPool on jobs that block: 6.50 s against 13.60 s (0.48×).
            ✓ On jobs that block the pool is at the limit of its 16 workers (within 1.2×): 6.50 s against 6.25 s (1.04×).
            ✓ On tiny jobs the pool pays a lock and a signal per job, and stays within 6× of the ThreadPool: 0.48 s against 0.40 s (1.20×).
            ✓ The async pool crawls within 1.5× of the limit with at most 40 threads: 8.30 s against 6.25 s (1.33×), 17 threads.
            ✓ The pool, growing to 16 workers, crawls within 2× of the limit: 9.70 s against 6.25 s (1.55×), 31 threads.
            """);
    }

    [Test]
    public void AVerdictThatDoesNotHoldIsCrossed()
    {
        var console = new TestConsole().Width(200);
        new BenchView(console).Show(
        [
            new BenchFigure("crawl", "pool", 2_000, 13.0, 31, 2) { AtOnce = 16, JobSeconds = 0.05 },
            new BenchFigure("crawl", "threadpool", 2_000, 8.3, 31, 2) { AtOnce = 16, JobSeconds = 0.05 },
            new BenchFigure("crawl", "async-pool", 2_000, 8.3, 60, 2) { AtOnce = 16, JobSeconds = 0.05 },
        ], quick: false);
        var output = Trimmed(console.Output);
        output.ShouldContain("✗ The async pool crawls within 1.5× of the limit with at most 40 threads: 8.30 s against 6.25 s (1.33×), 60 threads.");
        output.ShouldContain("✗ The pool, growing to 16 workers, crawls within 2× of the limit: 13.00 s against 6.25 s (2.08×), 31 threads.");
    }

    [Test]
    public void TheAsyncDemoShowsPagesFetchesInFlightAndThreads()
    {
        var view = new AsyncDemoView("Your async pool");
        view.Add(new AsyncDemoFrame(0.0, 1, 1, 0, 0, 14, Finished: false));
        view.Add(new AsyncDemoFrame(0.2, 60, 12, 20, 1, 17, Finished: false));
        view.Add(new AsyncDemoFrame(0.4, 150, 12, 70, 2, 18, Finished: false));
        var console = new TestConsole().Width(100);
        console.Write(view.Render());
        view.MostThreads.ShouldBe(18);
        Trimmed(console.Output).ShouldBe("""
            ╭─Your async pool, crawling: fetches in flight hold no thread while they wait───╮
            │ Pages      150 found · 70 fetched · 2 failed · 0.4 s                          │
            │ In flight  ▁██                                              12 fetches        │
            │ Threads    ▆██                                              18 in the process │
            │ Done/s      ▃█                                              255 per second    │
            │            failed: broken links (404), on purpose                             │
            ╰───────────────────────────────────────────────────────────────────────────────╯
            """);
    }

    [Test]
    [Category(TestLanes.Process)]
    public void TheDemoRunsTheReferencePoolToTheEnd()
    {
        var console = new TestConsole().Width(100);
        using var runner = new KoanRunner(console, HostLimits.Default, TimeSpan.FromMinutes(3));
        var exit = new PoolDemoCommand(console, CancellationToken.None)
            .Run(KoanSession.With(console, new RepoLayout(RepoPaths.Root), runner), solution: true, seconds: 1);
        exit.ShouldBe(ExitCodes.Done, console.Output);
        console.Output.ShouldContain("every page is done");
        console.Output.ShouldMatch(@"(\d+) of \1 pages done by \d+ workers");
        console.Output.Count(c => c == '╭').ShouldBe(1, console.Output);
        console.Output.ShouldMatch(@"(?m)^How the pool grew:\r?\n\(the pool starts.*\r?\n.*\)\r?\n +\d+\.\d s  \d+ workers?  \(queue \d+\)\r?$");
    }

    [Test]
    [Category(TestLanes.Process)]
    public void TheDemoWaitsForTheLearnersPoolAndNamesTheKoanToFinish()
    {
        using var repo = TempRepo.Built();
        var console = new TestConsole().Width(200);
        using var runner = new KoanRunner(console, HostLimits.Default, TimeSpan.FromMinutes(3));
        var exit = new PoolDemoCommand(console, CancellationToken.None)
            .Run(KoanSession.With(console, new RepoLayout(repo.Root), runner), solution: false, seconds: 1);
        exit.ShouldBe(ExitCodes.KoansLeft, console.Output);
        console.Output.ShouldContain("Your pool is not ready for the demo yet: finish AboutWorkerLoops.");
        console.Output.ShouldMatch(@"\(Koans/13_AboutWorkerLoops\.cs:\d+\)");
        console.Output.ShouldContain("-- demo --solution");
    }

    [Test]
    [Category(TestLanes.Process)]
    public void TheAsyncDemoWaitsForTheLearnersAsyncPoolAndNamesTheKoanToFinish()
    {
        using var repo = TempRepo.Built();
        var console = new TestConsole().Width(200);
        using var runner = new KoanRunner(console, HostLimits.Default, TimeSpan.FromMinutes(3));
        var exit = new PoolDemoCommand(console, CancellationToken.None)
            .Run(KoanSession.With(console, new RepoLayout(repo.Root), runner), solution: false, seconds: 1, asyncPool: true);
        exit.ShouldBe(ExitCodes.KoansLeft, console.Output);
        console.Output.ShouldContain("Your async pool is not ready for the demo yet: finish AboutChannels.");
        console.Output.ShouldMatch(@"\(Koans/21_AboutChannels\.cs:\d+\)");
        console.Output.ShouldContain("-- demo --solution --async");
    }

    [Test]
    [Category(TestLanes.Process)]
    public void WithoutSolutionsTheReferencePoolsAreSaidToBeMissing()
    {
        using var repo = TempRepo.Built();
        Directory.Delete(repo.Solutions, recursive: true);
        var console = new TestConsole().Width(200);
        using var runner = new KoanRunner(console, HostLimits.Default, TimeSpan.FromMinutes(3));
        var exit = new PoolDemoCommand(console, CancellationToken.None).Run(KoanSession.With(console, new RepoLayout(repo.Root), runner), solution: true, seconds: 1);
        exit.ShouldBe(ExitCodes.KoansLeft, console.Output);
        console.Output.ShouldContain("There are no reference pools here: Solutions/Solutions.csproj is missing");
        console.Output.ShouldNotContain("build", Case.Insensitive);
    }

    [Test]
    [Category(TestLanes.Process)]
    public void TheAsyncDemoRunsTheReferenceAsyncPoolToTheEnd()
    {
        var console = new TestConsole().Width(100);
        using var runner = new KoanRunner(console, HostLimits.Default, TimeSpan.FromMinutes(3));
        var exit = new PoolDemoCommand(console, CancellationToken.None)
            .Run(KoanSession.With(console, new RepoLayout(RepoPaths.Root), runner), solution: true, seconds: 1, asyncPool: true);
        exit.ShouldBe(ExitCodes.Done, console.Output);
        console.Output.ShouldContain("The reference async pool: every page is done");
        console.Output.ShouldMatch(@"(\d+) of \1 pages done by 12 readers \(at most \d+ threads");
        console.Output.ShouldMatch(@"· [1-9]\d* failed");
    }

    [Test]
    [Category(TestLanes.Process)]
    public void TheQuickBenchmarkRunsEveryContenderOnEveryWorkload()
    {
        var console = new TestConsole().Width(200);
        var exit = new PoolBenchCommand(console, TimeSpan.FromMinutes(3), CancellationToken.None).Run(new RepoLayout(RepoPaths.Root), quick: true);
        exit.ShouldBe(ExitCodes.Done, console.Output);
        foreach (var workload in PoolBenchmark.Workloads)
        {
            foreach (var contender in PoolBenchmark.ContendersOf(workload))
            {
                console.Output.ShouldMatch($@"│ {System.Text.RegularExpressions.Regex.Escape(PoolBenchCommand.Describe(workload, PoolBenchCommand.Jobs(workload, quick: true)))} +│ {System.Text.RegularExpressions.Regex.Escape(BenchView.Name(workload, contender))}[ │]");
            }
        }

        console.Output.ShouldContain("100 jobs that block 50 ms");
        console.Output.ShouldContain("10,000 tiny jobs");
        console.Output.ShouldContain("crawl of 100 pages, 50 ms each");
        console.Output.ShouldContain("measured on 1,000 jobs");
        console.Output.ShouldContain("--quick: small workloads");
    }

    private static DemoFrame Frame(double seconds, long submitted, int queue, long completed, params (string Name, bool Busy, int Done)[] workers) =>
        new(seconds, submitted, new PoolView(queue, workers.Select(worker => new PoolWorker(worker.Name, worker.Busy ? "Running" : "WaitSleepJoin", worker.Busy, worker.Done)).ToList(), completed, 1), Finished: false);

    private static string Trimmed(string output) =>
        string.Join('\n', output.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd())).Trim('\n');
}
