using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ThreadingKoans.Tests;

/// <summary>One value blank of a topic file, with what a learner reads before the koan's code.</summary>
internal sealed partial record ValueBlank(string File, int Line, string Topic, string Koan, string Comment, string Question, string BlankLine, ExpressionSyntax AnswerSyntax, int SolutionsLine, int Column)
{
    public string Place => $"Koans/{File}:{Line}";

    /// <summary>What a learner reads before the koan's code: its comment and its question.</summary>
    public string Told => $"{Comment} {Question}";

    /// <summary>Which of the line's value blanks this is (1 for the first), and how many the line has.</summary>
    public (int Ordinal, int OnTheLine) WhichOnTheLine
    {
        get
        {
            var indent = BlankLine.Length == 0 ? 0 : Column - 1 - (BlankLine.Length - BlankLine.TrimStart().Length);
            var blanks = ValueBlankOnALine().Matches(BlankLine).Select(match => match.Index).ToList();
            var at = blanks.FindIndex(index => index >= indent);
            return (at < 0 ? 1 : at + 1, blanks.Count);
        }
    }

    /// <summary>The topic's number on the path.</summary>
    public int TopicNumber => ThreadingKoans.Engine.PathOrder.TopicNumber(File);

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

    [GeneratedRegex(@"(?<![\w])__(?![\w])")]
    private static partial Regex ValueBlankOnALine();

    [GeneratedRegex(@"[A-Z]?[a-z0-9']+|[A-Z]+(?![a-z])")]
    private static partial Regex PascalWords();
}

/// <summary>Every value blank of the topic files, with Solutions' answer.</summary>
internal static class ValueBlanks
{
    private static readonly Lazy<IReadOnlyList<ValueBlank>> Found = new(Find);

    public static IReadOnlyList<ValueBlank> All => Found.Value;

    private static List<ValueBlank> Find()
    {
        var blanks = new List<ValueBlank>();
        foreach (var koansFile in Directory.EnumerateFiles(RepoPaths.Koans, "*.cs").Where(file => TopicFiles.Name().IsMatch(Path.GetFileName(file))).Order(StringComparer.Ordinal))
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
                var question = method.AttributeLists.SelectMany(list => list.Attributes).First(IsKoan).ArgumentList?.Arguments.FirstOrDefault()?.Expression;
                blanks.Add(new ValueBlank(
                    name, answer.Blank.Line, answer.Blank.Type ?? "", method.Identifier.ValueText, comment, Text(question), lines[answer.Blank.Line - 1].Trim(),
                    SyntaxFactory.ParseExpression(answer.Text), answer.SolutionsLine, answer.Blank.Column));
            }
        }

        return blanks;
    }

    private static bool IsKoan(AttributeSyntax attribute) => attribute.Name.ToString() is "Koan" or "KoanAttribute";

    /// <summary>The text of a question written as a string literal, or as literals joined with +.</summary>
    private static string Text(ExpressionSyntax? question) =>
        question is null ? "" : string.Concat(question.DescendantNodesAndSelf().OfType<LiteralExpressionSyntax>().Select(literal => literal.Token.ValueText));
}

/// <summary>The name of a topic file: <c>07_AboutBackgroundThreads.cs</c>.</summary>
internal static partial class TopicFiles
{
    [GeneratedRegex(@"^\d\d_About\w+\.cs$")]
    public static partial Regex Name();
}
