using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ThreadingKoans.Tests;

/// <summary>
/// The runner's answer lookup (the answer a passed koan is shown with) finds, for every koan of the path, what the
/// maintainers' sync check finds: Solutions' text in each of the koan's blanks, in order.
/// </summary>
[TestFixture]
public sealed class AnswerLookupTests
{
    [Test]
    public void EveryKoansAnswersAreWhatTheSyncCheckFinds()
    {
        var koans = 0;
        var wrong = new List<string>();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Koans, "*.cs").Where(file => TopicFiles.Name().IsMatch(Path.GetFileName(file))))
        {
            var original = File.ReadAllText(file);
            var solutions = File.ReadAllText(Path.Combine(RepoPaths.Solutions, Path.GetFileName(file)));
            var sync = BlankSync.Of(original, solutions, "Koans", "Solutions");
            foreach (var method in CSharpSyntaxTree.ParseText(original).GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
                .Where(method => method.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => attribute.Name.ToString() == "Koan")))
            {
                var topic = ((TypeDeclarationSyntax)method.Parent!).Identifier.ValueText;
                var expected = sync.Answers($"{topic}.{method.Identifier.ValueText}").Select(answer => answer.Text).ToList();
                var found = AnswerLookup.For(original, solutions, topic, method.Identifier.ValueText);
                koans++;
                if (!found.SequenceEqual(expected))
                {
                    wrong.Add($"{topic}.{method.Identifier.ValueText}: found [{string.Join(" | ", found)}], the sync check [{string.Join(" | ", expected)}]");
                }
            }
        }

        wrong.ShouldBeEmpty();
        koans.ShouldBeGreaterThan(200);
    }

    [Test]
    public void SeveralCodeBlanksInOneBlockEachGetTheirOwnStatements()
    {
        const string Original = """
            class AboutTea
            {
                void Brew()
                {
                    var cup = 0;
                    ___();
                    cup.ShouldBe(__);
                    ___();
                    Done();
                }
            }
            """;
        const string Solutions = """
            class AboutTea
            {
                void Brew()
                {
                    var cup = 0;
                    cup++;
                    cup++;
                    cup.ShouldBe(2);
                    Pour(cup);
                    Done();
                }
            }
            """;
        AnswerLookup.For(Original, Solutions, "AboutTea", "Brew").ShouldBe(["cup++;\ncup++;", "2", "Pour(cup);"]);
    }
}
