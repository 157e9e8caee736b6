using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ThreadingKoans.Tests;

/// <summary>
/// The mechanical give-aways of a value blank: an answer the koan's name, the comment above it or its question
/// already says, and too many blanks whose answer is a bare <c>true</c> or <c>false</c>. A blank should ask for a
/// consequence the learner works out by tracing the koan's code, one step beyond what its name states.
/// </summary>
[TestFixture]
public sealed partial class GiveAwayTests
{
    /// <summary>At most this share of the value blanks of the topic files may have a boolean answer.</summary>
    private const double MostBooleanShare = 0.10;

    [Test]
    public void NoValueBlankIsAnsweredByItsKoansNameCommentOrQuestion()
    {
        var told = ValueBlanks.All
            .SelectMany(blank => blank.TellingWords().Where(blank.IsToldBefore).Select(word => $"{blank.Place} ({blank.Koan}): `{word}` of the answer `{blank.Answer}` stands in its name, comment or question"))
            .ToList();
        told.ShouldBeEmpty("a value blank whose answer the learner can read off before reading the koan's code");
    }

    [Test]
    public void AtMostOneValueBlankInTenIsABoolean()
    {
        var all = ValueBlanks.All;
        var booleans = all.Where(blank => blank.IsBoolean).ToList();
        var share = (double)booleans.Count / all.Count;
        foreach (var topic in all.GroupBy(blank => blank.File))
        {
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{topic.Key,-34} {topic.Count(),3} value blanks, {topic.Count(blank => blank.IsBoolean),2} boolean"));
        }

        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{all.Count} value blanks, {booleans.Count} boolean ({share:P0})"));
        share.ShouldBeLessThanOrEqualTo(
            MostBooleanShare,
            $"{booleans.Count} of {all.Count} value blanks are answered by true or false (or an array of them): {string.Join(", ", booleans.Select(blank => blank.Koan))}");
    }

    /// <summary>One value blank of a topic file, with what a learner reads before the koan's code.</summary>
    private sealed partial record ValueBlank(string File, int Line, string Koan, string Told, string BlankLine, ExpressionSyntax AnswerSyntax)
    {
        public string Place => $"Koans/{File}:{Line}";

        public string Answer => AnswerSyntax.ToString();

        /// <summary>A bare <c>true</c>/<c>false</c>, or an array of nothing else.</summary>
        public bool IsBoolean
        {
            get
            {
                var values = AnswerSyntax switch
                {
                    ImplicitArrayCreationExpressionSyntax array => array.Initializer.Expressions.ToList(),
                    ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions.ToList(),
                    CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(element => element.Expression).ToList(),
                    _ => [AnswerSyntax],
                };
                return values.Count > 0 && values.All(value => value.IsKind(SyntaxKind.TrueLiteralExpression) || value.IsKind(SyntaxKind.FalseLiteralExpression));
            }
        }

        /// <summary>
        /// The words of the answer that tell it: each name it uses but not as a qualifier (the <c>Canceled</c> of
        /// <c>TaskStatus.Canceled</c>, the type of a <c>typeof</c>), and the text of a string literal; never one the
        /// blank's own line already shows.
        /// </summary>
        public IEnumerable<string> TellingWords()
        {
            var names = AnswerSyntax.DescendantNodesAndSelf().OfType<SimpleNameSyntax>()
                .Where(name => name.Parent is not MemberAccessExpressionSyntax access || access.Name == name)
                .Where(name => name.Parent is not QualifiedNameSyntax qualified || qualified.Right == name)
                .Select(name => name.Identifier.ValueText);
            var literals = AnswerSyntax.DescendantNodesAndSelf().OfType<LiteralExpressionSyntax>()
                .Where(literal => literal.IsKind(SyntaxKind.StringLiteralExpression))
                .Select(literal => literal.Token.ValueText);
            return names.Concat(literals)
                .Where(word => word.Length >= 4 && !BlankLine.Contains(word, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.Ordinal);
        }

        /// <summary>Whether the word stands in the koan's name (as whole words of it) or, as a whole word, in its comment or question.</summary>
        public bool IsToldBefore(string word)
        {
            var nameWords = Words(Koan);
            var wordWords = Words(word);
            var inName = wordWords.Count > 0 && Enumerable.Range(0, Math.Max(0, nameWords.Count - wordWords.Count + 1))
                .Any(start => nameWords.Skip(start).Take(wordWords.Count).SequenceEqual(wordWords, StringComparer.OrdinalIgnoreCase));
            return inName || Regex.IsMatch(Told, $@"(?<![\w]){Regex.Escape(word)}(?![\w])", RegexOptions.IgnoreCase);
        }

        /// <summary>The words of a PascalCase name (<c>WaitSleepJoin</c>: Wait, Sleep, Join), or of plain text.</summary>
        private static List<string> Words(string text) =>
            PascalWords().Matches(text).Select(match => match.Value).ToList();

        [GeneratedRegex(@"[A-Z]?[a-z0-9']+|[A-Z]+(?![a-z])")]
        private static partial Regex PascalWords();
    }

    /// <summary>Every value blank of the topic files, with Solutions' answer.</summary>
    private static class ValueBlanks
    {
        private static readonly Lazy<IReadOnlyList<ValueBlank>> Found = new(Find);

        public static IReadOnlyList<ValueBlank> All => Found.Value;

        private static List<ValueBlank> Find()
        {
            var blanks = new List<ValueBlank>();
            foreach (var koansFile in Directory.EnumerateFiles(RepoPaths.Koans, "*.cs").Where(file => TopicFile().IsMatch(Path.GetFileName(file))).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(koansFile);
                var koansText = System.IO.File.ReadAllText(koansFile);
                var sync = BlankSync.Of(koansText, System.IO.File.ReadAllText(Path.Combine(RepoPaths.Solutions, name)), $"Koans/{name}", $"Solutions/{name}");
                var root = CSharpSyntaxTree.ParseText(koansText).GetRoot();
                var lines = koansText.ReplaceLineEndings("\n").Split('\n');
                foreach (var answer in sync.AllAnswers.Where(answer => answer.Blank.Kind == BlankKind.Value))
                {
                    var method = root.DescendantNodes().OfType<MethodDeclarationSyntax>()
                        .FirstOrDefault(method => method.Identifier.ValueText == answer.Blank.Member && method.AttributeLists.SelectMany(list => list.Attributes).Any(IsKoan));
                    if (method is null)
                    {
                        continue;
                    }

                    var comment = string.Join(' ', method.GetLeadingTrivia().Where(trivia => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia)).Select(trivia => trivia.ToString().TrimStart('/').Trim()));
                    var question = method.AttributeLists.SelectMany(list => list.Attributes).First(IsKoan).ArgumentList?.Arguments.FirstOrDefault()?.Expression.ToString() ?? "";
                    blanks.Add(new ValueBlank(name, answer.Blank.Line, method.Identifier.ValueText, $"{comment} {question}", lines[answer.Blank.Line - 1], SyntaxFactory.ParseExpression(answer.Text)));
                }
            }

            return blanks;
        }

        private static bool IsKoan(AttributeSyntax attribute) => attribute.Name.ToString() is "Koan" or "KoanAttribute";
    }

    [GeneratedRegex(@"^\d\d_About\w+\.cs$")]
    private static partial Regex TopicFile();
}
