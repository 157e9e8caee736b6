using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ThreadingKoans.Runner.Originals;

/// <summary>
/// What Solutions writes in the blanks of one koan: the answer a passed koan is shown with. The koan as written
/// (with its blanks) and its answered twin are the same program but at the blanks (our tests check that), so the
/// two methods are walked side by side: a value blank <c>__</c> stands where Solutions has an expression, and a
/// code blank <c>___();</c> where Solutions has the statements between those that both have around it.
/// </summary>
internal static class AnswerLookup
{
    /// <summary>
    /// The answers to <paramref name="topic"/>.<paramref name="koan"/>'s blanks, in source order: expressions for value
    /// blanks, statements (one text, indentation of its first line taken off) for code blanks; none when either file
    /// lacks the koan or the two do not line up.
    /// </summary>
    /// <param name="original">The topic file as written, with its blanks.</param>
    /// <param name="solutions">The topic file of Solutions.</param>
    /// <param name="topic">The koan's class.</param>
    /// <param name="koan">The koan's method.</param>
    public static IReadOnlyList<string> For(string original, string solutions, string topic, string koan)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(solutions);
        var asked = Method(original, topic, koan);
        var answered = Method(solutions, topic, koan);
        var answers = new List<string>();
        return asked is not null && answered is not null && Walk(asked, answered, answers) ? answers : [];
    }

    private static MethodDeclarationSyntax? Method(string source, string topic, string koan) =>
        CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(method => method.Identifier.ValueText == koan && method.Parent is TypeDeclarationSyntax type && type.Identifier.ValueText == topic);

    /// <summary>Walks two twin nodes; false when they do not line up.</summary>
    private static bool Walk(SyntaxNode asked, SyntaxNode answered, List<string> answers)
    {
        if (BlankSyntax.IsValueBlank(asked))
        {
            answers.Add(SourceOf(answered, answered));
            return true;
        }

        if (!asked.ChildNodes().Any())
        {
            // A leaf: a name, a literal, a keyword. Twins outside the blanks have the same tokens.
            return asked.DescendantTokens().Select(token => token.Text).SequenceEqual(answered.DescendantTokens().Select(token => token.Text), StringComparer.Ordinal);
        }

        var askedChildren = asked.ChildNodes().ToList();
        var answeredChildren = answered.ChildNodes().ToList();
        if (askedChildren.Any(BlankSyntax.IsCodeBlank))
        {
            return Block(askedChildren, answeredChildren, answers);
        }

        return askedChildren.Count == answeredChildren.Count
            && askedChildren.Zip(answeredChildren).All(pair => Twins(pair.First, pair.Second, answers));
    }

    /// <summary>Whether two nodes stand for each other (the same kind, or a value blank and its answer), walking them.</summary>
    private static bool Twins(SyntaxNode asked, SyntaxNode answered, List<string> answers) =>
        (BlankSyntax.IsValueBlank(asked) || asked.RawKind == answered.RawKind) && Walk(asked, answered, answers);

    /// <summary>
    /// The statements of a block with code blanks: Solutions has the learner's statements in the same order, and in
    /// each blank's place one or more of its own, up to where the statements after the blank (up to the next blank)
    /// are found again.
    /// </summary>
    private static bool Block(List<SyntaxNode> asked, List<SyntaxNode> answered, List<string> answers)
    {
        var cursor = 0;
        for (var index = 0; index < asked.Count; index++)
        {
            if (!BlankSyntax.IsCodeBlank(asked[index]))
            {
                if (cursor >= answered.Count || !Twins(asked[index], answered[cursor], answers))
                {
                    return false;
                }

                cursor++;
                continue;
            }

            var next = index + 1;
            while (next < asked.Count && !BlankSyntax.IsCodeBlank(asked[next]))
            {
                next++;
            }

            var run = asked[(index + 1)..next];
            var to = next == asked.Count ? answered.Count - run.Count : FindRun(answered, cursor + 1, run);
            if (to <= cursor)
            {
                return false;
            }

            answers.Add(SourceOf(answered[cursor], answered[to - 1]));
            cursor = to;
        }

        return cursor == answered.Count;
    }

    /// <summary>Where <paramref name="run"/> (statements without blanks of their own kind) starts again in <paramref name="answered"/>, from <paramref name="from"/> on; -1 when nowhere.</summary>
    private static int FindRun(List<SyntaxNode> answered, int from, List<SyntaxNode> run)
    {
        for (var start = from; start + run.Count <= answered.Count; start++)
        {
            if (run.Select((node, offset) => Twins(node, answered[start + offset], [])).All(same => same))
            {
                return start;
            }
        }

        return -1;
    }

    /// <summary>The source from the start of <paramref name="first"/> to the end of <paramref name="last"/>, its first line's indentation taken off the others.</summary>
    private static string SourceOf(SyntaxNode first, SyntaxNode last)
    {
        var text = first.SyntaxTree.GetText();
        var span = TextSpan.FromBounds(first.SpanStart, last.Span.End);
        var indent = span.Start - text.Lines.GetLineFromPosition(span.Start).Start;
        var lines = text.ToString(span).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return string.Join('\n', lines.Select((line, index) => index == 0 ? line : line[Math.Min(indent, line.Length - line.TrimStart(' ', '\t').Length)..]));
    }
}
