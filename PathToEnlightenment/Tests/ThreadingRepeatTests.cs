using System.Diagnostics;
using System.Globalization;
using ThreadingKoans.Tests.WrongAnswers;

namespace ThreadingKoans.Tests;

/// <summary>
/// The answered threading, pool and task topics, run many times in a row: as they are, pinned to one CPU,
/// and with every core kept busy by another process. A koan that depends on luck fails here. The topics
/// run in eight hosts side by side, a few topics each (their koans mostly wait, so each condition takes
/// about as long as the longest of the eight), which also means each host shares the machine with the
/// others. CI runs a sample of rounds; the long mode (<see cref="RoundsVariable"/>) runs 50.
/// </summary>
[Category(TestLanes.Process)]
[TestFixture]
[NonParallelizable]
public sealed class ThreadingRepeatTests
{
    /// <summary>The variable that sets the rounds: <c>KOANS_REPEAT_ROUNDS=50</c> is the long mode, run before a change lands.</summary>
    public const string RoundsVariable = "KOANS_REPEAT_ROUNDS";

    /// <summary>
    /// Rounds in a row per condition. By default a sample of <see cref="SampleRounds"/>, so that CI stays within
    /// its time; the long mode runs 50 (about ten minutes on two cores).
    /// </summary>
    private static int Rounds { get; } =
        int.TryParse(Environment.GetEnvironmentVariable(RoundsVariable), out var rounds) && rounds > 0 ? rounds : SampleRounds;

    private const int SampleRounds = 5;

    [Test]
    public void TheThreadingPoolAndTaskTopicsPassRunsInARow() =>
        RepeatSideBySide("as they are", launcher: null);

    [Test]
    public void TheThreadingPoolAndTaskTopicsPassRunsInARowOnOneCpu()
    {
        File.Exists("/usr/bin/taskset").ShouldBeTrue("taskset (util-linux) pins the host to one CPU for this test");
        RepeatSideBySide("pinned to CPU 0 (taskset -c 0)", launcher: ["taskset", "-c", "0"]);
    }

    [Test]
    public void TheThreadingPoolAndTaskTopicsPassRunsInARowWhileEveryCoreIsBusy()
    {
        // The spinning threads live in this test process; the koans run in the hosts, other processes.
        using var stop = new CancellationTokenSource();
        var spinners = Enumerable.Range(0, Environment.ProcessorCount)
            .Select(index => new Thread(() => Spin(stop.Token)) { IsBackground = true, Name = $"busy core {index}" })
            .ToList();
        spinners.ForEach(spinner => spinner.Start());
        try
        {
            RepeatSideBySide($"with {spinners.Count} busy threads in another process", launcher: null);
        }
        finally
        {
            stop.Cancel();
            spinners.ForEach(spinner => spinner.Join(TimeSpan.FromSeconds(5)).ShouldBeTrue($"{spinner.Name} did not stop"));
        }
    }

    private static void RepeatSideBySide(string how, IReadOnlyList<string>? launcher)
    {
        // Eight hosts, each with a few topics: under contention, more processes get more of the machine's time.
        int[][] groups = [[6, 7], [8, 9], [10, 11, 12], [13, 14, 15], [16, 17], [18, 19], [20, 21], [22]];
        var runs = groups
            .Select(numbers => (numbers, topics: Topics(numbers)))
            .Select(group => ($"{Kind(group.numbers[0])} topics {string.Join(", ", group.topics)}", group.topics))
            .Select(part => Task.Factory.StartNew(() => Repeat(part.Item1, part.Item2, how, launcher), TaskCreationOptions.LongRunning))
            .ToArray();
        Task.WaitAll(runs);
        runs.Select(run => run.Result.Topics).SelectMany(topics => topics).Count()
            .ShouldBe(KoanRuns.Solved.Path.Where(koan => koan.TopicNumber >= ThreadingPath.FirstTopic).Select(koan => koan.Topic).Distinct().Count(), "every threading and pool topic is in one of the groups");
        foreach (var run in runs)
        {
            TestContext.Out.WriteLine(run.Result.Summary);
        }

        foreach (var run in runs)
        {
            run.Result.Check();
        }
    }

    [Test]
    public void ThePinnedTimelinesAreTheSameEveryRun()
    {
        // One host, each pinned koan run alone once a round: its timeline is drawn the same every time.
        using var host = KoanRuns.Host(KoanRuns.Layout.SolutionsBuild);
        foreach (var (koan, pinned) in TimelineTests.Pinned)
        {
            var differing = Enumerable.Range(1, Rounds).Select(_ => TimelineTests.Drawn(host, koan)).Count(drawn => drawn != pinned);
            TestContext.Out.WriteLine($"{koan}: {Rounds - differing}/{Rounds} runs drew the pinned timeline.");
            differing.ShouldBe(0, $"{koan}'s timeline differed from the pinned one in {differing} of {Rounds} runs");
        }
    }

    private static string Kind(int topic) => topic < PoolPath.FirstTopic ? "Threading" : topic < PoolPath.FirstTaskTopic ? "Pool" : "Task";

    private static List<string> Topics(int[] numbers) =>
        KoanRuns.Solved.Path
            .Where(koan => numbers.Contains(koan.TopicNumber))
            .Select(koan => koan.Topic)
            .Distinct()
            .ToList();

    private static Repeated Repeat(string what, IReadOnlyList<string> topics, string how, IReadOnlyList<string>? launcher)
    {
        var clock = Stopwatch.StartNew();
        using var host = new KoanHost(KoanRuns.Layout.SolutionsBuild, HostLimits.Default, launcher);
        var run = host.Run(string.Join(',', topics), runAll: true, repeat: Rounds);
        clock.Stop();
        var koans = run.Rounds.Count > 0 ? run.Rounds[0].Passed + run.Rounds[0].Failed : 0;
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"{what} {how}: {run.Rounds.Count(round => round.Failed == 0)}/{Rounds} runs in a row with zero failures, {koans} koans each, {clock.Elapsed.TotalSeconds:0.0} s in all.");
        return new Repeated(summary, run, topics);
    }

    private static void Spin(CancellationToken stop)
    {
        var turns = 0L;
        while (!stop.IsCancellationRequested)
        {
            turns++;
        }

        TestContext.Progress.WriteLine($"{Thread.CurrentThread.Name} spun {turns:N0} times.");
    }

    private sealed record Repeated(string Summary, HostRun Run, IReadOnlyList<string> Topics)
    {
        public void Check()
        {
            Run.Crash.ShouldBeNull(Summary);
            Run.Hung.ShouldBeNull(Summary);
            Run.Completed.ShouldBeTrue(Run.Errors);
            Run.Rounds.Count.ShouldBe(Rounds, Summary);
            Run.Rounds.SelectMany(round => round.Failures).ShouldBeEmpty(Summary);
        }
    }
}

/// <summary>Where the pool path begins.</summary>
internal static class PoolPath
{
    /// <summary>The number of the first pool topic, AboutWorkerLoops.</summary>
    public const int FirstTopic = 13;

    /// <summary>The number of the first topic past the pool, AboutTasks.</summary>
    public const int FirstTaskTopic = 18;
}
