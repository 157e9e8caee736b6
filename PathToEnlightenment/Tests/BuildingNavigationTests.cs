using Spectre.Console.Testing;

namespace ThreadingKoans.Tests;

/// <summary>
/// The navigation commands end to end on a throw-away copy of the repository (without git, as a download
/// is), with real builds and the real host. Each test builds once: the rules themselves are pinned in
/// <see cref="NavigationTests"/>.
/// </summary>
[Category(TestLanes.Process)]
[TestFixture]
[NonParallelizable]
public sealed class BuildingNavigationTests
{
    private TempRepo _repo = null!;
    private TestConsole _console = null!;
    private KoanRunner _runner = null!;

    [SetUp]
    public void CopyTheRepository()
    {
        _repo = new TempRepo();
        _console = new TestConsole().Width(120);
        _runner = new KoanRunner(_console, HostLimits.Default, TimeSpan.FromMinutes(5));
    }

    private KoanSession Session => KoanSession.With(_console, new RepoLayout(_repo.Root), _runner);

    [TearDown]
    public void DeleteTheCopy()
    {
        _runner.Dispose();
        _console.Dispose();
        _repo.Dispose();
    }

    [Test]
    public void ListOnAFreshCopyWalksFirstAndHintThenNeedsNoWalk()
    {
        Session.List().ShouldBe(ExitCodes.KoansLeft);
        var list = _console.Output;
        list.ShouldContain("01  AboutAsserts");
        list.ShouldContain("0/8  ◀ you are here: AboutAsserts.TrueIsTrue");
        list.ShouldContain("Path 0/");

        // Without the build a walk would build the koans again; the hint needs only the state the list left.
        var built = System.IO.Path.Combine(_repo.Root, "Koans", "bin");
        Directory.Delete(built, recursive: true);
        var console = new TestConsole().Width(120);
        using (var another = new KoanRunner(console, HostLimits.Default, TimeSpan.FromMinutes(5)))
        {
            KoanSession.With(console, new RepoLayout(_repo.Root), another).Hint().ShouldBe(ExitCodes.KoansLeft);
        }

        Directory.Exists(built).ShouldBeFalse("the hint came from the state the list left, with no walk and no build");
        console.Output.ShouldContain($"AboutAsserts.TrueIsTrue, at Koans/01_AboutAsserts.cs:{_repo.LineOf(1, "true.ShouldBe(__)")}");
        console.Output.ShouldContain("The koan asks: A ShouldBe compares what is on its left with what you put in its brackets.");
    }

    [Test]
    public void AKoanPassedSinceTheLastWalkIsToldWithItsAnswerInACopyWithoutGit()
    {
        Directory.Exists(Path.Combine(_repo.Root, ".git")).ShouldBeFalse();
        // As a first walk on the fresh copy would have left it, without building twice.
        new StateStore(_console, new RepoLayout(_repo.Root)).Save(WalkState.Begin(DateTimeOffset.UtcNow) with
        {
            Current = new CurrentKoan("AboutAsserts.TrueIsTrue", "Koans/01_AboutAsserts.cs:13", "A ShouldBe…", null),
        });
        _repo.Edit(1, "true.ShouldBe(__);", "true.ShouldBe(true);");

        Session.Walk().ShouldBe(ExitCodes.KoansLeft);
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
    public void KoanOptionRunsEveryKoanOfALaterTopicAndRefusesAnUnknownName()
    {
        Session.Koan("AboutStrngs.Nothing").ShouldBe(ExitCodes.Usage);
        _console.Output.ShouldContain("There is no koan or topic named AboutStrngs.Nothing on the path.");

        _repo.Solve(2);
        var console = new TestConsole().Width(120);
        using (var another = new KoanRunner(console, HostLimits.Default, TimeSpan.FromMinutes(5)))
        {
            KoanSession.With(console, new RepoLayout(_repo.Root), another).Koan("AboutStrings").ShouldBe(ExitCodes.Done);
        }

        console.Output.ShouldContain("All 11 koans of AboutStrings pass.");
    }
}
