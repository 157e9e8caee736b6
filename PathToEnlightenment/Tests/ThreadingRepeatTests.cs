using System.Diagnostics;
using System.Globalization;
using ThreadingKoans.Runner;
using ThreadingKoans.Tests.WrongAnswers;

namespace ThreadingKoans.Tests;

/// <summary>
/// The answered threading topics, run many times in a row in one host: as they are, pinned to one CPU,
/// and with every core kept busy by another process. A koan that depends on luck fails here.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ThreadingRepeatTests
{
    private const int Rounds = 50;

    [Test]
    public void TheThreadingTopicsPassFiftyRunsInARow() =>
        RepeatThreadingTopics("as they are", launcher: null);

    [Test]
    public void TheThreadingTopicsPassFiftyRunsInARowOnOneCpu()
    {
        File.Exists("/usr/bin/taskset").ShouldBeTrue("taskset (util-linux) pins the host to one CPU for this test");
        RepeatThreadingTopics("pinned to CPU 0 (taskset -c 0)", launcher: ["taskset", "-c", "0"]);
    }

    [Test]
    public void TheThreadingTopicsPassFiftyRunsInARowWhileEveryCoreIsBusy()
    {
        // The spinning threads live in this test process; the koans run in the host, another process.
        using var stop = new CancellationTokenSource();
        var spinners = Enumerable.Range(0, Environment.ProcessorCount)
            .Select(index => new Thread(() => Spin(stop.Token)) { IsBackground = true, Name = $"busy core {index}" })
            .ToList();
        spinners.ForEach(spinner => spinner.Start());
        try
        {
            RepeatThreadingTopics($"with {spinners.Count} busy threads in another process", launcher: null);
        }
        finally
        {
            stop.Cancel();
            spinners.ForEach(spinner => spinner.Join(TimeSpan.FromSeconds(5)).ShouldBeTrue($"{spinner.Name} did not stop"));
        }
    }

    private static void RepeatThreadingTopics(string how, IReadOnlyList<string>? launcher)
    {
        var topics = KoanRuns.Solved.Path
            .Where(koan => koan.TopicNumber >= ThreadingPath.FirstTopic)
            .Select(koan => koan.Topic)
            .Distinct()
            .ToList();
        topics.ShouldNotBeEmpty();
        var clock = Stopwatch.StartNew();
        var run = new KoanHost(KoanRuns.Layout.SolutionsBuild, HostLimits.Default, launcher)
            .Run(string.Join(',', topics), ungated: true, repeat: Rounds);
        clock.Stop();
        run.Crash.ShouldBeNull();
        run.Hung.ShouldBeNull();
        run.Completed.ShouldBeTrue(run.Errors);
        var koans = run.Rounds.Count > 0 ? run.Rounds[0].Passed + run.Rounds[0].Failed : 0;
        TestContext.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Threading topics {how}: {run.Rounds.Count(round => round.Failed == 0)}/{Rounds} runs in a row with zero failures, {koans} koans each, {clock.Elapsed.TotalSeconds:0.0} s in all."));
        run.Rounds.Count.ShouldBe(Rounds);
        run.Rounds.SelectMany(round => round.Failures).ShouldBeEmpty();
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
}
