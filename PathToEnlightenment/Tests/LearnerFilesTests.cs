namespace ThreadingKoans.Tests;

/// <summary>
/// The progress model's one rule for not running a koan again: it passed, its file is unchanged, and so
/// is every file of the learner's own code its file names a type of.
/// </summary>
[TestFixture]
public sealed class LearnerFilesTests
{
    private const string Tea = "Koans/01_AboutTea.cs";
    private const string Coffee = "Koans/02_AboutCoffee.cs";
    private string _root = null!;
    private RepoLayout _layout = null!;
    private WalkState _state = null!;

    [SetUp]
    public void MakeAPath()
    {
        _root = Directory.CreateTempSubdirectory("learner-files-").FullName;
        _layout = new RepoLayout(_root);
        Directory.CreateDirectory(_layout.Koans);
        Write(Tea, "public class AboutTea { public void Boils() { new Kettle().Heat(); } public void Steeps() { } }");
        Write(Coffee, "public class AboutCoffee { public void IsBitter() { } }");
        Write("Koans/Kettle.cs", "public class Kettle { public void Heat() { } }");
        Write("Koans/obj/Generated.cs", "// build output is not the learner's");
        var koans = new Dictionary<string, string[]>
        {
            [Tea] = ["AboutTea.Boils", "AboutTea.Steeps"],
            [Coffee] = ["AboutCoffee.IsBitter"],
        };
        var files = LearnerFiles.Of(_layout).Select(file => file with { Koans = koans.GetValueOrDefault(file.Path) ?? [] }).ToList();
        _state = WalkState.Begin(DateTimeOffset.UnixEpoch) with
        {
            Path = ["AboutTea.Boils", "AboutTea.Steeps", "AboutCoffee.IsBitter"],
            Passed = ["AboutTea.Boils", "AboutTea.Steeps", "AboutCoffee.IsBitter"],
            Files = files,
        };
    }

    [TearDown]
    public void DeleteIt() => Directory.Delete(_root, recursive: true);

    [Test]
    public void TheLearnersFilesAreEveryCSharpFileOutsideTheBuildOutput() =>
        LearnerFiles.Of(_layout).Select(file => file.Path).ShouldBe([Tea, Coffee, "Koans/Kettle.cs"], ignoreOrder: true);

    [Test]
    public void NothingChangedSoEveryPassStands() =>
        StillPassing().ShouldBe(["AboutTea.Boils", "AboutTea.Steeps", "AboutCoffee.IsBitter"], ignoreOrder: true);

    [Test]
    public void AChangedTopicFileRunsItsKoansAgain()
    {
        Write(Coffee, "public class AboutCoffee { public void IsBitter() { /* answered */ } }");
        StillPassing().ShouldBe(["AboutTea.Boils", "AboutTea.Steeps"], ignoreOrder: true);
    }

    [Test]
    public void AChangeToTheLearnersOwnCodeRunsAgainTheTopicsThatNameItsTypes()
    {
        Write("Koans/Kettle.cs", "public class Kettle { public void Heat() { System.Console.WriteLine(); } }");
        StillPassing().ShouldBe(["AboutCoffee.IsBitter"]);
    }

    [Test]
    public void ANewFileOfTheLearnersOwnCodeThatNoTopicNamesChangesNothing()
    {
        Write("Koans/Teapot.cs", "public class Teapot { }");
        StillPassing().Count.ShouldBe(3);
    }

    [Test]
    public void ADeletedFileOfTheLearnersOwnCodeRunsEverythingAgain()
    {
        File.Delete(Path.Combine(_root, "Koans/Kettle.cs"));
        StillPassing().ShouldBeEmpty();
    }

    [Test]
    public void AKoanThatFailedIsNeverTakenAsPassing()
    {
        _state = _state with { Passed = ["AboutTea.Boils"] };
        StillPassing().ShouldBe(["AboutTea.Boils"]);
    }

    [Test]
    public void ARecordWithoutFilesTakesNothingAsPassing()
    {
        _state = _state with { Files = null };
        StillPassing().ShouldBeEmpty();
    }

    private IReadOnlySet<string> StillPassing() => LearnerFiles.StillPassing(_state, LearnerFiles.Of(_layout), _layout);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
