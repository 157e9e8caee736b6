using System.Diagnostics;
using Spectre.Console.Testing;
using ThreadingKoans.Engine;

namespace ThreadingKoans.Tests;

/// <summary>
/// Watch mode's fast path on a throw-away copy: the in-process compile, the koan host that stays up, and
/// stopping it at once while a koan runs (Ctrl+C cancels the same token).
/// </summary>
[Category(TestLanes.Process)]
[TestFixture]
[NonParallelizable]
public sealed class FastWatchTests
{
    private TempRepo _repo = null!;
    private RepoLayout _layout = null!;

    [OneTimeSetUp]
    public void BuildACopy()
    {
        _repo = new TempRepo();
        _layout = new RepoLayout(_repo.Root);
        new KoanBuild(_layout, TimeSpan.FromMinutes(3)).Run().Succeeded.ShouldBeTrue();
    }

    [OneTimeTearDown]
    public void DeleteTheCopy() => _repo.Dispose();

    /// <summary>Runs <paramref name="test"/>, then puts the first topic's file back as it was.</summary>
    private void WithTheFirstTopicRestored(Action test)
    {
        var original = File.ReadAllText(_repo.KoanFile(1));
        try
        {
            test();
        }
        finally
        {
            File.WriteAllText(_repo.KoanFile(1), original);
        }
    }

    [Test]
    public void OneHostRunsEachNewCompileOfTheKoans()
    {
        var compiler = KoanCompiler.For(_layout.Koans, _layout.KoansBuild).ShouldNotBeNull();
        using var server = new KoanHost(_layout.KoansBuild, HostLimits.Default);
        KoanCompiler.Install(compiler.Compile(), _layout.KoansBuild);
        var before = server.Run("AboutAsserts", runAll: true);
        before.Results.Values.ShouldAllBe(result => result.Outcome == KoanOutcome.Failed);

        WithTheFirstTopicRestored(() =>
        {
            _repo.Solve(1);
            KoanCompiler.Install(compiler.Compile(), _layout.KoansBuild);
            var after = server.Run("AboutAsserts", runAll: true);
            after.Results.Count.ShouldBe(before.Results.Count);
            after.Results.Values.ShouldAllBe(result => result.Outcome == KoanOutcome.Passed);
            server.IsUp.ShouldBeTrue("the same host should still be up after two runs");
        });
    }

    [Test]
    public void ACompileErrorNamesTheLearnersFileAndLine()
    {
        var compiler = KoanCompiler.For(_layout.Koans, _layout.KoansBuild).ShouldNotBeNull();
        WithTheFirstTopicRestored(() =>
        {
            _repo.Edit(1, "true.ShouldBe(__);", "true.ShouldBe(__)");
            var line = _repo.LineOf(1, "true.ShouldBe(__)");
            var compiled = compiler.Compile();
            compiled.Succeeded.ShouldBeFalse();
            compiled.Errors.ShouldContain(error => error.Code == "CS1002" && error.Line == line && error.File == $"Koans/{Path.GetFileName(_repo.KoanFile(1))}");
        });
    }

    [Test]
    public void CancellingWhileAKoanRunsStopsTheHostAtOnce()
    {
        var compiler = KoanCompiler.For(_layout.Koans, _layout.KoansBuild).ShouldNotBeNull();
        WithTheFirstTopicRestored(() =>
        {
            _repo.Edit(1, "true.ShouldBe(__);", "new ManualResetEventSlim().Wait(); // waits forever");
            KoanCompiler.Install(compiler.Compile(), _layout.KoansBuild);
            using var server = new KoanHost(_layout.KoansBuild, HostLimits.Default);
            using var ctrlC = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            var running = Task.Run(() => server.Run("AboutAsserts", runAll: true, cancel: ctrlC.Token));
            // The host needs a moment to start and reach the koan; the koan then waits for good.
            running.Wait(TimeSpan.FromSeconds(1.5)).ShouldBeFalse("the koan was meant to wait forever");
            clock.Restart();
            ctrlC.Cancel();
            Should.Throw<OperationCanceledException>(() => running.GetAwaiter().GetResult());
            TestContext.Out.WriteLine($"stopped {clock.Elapsed.TotalMilliseconds:0} ms after the cancel");
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3), "cancelling should stop the run at once, not at the koan's 5 s time limit");
            server.IsUp.ShouldBeFalse("the host should have been killed");
        });
    }

    [Test]
    public void AfterOneDotnetBuildKoansAreCompiledInProcessAndKoansThatStillPassDoNotRunAgain()
    {
        var console = new TestConsole().Width(120);
        BuildStamp.Forget(_layout);
        using var runner = new KoanRunner(console, HostLimits.Default, TimeSpan.FromMinutes(3));
        var first = runner.Run(_layout, KoanSelection.Path(new HashSet<string>()));
        runner.LastWay.ShouldBe("dotnet build");
        Verdicts.From(first.Run.ShouldNotBeNull(), _layout).ShouldBeOfType<KoanFailing>().Koan.Name.ShouldBe(first.Run.Path[0].Name);

        WithTheFirstTopicRestored(() =>
        {
            _repo.Solve(1);

            // A new runner (a new process: the one-shot walk) finds the build current and compiles without MSBuild.
            using var again = new KoanRunner(console, HostLimits.Default, TimeSpan.FromMinutes(3));
            var second = again.Run(_layout, KoanSelection.Path(new HashSet<string>()));
            again.LastWay.ShouldBe("compiler server");
            var verdict = Verdicts.From(second.Run.ShouldNotBeNull(), _layout).ShouldBeOfType<KoanFailing>();
            verdict.Koan.TopicNumber.ShouldBe(2, "with topic 1 answered the next koan is topic 2's first");

            // The koans said to still pass count as passed without running.
            var topicOne = second.Run.Path.Where(koan => koan.TopicNumber == 1).Select(koan => koan.FullName).ToHashSet(StringComparer.Ordinal);
            again.Warm();
            var third = again.Run(_layout, KoanSelection.Path(topicOne)).Run.ShouldNotBeNull();
            again.LastWay.ShouldBe("in-process", "once warm, the runner compiles in its own process");
            third.Results.Values.Count(result => result.Outcome == KoanOutcome.Passed && result.Seconds == 0)
                .ShouldBe(topicOne.Count, "the answered topic should not run again");
            Verdicts.From(third, _layout).ShouldBeOfType<KoanFailing>().Koan.FullName.ShouldBe(verdict.Koan.FullName);
        });
    }
}
