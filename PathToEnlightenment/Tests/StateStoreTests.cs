using Spectre.Console.Testing;

namespace ThreadingKoans.Tests;

/// <summary>The learner's state file: written whole, read back, and never a reason to stop the runner.</summary>
[TestFixture]
public sealed class StateStoreTests
{
    private static readonly WalkState Sample = new(
        new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero),
        ["AboutTea.TeaIsServedInCups", "AboutTea.WaterBoilsFirst"],
        ["AboutTea.TeaIsServedInCups"],
        new CurrentKoan("AboutTea.WaterBoilsFirst", "Koans/01_AboutTea.cs:19", "What comes first?", null),
        StuckWalks: 2,
        HintsShown: 1,
        Files: [new LearnerFile("Koans/01_AboutTea.cs", "abc", ["AboutTea.TeaIsServedInCups", "AboutTea.WaterBoilsFirst"])]);

    private string _root = null!;
    private TestConsole _console = null!;

    [SetUp]
    public void MakeARoot()
    {
        _root = Directory.CreateTempSubdirectory("state-").FullName;
        // Wide enough for the warning to stay on one line, as it does in a terminal that does not wrap.
        _console = new TestConsole().Width(300);
    }

    [TearDown]
    public void DeleteIt()
    {
        _console.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private StateStore Store => new(_console, new RepoLayout(_root));

    private string FilePath => Path.Combine(_root, StateStore.FileName);

    [Test]
    public void AStateIsReadBackAsItWasWritten()
    {
        Store.Save(Sample);
        var read = Store.Load().ShouldNotBeNull();
        read.FirstWalk.ShouldBe(Sample.FirstWalk);
        read.Path.ShouldBe(Sample.Path);
        read.Passed.ShouldBe(Sample.Passed);
        read.Current.ShouldBe(Sample.Current);
        (read.StuckWalks, read.HintsShown).ShouldBe((2, 1));
        read.Files.ShouldNotBeNull().Single().ShouldBe(Sample.Files![0], new LearnerFileComparer());
        _console.Output.ShouldBeEmpty();
    }

    [Test]
    public void NoStateFileIsNoStateAndNoWarning()
    {
        Store.Load().ShouldBeNull();
        _console.Output.ShouldBeEmpty();
    }

    [TestCase("{ \"firstWalk\": ")]
    [TestCase("{}")]
    [TestCase("null")]
    [TestCase("{\"firstWalk\":\"2026-11-20T09:00:00+00:00\",\"path\":null,\"passed\":[],\"current\":null,\"stuckWalks\":0,\"hintsShown\":0,\"koansFingerprint\":null}")]
    public void AStateFileThatIsNotWhatTheRunnerWritesIsIgnoredWithOneWarning(string text)
    {
        File.WriteAllText(FilePath, text);
        Store.Load().ShouldBeNull();
        NavigationTests.Trimmed(_console.Output).ShouldBe("""
            Your progress file .koans-state.json could not be read (it is not what this runner writes), so the runner starts it afresh.

            """);
    }

    [Test]
    public void AStateFileThatCanBeNeitherReadNorWrittenWarnsOnce()
    {
        Directory.CreateDirectory(FilePath);
        var store = Store;
        store.Load().ShouldBeNull();
        store.Save(Sample);
        store.Save(Sample);
        var lines = NavigationTests.Trimmed(_console.Output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1);
        lines[0].ShouldStartWith($"Your progress file {StateStore.FileName} could not be read (");
    }

    [Test]
    public void AStateThatCannotBeWrittenWarnsOnce()
    {
        Directory.CreateDirectory(FilePath);
        var store = Store;
        store.Save(Sample);
        store.Save(Sample);
        var lines = NavigationTests.Trimmed(_console.Output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1);
        lines[0].ShouldStartWith($"Your progress file {StateStore.FileName} could not be written (");
        lines[0].ShouldEndWith("so the runner will not remember this walk.");
    }
}

/// <summary>Learner files compared by value, their koans included (a record compares its list by reference).</summary>
internal sealed class LearnerFileComparer : IEqualityComparer<LearnerFile>
{
    public bool Equals(LearnerFile? x, LearnerFile? y) =>
        x is not null && y is not null && x.Path == y.Path && x.Digest == y.Digest && x.Koans.SequenceEqual(y.Koans);

    public int GetHashCode(LearnerFile obj) => obj.Path.GetHashCode(StringComparison.Ordinal);
}
