using Spectre.Console.Testing;

namespace ThreadingKoans.Tests;

/// <summary>
/// The navigation commands end to end on a throw-away copy of the repository, with real builds, the real
/// host and real git. Each test builds once: the rules themselves are pinned in <see cref="NavigationTests"/>.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BuildingNavigationTests
{
    private TempRepo _repo = null!;
    private TestConsole _console = null!;
    private PathRunner _runner = null!;

    [SetUp]
    public void CopyTheRepository()
    {
        _repo = new TempRepo();
        _console = new TestConsole().Width(120);
        _runner = new PathRunner(_console, HostLimits.Default, TimeSpan.FromMinutes(5));
    }

    [TearDown]
    public void DeleteTheCopy()
    {
        _console.Dispose();
        _repo.Dispose();
    }

    [Test]
    public void ListOnAFreshCopyWalksFirstAndHintThenNeedsNoWalk()
    {
        _runner.List(new RepoLayout(_repo.Root)).ShouldBe(ExitCodes.KoansLeft);
        var list = _console.Output;
        list.ShouldContain("01  AboutAsserts");
        list.ShouldContain("0/8  ◀ you are here: AboutAsserts.TrueIsTrue");
        list.ShouldContain("Path 0/");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var console = new TestConsole().Width(120);
        new PathRunner(console, HostLimits.Default, TimeSpan.FromMinutes(5)).Hint(new RepoLayout(_repo.Root)).ShouldBe(ExitCodes.KoansLeft);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3), "the hint came from the state the list left");
        console.Output.ShouldContain($"AboutAsserts.TrueIsTrue, at Koans/01_AboutAsserts.cs:{_repo.LineOf(1, "true.ShouldBe(__)")}");
        console.Output.ShouldContain("Hint: A ShouldBe compares what is on its left with what you put in its brackets.");
    }

    [Test]
    public void AKoanPassedSinceTheLastWalkIsToldWithTheAnswerFromGit()
    {
        NavigationTests.GitIn(_repo.Root, "init", "-q");
        NavigationTests.GitIn(_repo.Root, "add", "-A");
        NavigationTests.GitIn(_repo.Root, "commit", "-q", "-m", "The path");
        // As a first walk on the fresh copy would have left it, without building twice.
        new StateStore(_console, new RepoLayout(_repo.Root)).Save(WalkState.Begin(DateTimeOffset.UtcNow) with
        {
            Current = new CurrentKoan("AboutAsserts.TrueIsTrue", "Koans/01_AboutAsserts.cs:13", "A ShouldBe…", null),
        });
        _repo.Edit(1, "true.ShouldBe(__);", "true.ShouldBe(true);");

        _runner.Run(new RepoLayout(_repo.Root)).ShouldBe(ExitCodes.KoansLeft);
        var output = _console.Output;
        output.ShouldContain("""
            You passed AboutAsserts.TrueIsTrue
              Every koan is an assertion; a true one passes, and that is all a koan asks of you.
              Solutions wrote: true
            """.ReplaceLineEndings("\n"));
        output.ShouldContain("AboutAsserts.ShouldBeComparesTwoValues has damaged your karma.");
        output.ShouldNotContain("Solutions wrote: 2");
    }

    [Test]
    public void KoanOptionRunsALaterTopicUngatedAndRefusesAnUnknownName()
    {
        _runner.Run(new RepoLayout(_repo.Root), "AboutStrngs.Nothing").ShouldBe(ExitCodes.Usage);
        _console.Output.ShouldContain("There is no koan or topic named AboutStrngs.Nothing on the path.");

        _repo.Solve(2);
        var console = new TestConsole().Width(120);
        new PathRunner(console, HostLimits.Default, TimeSpan.FromMinutes(5))
            .Run(new RepoLayout(_repo.Root), "AboutStrings")
            .ShouldBe(ExitCodes.Done);
        console.Output.ShouldContain("All 11 koans of AboutStrings pass.");
    }
}
