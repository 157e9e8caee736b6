using Spectre.Console.Testing;

namespace ThreadingKoans.Tests;

/// <summary>
/// The originals the repository carries for <c>reset</c> and the answers shown after a pass: they are the
/// koans byte for byte, and <c>reset</c> works from them in a copy without git.
/// </summary>
[TestFixture]
public sealed class OriginalKoansTests
{
    [Test]
    public void TheCarriedOriginalsAreTheKoansByteForByte()
    {
        var folder = Path.Combine(RepoPaths.Root, "PathToEnlightenment", "OriginalKoans");
        var koans = Directory.GetFiles(RepoPaths.Koans, "*.cs").Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal).ToList();
        koans.ShouldNotBeEmpty();
        var wrong = new List<string>();
        foreach (var koan in koans)
        {
            var copy = Path.Combine(folder, koan + ".txt");
            if (!File.Exists(copy))
            {
                wrong.Add($"{koan}.txt is missing");
            }
            else if (!File.ReadAllBytes(copy).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(RepoPaths.Koans, koan))))
            {
                wrong.Add($"{koan}.txt differs from Koans/{koan}");
            }
        }

        var copies = Directory.Exists(folder) ? Directory.GetFileSystemEntries(folder).Select(entry => Path.GetFileName(entry)) : [];
        wrong.AddRange(copies
            .Where(copy => !copy.EndsWith(".txt", StringComparison.Ordinal) || !koans.Contains(copy[..^".txt".Length], StringComparer.Ordinal))
            .Select(copy => $"{copy} is not a copy of a Koans/*.cs file"));
        wrong.ShouldBeEmpty("PathToEnlightenment/OriginalKoans/ must hold a byte-for-byte copy of each Koans/*.cs file: run .ci/refresh-originals");
    }

    [Test]
    [Category(TestLanes.Process)]
    public void ResetInACopyWithoutGitPutsBackTheBlankAndKeepsTheOtherAnswers()
    {
        using var repo = new TempRepo();
        Directory.Exists(Path.Combine(repo.Root, ".git")).ShouldBeFalse();
        repo.Edit(1, "true.ShouldBe(__);", "true.ShouldBe(true);");
        repo.Edit(1, "sum.ShouldBe(__);", "sum.ShouldBe(2);");
        var console = new TestConsole().Width(200);

        using var runner = new KoanRunner(console, HostLimits.Default, TimeSpan.FromMinutes(5));
        KoanSession.With(console, new RepoLayout(repo.Root), runner).Reset("AboutAsserts.TrueIsTrue").ShouldBe(ExitCodes.Done);

        console.Output.Trim().ShouldBe(
            $"Reset AboutAsserts.TrueIsTrue at Koans/01_AboutAsserts.cs:{repo.LineOf(1, "A ShouldBe compares")} to its original text, " +
            "from PathToEnlightenment/OriginalKoans/01_AboutAsserts.cs.txt. Your other answers are as you left them.");
        var text = File.ReadAllText(repo.KoanFile(1));
        text.ShouldContain("true.ShouldBe(__);");
        text.ShouldContain("sum.ShouldBe(2);");
        text.ShouldBe(File.ReadAllText(Path.Combine(RepoPaths.Koans, "01_AboutAsserts.cs")).Replace("sum.ShouldBe(__);", "sum.ShouldBe(2);", StringComparison.Ordinal));
    }
}
