using System.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ThreadingKoans.Tests;

/// <summary>
/// The other front door, end to end: <c>dotnet test</c> in the learner's project and at the repository's
/// root, on throw-away copies at three points of the path. Its last screen is the runner's koan report
/// (plain text, since the output is not a terminal here), with no line per later koan; the root runs the
/// learner's koans only. The counts come from the path as it is, so they follow it as it grows.
/// </summary>
[Category(TestLanes.Process)]
[TestFixture]
[NonParallelizable]
public sealed class DotnetTestTests
{
    /// <summary>The most lines the whole output of <c>dotnet test Koans</c> may take midway, build lines included.</summary>
    private const int MidwayScreen = 40;

    private static readonly IReadOnlyList<(int Topic, string Class, string Name, int Line)> Path = ReadPath();

    // Each test works on one copy, several runs in turn. The first starts from a fresh copy (its first run restores and
    // builds it, as a learner's first run does); the others start built, as a learner's copy is after that first run.
    [Test]
    public void AtTheStartBothDoorsShowTheFirstKoanAndAnEscapeFailsItsKoan()
    {
        using var repo = new TempRepo();
        foreach (var door in new[] { "Koans", "." })
        {
            var (exit, output) = DotnetTest(repo, door);
            exit.ShouldBe(1, output);
            ShowsTheKoan(repo, output, Path[0], passed: 0);
        }

        // What IDEs and --list-tests show is NUnit's order (class, then method, by name); the runner's
        // order is the path's. The names shown are the koans' own, which reset and --koan use too.
        var (_, list) = DotnetTest(repo, "Koans", "--list-tests");
        var listed = Lines(list).SkipWhile(line => !line.StartsWith("The following Tests are available:", StringComparison.Ordinal)).Skip(1)
            .Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
        listed.ShouldBe([.. Path.OrderBy(koan => koan.Class, StringComparer.OrdinalIgnoreCase).ThenBy(koan => koan.Name, StringComparer.OrdinalIgnoreCase).Select(koan => koan.Name)]);

        // An exception that escapes a learner's thread fails the koan at once, and the run goes on. The koan waits
        // for a signal nobody sends: only the escape (or, if it is not caught, the koan's time limit) ends it, so
        // the escape is this koan's however slowly the thread starts.
        repo.Edit(1, "true.ShouldBe(__);", "new Thread(() => throw new InvalidOperationException(\"boom\")) { Name = \"careless\" }.Start(); new ManualResetEventSlim().Wait();");
        var (escapeExit, escape) = DotnetTest(repo, "Koans");
        escapeExit.ShouldBe(1, escape);
        escape.ShouldContain($"{Path[0].Class}.{Path[0].Name} has damaged your karma.");
        Flat(escape).ShouldContain($"An exception escaped thread 'careless': System.InvalidOperationException: boom, thrown at Koans/01_AboutAsserts.cs:{repo.LineOf(1, "boom")}.");
        escape.ShouldNotContain("Passed!");
        escape.ShouldNotContain("Aborted");
        escape.ShouldNotContain("was still running", customMessage: "the koan ends when the exception escapes, not at its time limit");
    }

    [Test]
    public void MidwayTheWholeOutputIsTheReportOfTheNextKoanAndAFilteredRunCountsFromTheRecord()
    {
        using var repo = TempRepo.Built();
        for (var topic = 1; topic < 13; topic++)
        {
            repo.Solve(topic);
        }

        var next = Path.First(koan => koan.Topic == 13);
        var passed = Path.Count(koan => koan.Topic < 13);
        var (exit, output) = DotnetTest(repo, "Koans");
        exit.ShouldBe(1, output);
        ShowsTheKoan(repo, output, next, passed);
        Lines(output).Length.ShouldBeLessThanOrEqualTo(MidwayScreen, $"the whole output midway, build lines included:\n{output}");
        TestContext.Out.WriteLine($"dotnet test Koans midway, its first run: {Lines(output).Length} lines");

        var (rootExit, root) = DotnetTest(repo, ".");
        rootExit.ShouldBe(1, root);
        ShowsTheKoan(repo, root, next, passed);
        root.ShouldNotContain("Solutions");
        root.ShouldNotContain("PathToEnlightenment.Tests");
        TestContext.Out.WriteLine($"dotnet test at the root midway: {Lines(root).Length} lines");

        // A run of one koan counts the others as the record has them, or leaves the progress out without one.
        var (_, filtered) = DotnetTest(repo, "Koans", "--filter", $"Name={next.Name}");
        filtered.ShouldContain($"{next.Class}.{next.Name} has damaged your karma.");
        filtered.ShouldContain($"Path {passed}/{Path.Count}");
        File.Delete(System.IO.Path.Combine(repo.Root, StateStore.FileName));
        var (_, unrecorded) = DotnetTest(repo, "Koans", "--filter", $"Name={next.Name}");
        unrecorded.ShouldContain($"{next.Class}.{next.Name} has damaged your karma.");
        unrecorded.ShouldNotContain("Path ");
    }

    [Test]
    public void AnEnlightenedPathSaysSoAtBothDoors()
    {
        using var repo = TempRepo.Built();
        repo.SolveAll();
        foreach (var door in new[] { "Koans", "." })
        {
            var (exit, output) = DotnetTest(repo, door);
            exit.ShouldBe(0, output);
            output.ShouldContain("Enlightenment");
            output.ShouldContain($"All {Path.Count} koans of all {Path.Select(koan => koan.Topic).Distinct().Count()} topics pass.");
            output.ShouldNotContain("Solutions");
        }
    }

    private static void ShowsTheKoan(TempRepo repo, string output, (int Topic, string Class, string Name, int Line) koan, int passed)
    {
        var topics = Path.Select(info => info.Topic).Distinct().Count();
        var file = repo.KoanFile(koan.Topic);
        var blank = KoanText.Find(File.ReadAllText(file), koan.Class, koan.Name)?.FirstBlankLine ?? koan.Line;
        output.ShouldContain($"── {koan.Topic:00} {koan.Class} ─");
        output.ShouldContain($"{koan.Class}.{koan.Name} has damaged your karma.");
        output.ShouldContain($"Meditate on Koans/{System.IO.Path.GetFileName(file)}:{blank}");
        output.ShouldContain($"Path {passed}/{Path.Count}");
        output.ShouldContain($"topic {koan.Topic} of {topics}: 0/{Path.Count(info => info.Topic == koan.Topic)}");
        output.ShouldContain("dotnet run --project PathToEnlightenment -- hint");
        output.ShouldNotContain("\u001b", customMessage: "no escape codes without a terminal");
        output.ShouldNotContain("  Skipped ", customMessage: "no line per later koan");
        output.ShouldNotContain("1)    at ", customMessage: "the stack trace at most once");
        foreach (var later in Path.SkipWhile(info => info != koan).Skip(1))
        {
            output.ShouldNotContain(later.Name, customMessage: $"a later koan ({later.Class}.{later.Name}) was named");
        }

        Lines(output).TakeLast(3).ShouldContain(line => line.StartsWith("Failed!", StringComparison.Ordinal), "the report is the last screen, above the summary line");
    }

    private static (int Exit, string Output) DotnetTest(TempRepo repo, string door, params string[] more)
    {
        var start = new ProcessStartInfo(Dotnet.Host)
        {
            WorkingDirectory = repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("test");
        start.ArgumentList.Add(door);
        foreach (var argument in more)
        {
            start.ArgumentList.Add(argument);
        }

        var outcome = Dotnet.Run(start, TimeSpan.FromMinutes(4));
        outcome.Exited.ShouldBeTrue($"dotnet test {door} did not finish in 4 minutes:\n{outcome.Output}");
        return (outcome.ExitCode!.Value, outcome.Output + outcome.Errors);
    }

    /// <summary>The output in one line, as the console wraps it at its width.</summary>
    private static string Flat(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");

    private static string[] Lines(string output) => output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    /// <summary>The koans of the path, in its order: topics by their file's number, koans by line.</summary>
    private static List<(int Topic, string Class, string Name, int Line)> ReadPath() =>
        [.. Directory.GetFiles(RepoPaths.Koans, "*_*.cs").Where(file => ThreadingKoans.Engine.PathOrder.TopicNumber(file) > 0)
            .SelectMany(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
                .Where(method => method.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => attribute.Name.ToString() == "Koan"))
                .Select(method => (
                    Topic: ThreadingKoans.Engine.PathOrder.TopicNumber(file),
                    Class: ((TypeDeclarationSyntax)method.Parent!).Identifier.ValueText,
                    Name: method.Identifier.ValueText,
                    Line: method.GetLocation().GetLineSpan().StartLinePosition.Line + 1)))
            .OrderBy(koan => koan.Topic)
            .ThenBy(koan => koan.Line)];
}
