using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ThreadingKoans.Tests;

/// <summary>
/// The sync check between Koans and Solutions: small files written inline first, then the real
/// repository, whose Koans and Solutions must differ only at the blanks.
/// </summary>
public class BlankSyncTests
{
    private const string KoansPath = "Koans/99_AboutThings.cs";
    private const string SolutionsPath = "Solutions/99_AboutThings.cs";

    /// <summary>The line of a file made by <see cref="Topic"/> on which the body starts.</summary>
    private const int BodyLine = 10;

    [Test]
    public void IdenticalFilesHaveNoDifference()
    {
        var text = Topic("var sum = 1 + 1;", "sum.ShouldBe(2);");

        var sync = Sync(text, text);

        sync.Differences.ShouldBeEmpty();
        sync.Blanks.ShouldBeEmpty();
        sync.AllAnswers.ShouldBeEmpty();
    }

    [Test]
    public void WhitespaceAndLineBreaksDoNotMatter()
    {
        var koans = Topic("var sum = 1 + 1;", "sum.ShouldBe(2);");
        var solutions = Topic("var sum=1+1;", "", "sum", "    .ShouldBe( 2 );");

        Sync(koans, solutions).Differences.ShouldBeEmpty();
    }

    [Test]
    public void AValueBlankMatchesAnyExpression()
    {
        var koans = Topic("var sum = 1 + 1;", "sum.ShouldBe(__);");
        var solutions = Topic("var sum = 1 + 1;", "sum.ShouldBe(1 + (int)Math.Sqrt(1));");

        var sync = Sync(koans, solutions);

        sync.Differences.ShouldBeEmpty();
        sync.Blanks.ShouldBe([new BlankSite(BlankKind.Value, BodyLine + 1, 22, "AboutThings", "Something")]);
        var answer = sync.AllAnswers.ShouldHaveSingleItem();
        answer.Text.ShouldBe("1 + (int)Math.Sqrt(1)");
        answer.SolutionsLine.ShouldBe(BodyLine + 1);
    }

    [Test]
    public void ACodeBlankMatchesOneStatement()
    {
        var koans = Topic("var items = new List<string>();", "___();", "items.Count.ShouldBe(1);");
        var solutions = Topic("var items = new List<string>();", "items.Add(\"koan\");", "items.Count.ShouldBe(1);");

        var sync = Sync(koans, solutions);

        sync.Differences.ShouldBeEmpty();
        sync.Blanks.ShouldHaveSingleItem().Kind.ShouldBe(BlankKind.Code);
        sync.AllAnswers.ShouldHaveSingleItem().Text.ShouldBe("items.Add(\"koan\");");
    }

    [Test]
    public void ACodeBlankMatchesSeveralStatements()
    {
        var koans = Topic("var items = new List<string>();", "___();", "items.Count.ShouldBe(2);");
        var solutions = Topic(
            "var items = new List<string>();",
            "items.Add(\"one\");",
            "if (items.Count == 1)",
            "{",
            "    items.Add(\"two\");",
            "}",
            "items.Count.ShouldBe(2);");

        var sync = Sync(koans, solutions);

        sync.Differences.ShouldBeEmpty();
        var answer = sync.AllAnswers.ShouldHaveSingleItem();
        answer.SolutionsLine.ShouldBe(BodyLine + 1);
        answer.Text.ShouldBe("""
            items.Add("one");
            if (items.Count == 1)
            {
                items.Add("two");
            }
            """.ReplaceLineEndings("\n"));
    }

    [Test]
    public void TwoCodeBlanksInOneBlockEachGetTheirOwnStatements()
    {
        var koans = Topic(
            "var items = new List<int>();",
            "___();",
            "items.Count.ShouldBe(1);",
            "___();",
            "items.Count.ShouldBe(3);");
        var solutions = Topic(
            "var items = new List<int>();",
            "items.Add(1);",
            "items.Count.ShouldBe(1);",
            "items.Add(2);",
            "items.Add(3);",
            "items.Count.ShouldBe(3);");

        var sync = Sync(koans, solutions);

        sync.Differences.ShouldBeEmpty();
        sync.Blanks.Select(blank => (blank.Kind, blank.Line)).ShouldBe([(BlankKind.Code, BodyLine + 1), (BlankKind.Code, BodyLine + 3)]);
        sync.AllAnswers.Select(answer => (answer.Blank.Line, answer.SolutionsLine, answer.Text)).ShouldBe(
        [
            (BodyLine + 1, BodyLine + 1, "items.Add(1);"),
            (BodyLine + 3, BodyLine + 3, "items.Add(2);\nitems.Add(3);"),
        ]);
    }

    [Test]
    public void BlanksOfBothKindsInOneKoan()
    {
        var koans = Topic("var items = new List<int>();", "___();", "items.Count.ShouldBe(__);");
        var solutions = Topic("var items = new List<int>();", "items.Add(7);", "items.Add(8);", "items.Count.ShouldBe(2);");

        var sync = Sync(koans, solutions);

        sync.Differences.ShouldBeEmpty();
        sync.Answers("Something").Select(answer => (answer.Blank.Kind, answer.Text)).ShouldBe(
        [
            (BlankKind.Code, "items.Add(7);\nitems.Add(8);"),
            (BlankKind.Value, "2"),
        ]);
    }

    [Test]
    public void ADifferingLiteralOutsideABlankIsADifferenceOnItsLine()
    {
        var koans = Topic("var sum = 1 + 1;", "sum.ShouldBe(__);");
        var solutions = Topic("var sum = 1 + 2;", "sum.ShouldBe(3);");

        var difference = Sync(koans, solutions).Differences.ShouldHaveSingleItem();

        difference.KoansLine.ShouldBe(BodyLine);
        difference.SolutionsLine.ShouldBe(BodyLine);
        difference.ToString().ShouldBe($"{KoansPath}:{BodyLine} and {SolutionsPath}:{BodyLine} differ outside a blank: `1` vs `2`");
    }

    [Test]
    public void LinesAfterALongerAnswerAreReportedOnEachSide()
    {
        var koans = Topic("var items = new List<int>();", "___();", "items.Count.ShouldBe(2);");
        var solutions = Topic("var items = new List<int>();", "items.Add(1);", "items.Add(2);", "items.Count.ShouldBe(3);");

        var difference = Sync(koans, solutions).Differences.ShouldHaveSingleItem();

        difference.KoansLine.ShouldBe(BodyLine + 2);
        difference.SolutionsLine.ShouldBe(BodyLine + 3);
        difference.Explanation.ShouldBe("differ outside a blank: `2` vs `3`");
    }

    [Test]
    public void ADifferingNameIsADifference()
    {
        var koans = Topic("var total = 1;", "total.ShouldBe(__);");
        var solutions = Topic("var sum = 1;", "sum.ShouldBe(1);");

        var differences = Sync(koans, solutions).Differences;

        differences.Select(difference => difference.Explanation).ShouldBe(["differ outside a blank: `total` vs `sum`", "differ outside a blank: `total` vs `sum`"]);
        differences.Select(difference => difference.KoansLine).ShouldBe([BodyLine, BodyLine + 1]);
    }

    [Test]
    public void AnExtraStatementInSolutionsWithoutABlankIsADifference()
    {
        var koans = Topic("var sum = 1 + 1;", "sum.ShouldBe(__);");
        var solutions = Topic("var sum = 1 + 1;", "Console.WriteLine(sum);", "sum.ShouldBe(2);");

        var difference = Sync(koans, solutions).Differences.ShouldHaveSingleItem();

        difference.KoansLine.ShouldBe(BodyLine + 1);
        difference.SolutionsLine.ShouldBe(BodyLine + 1);
        difference.Explanation.ShouldBe("differ: Solutions has `Console.WriteLine(sum);` with no blank for it in Koans");
    }

    [Test]
    public void AStatementMissingFromSolutionsIsADifference()
    {
        var koans = Topic("var sum = 1 + 1;", "Console.WriteLine(sum);", "sum.ShouldBe(__);");
        var solutions = Topic("var sum = 1 + 1;", "sum.ShouldBe(2);");

        var difference = Sync(koans, solutions).Differences.ShouldHaveSingleItem();

        difference.KoansLine.ShouldBe(BodyLine + 1);
        difference.Explanation.ShouldBe("differ: Koans has `Console.WriteLine(sum);` that Solutions lacks");
    }

    [Test]
    public void AnExtraMethodInSolutionsIsADifference()
    {
        var koans = Topic("true.ShouldBe(__);");
        var solutions = Topic("true.ShouldBe(true);").Replace(
            "public class AboutThings\n{\n",
            "public class AboutThings\n{\n    private static int Helper() => 1;\n",
            StringComparison.Ordinal);

        var difference = Sync(koans, solutions).Differences.ShouldHaveSingleItem();

        difference.SolutionsLine.ShouldBe(5);
        difference.Explanation.ShouldStartWith("differ: Solutions has `private static int Helper() => 1;`");
    }

    [Test]
    public void ADifferingCommentIsADifference()
    {
        var koans = Topic("// Two ones.", "var sum = 1 + 1;", "sum.ShouldBe(__);");
        var solutions = Topic("// Two   ones,", "var sum = 1 + 1;", "sum.ShouldBe(2);");

        var difference = Sync(koans, solutions).Differences.ShouldHaveSingleItem();

        difference.KoansLine.ShouldBe(BodyLine);
        difference.Explanation.ShouldBe("differ in a comment: `// Two ones.` vs `// Two ones,`");
    }

    [Test]
    public void CommentsMayDifferInWhitespaceOnly()
    {
        var koans = Topic("// Two ones.", "var sum = 1 + 1; // Then compare.", "sum.ShouldBe(__);");
        var solutions = Topic("//   Two ones.  ", "var sum = 1 + 1;    // Then  compare.", "sum.ShouldBe(2);");

        Sync(koans, solutions).Differences.ShouldBeEmpty();
    }

    [Test]
    public void ACommentOnlyOneSideHasIsADifference()
    {
        var koans = Topic("var sum = 1 + 1;", "sum.ShouldBe(__);");
        var solutions = Topic("var sum = 1 + 1;", "sum.ShouldBe(2); // Two.");

        var difference = Sync(koans, solutions).Differences.ShouldHaveSingleItem();

        difference.SolutionsLine.ShouldBe(BodyLine + 1);
        difference.Explanation.ShouldBe("differ in a comment: nothing vs `// Two.`");
    }

    [Test]
    public void TheCommentAboveACodeBlankMustStayButCommentsInsideTheAnswerMayBeNew()
    {
        var koans = Topic("var items = new List<int>();", "// Fill the list.", "___();", "items.Count.ShouldBe(2);");
        var solutions = Topic(
            "var items = new List<int>();",
            "// Fill the list.",
            "items.Add(1);",
            "// A second one.",
            "items.Add(2);",
            "items.Count.ShouldBe(2);");
        var withoutComment = Topic("var items = new List<int>();", "items.Add(1);", "items.Add(2);", "items.Count.ShouldBe(2);");

        var sync = Sync(koans, solutions);
        var lost = Sync(koans, withoutComment).Differences.ShouldHaveSingleItem();

        sync.Differences.ShouldBeEmpty();
        sync.AllAnswers.ShouldHaveSingleItem().Text.ShouldBe("items.Add(1);\n// A second one.\nitems.Add(2);");
        lost.Explanation.ShouldBe("differ in a comment: `// Fill the list.` vs nothing");
    }

    [Test]
    public void AValueBlankLeftInSolutionsIsUnanswered()
    {
        var koans = Topic("var sum = 1 + 1;", "sum.ShouldBe(__);");

        var difference = Sync(koans, koans).Differences.ShouldHaveSingleItem();

        difference.KoansLine.ShouldBe(BodyLine + 1);
        difference.SolutionsLine.ShouldBe(BodyLine + 1);
        difference.Explanation.ShouldContain("value blank is unanswered");
    }

    [Test]
    public void ACodeBlankLeftInSolutionsIsUnanswered()
    {
        var koans = Topic("var items = new List<int>();", "___();", "items.Count.ShouldBe(1);");

        var sync = Sync(koans, koans);

        sync.Differences.ShouldHaveSingleItem().Explanation.ShouldContain("code blank is unanswered");
        sync.AllAnswers.ShouldBeEmpty();
    }

    [Test]
    public void ACodeBlankWithNothingInSolutionsIsADifference()
    {
        var koans = Topic("var items = new List<int>();", "___();", "items.Count.ShouldBe(0);");
        var solutions = Topic("var items = new List<int>();", "items.Count.ShouldBe(0);");

        var difference = Sync(koans, solutions).Differences.ShouldHaveSingleItem();

        difference.KoansLine.ShouldBe(BodyLine + 1);
        difference.Explanation.ShouldBe("differ: Solutions has no statement for the code blank `___();`");
    }

    [Test]
    public void ABlankInSolutionsWhereKoansHasNoneIsADifference()
    {
        var koans = Topic("true.ShouldBe(true);");
        var solutions = Topic("true.ShouldBe(__);");

        Sync(koans, solutions).Differences.ShouldHaveSingleItem().Explanation
            .ShouldBe("differ: Solutions has the blank `__` where Koans has `true`");
    }

    [Test]
    public void BlanksInsideALambdaAreMatchedToo()
    {
        var koans = Topic("var seen = 0;", "Action act = () =>", "{", "    ___();", "};", "act();", "seen.ShouldBe(__);");
        var solutions = Topic("var seen = 0;", "Action act = () =>", "{", "    seen++;", "    seen++;", "};", "act();", "seen.ShouldBe(2);");

        var sync = Sync(koans, solutions);

        sync.Differences.ShouldBeEmpty();
        sync.AllAnswers.Select(answer => answer.Text).ShouldBe(["seen++;\nseen++;", "2"]);
    }

    [Test]
    public void ADifferingHintIsADifference()
    {
        var koans = Topic("true.ShouldBe(__);");
        var solutions = Topic("true.ShouldBe(true);").Replace("A hint.", "The answer is true.", StringComparison.Ordinal);

        var difference = Sync(koans, solutions).Differences.ShouldHaveSingleItem();

        difference.KoansLine.ShouldBe(6);
        difference.Explanation.ShouldBe("differ outside a blank: `\"A hint.\"` vs `\"The answer is true.\"`");
    }

    [Test]
    public void AFileThatDoesNotParseIsReported()
    {
        var koans = Topic("true.ShouldBe(__);");
        var solutions = Topic("true.ShouldBe(true)");

        Sync(koans, solutions).Differences.ShouldContain(difference => difference.Explanation.StartsWith("cannot be compared: Solutions does not parse", StringComparison.Ordinal));
    }

    [Test]
    public void AnswersAreFoundByMethodNameWithOrWithoutTheClass()
    {
        var sync = Sync(Topic("true.ShouldBe(__);"), Topic("true.ShouldBe(true);"));

        sync.Answers("Something").ShouldHaveSingleItem().Text.ShouldBe("true");
        sync.Answers("AboutThings.Something").ShouldHaveSingleItem().Text.ShouldBe("true");
        sync.Answers("Koans.AboutThings.Something").ShouldHaveSingleItem().Text.ShouldBe("true");
        sync.Answers("Other").ShouldBeEmpty();
        sync.Answers("AboutOther.Something").ShouldBeEmpty();
        BlankSync.Answers(Topic("true.ShouldBe(__);"), Topic("true.ShouldBe(true);"), "Something")
            .ShouldHaveSingleItem().Text.ShouldBe("true");
    }

    [Test]
    public void ACompareOfTheFirstFormReturnsTheDifferencesOnly()
    {
        var differences = BlankSync.Compare(Topic("1.ShouldBe(__);"), Topic("2.ShouldBe(1);"), KoansPath, SolutionsPath);

        differences.ShouldHaveSingleItem().Explanation.ShouldBe("differ outside a blank: `1` vs `2`");
    }

    [Test]
    public void EveryKoansFileHasASolutionsTwinAndEverySolutionsFileAKoansTwin()
    {
        var koans = SourceFiles(RepoPaths.Koans);
        var solutions = SourceFiles(RepoPaths.Solutions);

        koans.ShouldNotBeEmpty();
        koans.Except(solutions).ShouldBeEmpty("Koans files without a Solutions twin");
        solutions.Except(koans).ShouldBeEmpty("Solutions files without a Koans twin");
    }

    [Test]
    public void TheRealKoansAndSolutionsDifferOnlyAtTheBlanksAndEveryBlankIsAnswered()
    {
        var problems = new List<string>();
        var pairs = SourceFiles(RepoPaths.Koans).Intersect(SourceFiles(RepoPaths.Solutions)).ToList();
        foreach (var name in pairs)
        {
            var sync = BlankSync.OfFiles(
                Path.Combine(RepoPaths.Koans, name),
                Path.Combine(RepoPaths.Solutions, name),
                RepoPaths.Root);
            problems.AddRange(sync.Differences.Select(difference => difference.ToString()));
            var answered = sync.AllAnswers.Select(answer => answer.Blank).ToHashSet();
            problems.AddRange(sync.Blanks
                .Where(blank => !answered.Contains(blank))
                .Select(blank => $"Koans/{name}:{blank.Line} has a blank with no answer in Solutions"));
        }

        pairs.ShouldNotBeEmpty();
        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));
    }

    [Test]
    public void EveryKoanInTheRealKoansHasABlank()
    {
        var problems = new List<string>();
        var koanCount = 0;
        foreach (var name in SourceFiles(RepoPaths.Koans))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(RepoPaths.Koans, name))).GetRoot();
            foreach (var method in root.DescendantNodes().OfType<MethodDeclarationSyntax>().Where(IsKoan))
            {
                koanCount++;
                if (!method.DescendantNodes().Any(node => BlankSyntax.IsValueBlank(node) || BlankSyntax.IsCodeBlank(node)))
                {
                    var line = method.Identifier.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    problems.Add($"Koans/{name}:{line} koan {method.Identifier.ValueText} has no blank");
                }
            }
        }

        koanCount.ShouldBeGreaterThan(0);
        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));
    }

    private static bool IsKoan(MethodDeclarationSyntax method)
        => method.AttributeLists
            .SelectMany(list => list.Attributes)
            .Select(attribute => attribute.Name switch
            {
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => attribute.Name.ToString(),
            })
            .Any(name => name is "Koan" or "KoanAttribute");

    /// <summary>The names of the C# files directly in a folder, sorted.</summary>
    private static List<string> SourceFiles(string folder)
        => Directory.GetFiles(folder, "*.cs", SearchOption.TopDirectoryOnly)
            .Select(path => Path.GetFileName(path))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static BlankSync Sync(string koans, string solutions) => BlankSync.Of(koans, solutions, KoansPath, SolutionsPath);

    /// <summary>A topic file with one koan whose body is <paramref name="body"/>, starting on <see cref="BodyLine"/>.</summary>
    private static string Topic(params string[] body)
    {
        var lines = new List<string>
        {
            "namespace Koans;",
            "",
            "public class AboutThings",
            "{",
            "    // A koan about things.",
            "    [Koan(\"A hint.\")]",
            "    public void Something()",
            "    {",
        };
        lines.Add("        // The body follows.");
        lines.AddRange(body.Select(line => line.Length == 0 ? line : "        " + line));
        lines.Add("    }");
        lines.Add("}");
        return string.Join('\n', lines) + "\n";
    }
}
