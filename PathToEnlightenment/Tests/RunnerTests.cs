using System.Diagnostics;
using Spectre.Console.Testing;

namespace ThreadingKoans.Tests;

/// <summary>
/// The runner end to end, on a throw-away copy of the repository: it builds the copy's koans, runs them
/// and reports the next one, and survives what a learner can write (hangs, crashing threads, compile
/// errors, deleted files) within its time bound.
/// </summary>
[Category(TestLanes.Process)]
[TestFixture]
[NonParallelizable]
public sealed class RunnerTests
{
    /// <summary>The most a single runner call may take once the copy's packages are restored.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private TempRepo _repo = null!;

    // Every copy is as a learner's first walk leaves it (restored, built once with dotnet build), so that
    // the time bound measures a walk after it: the runner's own work.
    [SetUp]
    public void CopyTheRepository() => _repo = TempRepo.Built();

    [TearDown]
    public void DeleteTheCopy() => _repo.Dispose();

    [Test]
    public void AFreshCopyPointsAtTheFirstKoan()
    {
        var (exit, output, _) = Walk();
        exit.ShouldBe(ExitCodes.KoansLeft);
        output.ShouldContain("AboutAsserts.TrueIsTrue has damaged your karma.");
        output.ShouldContain($"Koans/01_AboutAsserts.cs:{_repo.LineOf(1, "true.ShouldBe(__)")}");
        output.ShouldContain("Path 0/");
        output.ShouldContain("What this topic is about");
    }

    [Test]
    public void AnsweringTheFirstTopicMovesTheLearnerToTheSecond()
    {
        _repo.Solve(1);
        var (exit, output, _) = Walk();
        exit.ShouldBe(ExitCodes.KoansLeft);
        output.ShouldContain("── 02 ");
        output.ShouldContain("Koans/02_");
        output.ShouldNotContain("AboutAsserts.");
    }

    [Test]
    public void AFullyAnsweredPathIsEnlightenment()
    {
        _repo.SolveAll();
        var (exit, output, _) = Walk();
        output.ShouldContain("Enlightenment");
        exit.ShouldBe(ExitCodes.Enlightened);
    }

    [Test]
    public void AKoanThatWaitsForeverIsStoppedAndNamed()
    {
        _repo.Edit(1, "true.ShouldBe(__);", "new ManualResetEventSlim().Wait();");
        var (exit, output, took) = Walk();
        exit.ShouldBe(ExitCodes.KoansLeft);
        output.ShouldContain("AboutAsserts.TrueIsTrue never finished, so it was stopped.");
        output.ShouldContain("It went on past its time limit of 5 s.");
        took.ShouldBeLessThan(Bound);
    }

    [Test]
    public void AHostThatStopsAnsweringIsKilledAndTheKoanNamed()
    {
        // A constructor runs outside the koan's own time limit, so only the runner's watchdog can stop it.
        _repo.Edit(1, "public class AboutAsserts\n{", "public class AboutAsserts\n{\n    public AboutAsserts() => new ManualResetEventSlim().Wait();\n");
        var (exit, output, took) = Walk();
        exit.ShouldBe(ExitCodes.KoansLeft);
        output.ShouldContain("AboutAsserts.TrueIsTrue never finished, so it was stopped.");
        took.ShouldBeLessThan(Bound);
    }

    [Test]
    public void AnExceptionEscapingAThreadFailsItsKoanAtOnceWithItsPlace()
    {
        _repo.Edit(1, "true.ShouldBe(__);", "new Thread(() => throw new InvalidOperationException(\"boom\")) { Name = \"careless\" }.Start(); new ManualResetEventSlim().Wait();");
        var (exit, output, took) = Walk();
        exit.ShouldBe(ExitCodes.KoansLeft);
        output.ShouldContain("AboutAsserts.TrueIsTrue has damaged your karma.");
        output.ShouldContain("An exception escaped thread 'careless': System.InvalidOperationException: boom, thrown at");
        output.ShouldContain($"Meditate on Koans/01_AboutAsserts.cs:{_repo.LineOf(1, "boom")}");
        output.ShouldNotContain("was still running", customMessage: "the koan ends when the exception escapes, not at its time limit");
        took.ShouldBeLessThan(Bound);
    }

    [Test]
    public void ATaskLeftFailedWithoutAnyoneLookingFailsTheKoanThatLeftIt()
    {
        // The koan passes its own assertion, but drops a task that failed: the engine reports it there, not in a later koan.
        // The task is faulted on the koan's own thread, so no ThreadPool thread still holds it when the koan ends.
        _repo.Edit(1, "true.ShouldBe(__);", "var dropped = new TaskCompletionSource(); try { throw new InvalidOperationException(\"lost\"); } catch (InvalidOperationException e) { dropped.SetException(e); }");
        var (exit, output, took) = Walk();
        exit.ShouldBe(ExitCodes.KoansLeft);
        output.ShouldContain("AboutAsserts.TrueIsTrue has damaged your karma.");
        output.ShouldContain("A task failed with System.InvalidOperationException: lost, thrown at Koans/01_AboutAsserts.cs:");
        output.ShouldContain("and nobody looked");
        took.ShouldBeLessThan(Bound);
    }

    [Test]
    public void AnyValidCSharpBuildsInTheLearnersProject()
    {
        // No braces, a null in a non-nullable string, a block-bodied namespace: our style, not the learner's.
        File.WriteAllText(Path.Combine(_repo.Koans, "MyOwnStyle.cs"), """
            namespace Koans.Mine
            {
                public static class MyOwnStyle
                {
                    public static string Pick(bool any)
                    {
                        string name = null;
                        if (!any) return name;
                        return "any";
                    }
                }
            }
            """);
        BuildStamp.Forget(new RepoLayout(_repo.Root)); // through dotnet build, with our strict root props, not only the in-process compile
        var (exit, output, _) = Walk();
        exit.ShouldBe(ExitCodes.KoansLeft);
        output.ShouldNotContain("do not compile");
        output.ShouldContain("AboutAsserts.TrueIsTrue has damaged your karma.");
    }

    [Test]
    public void ACompileErrorIsTheNextThingToFix()
    {
        _repo.Edit(1, "true.ShouldBe(__);", "true.ShouldBe(__)");
        var (exit, output, took) = Walk();
        exit.ShouldBe(ExitCodes.KoansLeft);
        output.ShouldContain("The koans do not compile yet");
        output.ShouldContain($"Koans/01_AboutAsserts.cs:{_repo.LineOf(1, "true.ShouldBe(__)")}: CS1002: ; expected");
        took.ShouldBeLessThan(Bound);
    }

    [Test]
    public void AnAnswerOfTheWrongTypeInAShouldlyCallSaysWhichTypesDisagree()
    {
        _repo.Edit(1, "true.ShouldBe(__);", "var words = new List<string>(); words.ShouldBe(new[] { \"a\", \"b\" }, \"why\");");
        var (exit, output, _) = Walk();
        exit.ShouldBe(ExitCodes.KoansLeft);
        output.ShouldContain("CS1503");
        output.ShouldContain("In other words:");
        output.ShouldContain("List<string>");
        output.ShouldContain("string[]");
    }

    [Test]
    public void ADeletedTopicFileIsNamed()
    {
        File.Delete(_repo.KoanFile(1));
        var (exit, output, _) = Walk();
        exit.ShouldBe(ExitCodes.KoansLeft);
        output.ShouldContain("Koans/01_AboutAsserts.cs is missing (deleted or renamed?)");
        System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ").ShouldContain("or without git by copying PathToEnlightenment/OriginalKoans/01_AboutAsserts.cs.txt to Koans/01_AboutAsserts.cs.");
    }

    [Test]
    public void ARenamedTopicFileIsNamed()
    {
        File.Move(_repo.KoanFile(1), Path.Combine(_repo.Koans, "AboutAsserts.cs"));
        var (_, output, _) = Walk();
        output.ShouldContain("Koans/AboutAsserts.cs holds a topic, but its name does not start with the topic's number");
    }

    [Test]
    public void AMissingKoansFolderIsOneClearSentence()
    {
        Directory.Delete(_repo.Koans, recursive: true);
        var (exit, output, _) = Walk();
        exit.ShouldBe(ExitCodes.KoansLeft);
        output.Trim().ShouldStartWith("There is no Koans folder in");
    }

    [Test]
    public void AMissingKoansProjectIsOneClearSentence()
    {
        File.Delete(Path.Combine(_repo.Koans, "Koans.csproj"));
        var (exit, output, _) = Walk();
        exit.ShouldBe(ExitCodes.KoansLeft);
        output.Trim().ShouldBe("Koans/Koans.csproj is missing, so the koans cannot be built; restore it with `git checkout -- Koans/Koans.csproj`.");
    }

    private (int Exit, string Output, TimeSpan Took) Walk()
    {
        var console = new TestConsole().Width(120);
        var clock = Stopwatch.StartNew();
        using var runner = new KoanRunner(console, HostLimits.Default, TimeSpan.FromMinutes(5));
        var exit = KoanSession.With(console, new RepoLayout(_repo.Root), runner).Walk();
        return (exit, console.Output, clock.Elapsed);
    }
}
