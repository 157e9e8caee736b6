using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ThreadingKoans.Tests;

/// <summary>The two kinds of blank a learner fills in.</summary>
internal enum BlankKind
{
    /// <summary>The value blank <c>__</c>: Solutions has an expression in its place.</summary>
    Value,

    /// <summary>The code blank <c>___();</c>: Solutions has one or more statements in its place.</summary>
    Code,
}

/// <summary>A blank in a Koans file.</summary>
/// <param name="Kind">Value blank or code blank.</param>
/// <param name="Line">The blank's line in the Koans file (1-based).</param>
/// <param name="Column">The blank's column in the Koans file (1-based).</param>
/// <param name="Type">The name of the innermost type around the blank, if any.</param>
/// <param name="Member">The name of the method (or other member) around the blank, if any.</param>
internal sealed record BlankSite(BlankKind Kind, int Line, int Column, string? Type, string? Member);

/// <summary>What Solutions has in the place of one blank.</summary>
/// <param name="Blank">The blank in the Koans file.</param>
/// <param name="SolutionsLine">The line in the Solutions file where the answer starts (1-based).</param>
/// <param name="Text">
/// The answer's source: an expression for a value blank, one or more statements (several lines, with the
/// indentation of the first line taken off every line) for a code blank.
/// </param>
internal sealed record BlankAnswer(BlankSite Blank, int SolutionsLine, string Text);

/// <summary>A place where a Koans file and its Solutions twin differ although no blank allows it.</summary>
/// <param name="KoansPath">The Koans file as it was named to the comparison.</param>
/// <param name="KoansLine">The line of the difference in the Koans file (1-based).</param>
/// <param name="SolutionsPath">The Solutions file as it was named to the comparison.</param>
/// <param name="SolutionsLine">The line of the difference in the Solutions file (1-based).</param>
/// <param name="Explanation">What differs, beginning with a verb ("differ outside a blank: `1` vs `2`").</param>
internal sealed record SyncDifference(string KoansPath, int KoansLine, string SolutionsPath, int SolutionsLine, string Explanation)
{
    /// <summary>
    /// The difference as one line:
    /// <c>Koans/02_AboutStrings.cs:14 and Solutions/02_AboutStrings.cs:14 differ outside a blank: `x` vs `y`</c>.
    /// </summary>
    public override string ToString() => $"{KoansPath}:{KoansLine} and {SolutionsPath}:{SolutionsLine} {Explanation}";
}

/// <summary>
/// Checks that a Koans file and its Solutions twin are the same program except at the blanks, and tells
/// what Solutions writes in each blank.
/// </summary>
/// <remarks>
/// <para>
/// Both files are parsed and their syntax trees walked side by side. Tokens must have the same kind and
/// text; whitespace and line breaks are ignored, but comments (and preprocessor directives) must be the
/// same, up to whitespace. A value blank <c>__</c> in Koans matches any expression in Solutions. A code
/// blank statement <c>___();</c> matches a run of one or more statements of the same block in Solutions.
/// The children of every pair of nodes are aligned by a small dynamic program, so that several code
/// blanks in one block work, and so that a statement or member that only one side has is reported as
/// such rather than as a cascade of differences after it.
/// </para>
/// <para>
/// A blank that Solutions leaves as a blank (<c>__</c> or <c>___();</c>) is a difference: Solutions must
/// answer every blank.
/// </para>
/// </remarks>
internal sealed class BlankSync
{
    private const int ShownLength = 70;

    private BlankSync(IReadOnlyList<SyncDifference> differences, IReadOnlyList<BlankSite> blanks, IReadOnlyList<BlankAnswer> answers)
    {
        Differences = differences;
        Blanks = blanks;
        AllAnswers = answers;
    }

    /// <summary>Every difference found, in the order of the Koans file. Empty when the twins are in sync.</summary>
    public IReadOnlyList<SyncDifference> Differences { get; }

    /// <summary>Every blank of the Koans file, in source order.</summary>
    public IReadOnlyList<BlankSite> Blanks { get; }

    /// <summary>
    /// The answer Solutions gives for each blank it was matched to, in source order. A blank in a part of
    /// the file that could not be matched with Solutions has no answer here.
    /// </summary>
    public IReadOnlyList<BlankAnswer> AllAnswers { get; }

    /// <summary>True when the two files differ only at the blanks.</summary>
    public bool InSync => Differences.Count == 0;

    /// <summary>Compares a Koans file with its Solutions twin, both given as text.</summary>
    /// <param name="koansText">The source of the Koans file.</param>
    /// <param name="solutionsText">The source of the Solutions file.</param>
    /// <param name="koansPath">The name the differences use for the Koans file (<c>Koans/01_AboutAsserts.cs</c>).</param>
    /// <param name="solutionsPath">The name the differences use for the Solutions file.</param>
    public static BlankSync Of(string koansText, string solutionsText, string koansPath, string solutionsPath)
    {
        ArgumentNullException.ThrowIfNull(koansText);
        ArgumentNullException.ThrowIfNull(solutionsText);
        ArgumentNullException.ThrowIfNull(koansPath);
        ArgumentNullException.ThrowIfNull(solutionsPath);

        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var koansTree = CSharpSyntaxTree.ParseText(koansText, options, koansPath);
        var solutionsTree = CSharpSyntaxTree.ParseText(solutionsText, options, solutionsPath);
        var blanks = FindBlanks(koansTree.GetRoot());

        var walker = new Walker(koansTree, solutionsTree, koansPath, solutionsPath, blanks);
        var outcome = walker.Nodes(koansTree.GetRoot(), solutionsTree.GetRoot());
        var differences = walker.SyntaxErrors().Concat(outcome.Differences).ToList();
        return new BlankSync(differences, blanks.Values.ToList(), outcome.Answers);
    }

    /// <summary>Compares two files on disk.</summary>
    /// <param name="koansFile">The Koans file.</param>
    /// <param name="solutionsFile">The Solutions file.</param>
    /// <param name="relativeTo">
    /// When given, the differences name the files relative to this folder (the repository root gives
    /// <c>Koans/01_AboutAsserts.cs</c>); otherwise they name them as given.
    /// </param>
    public static BlankSync OfFiles(string koansFile, string solutionsFile, string? relativeTo = null)
    {
        return Of(
            File.ReadAllText(koansFile),
            File.ReadAllText(solutionsFile),
            DisplayPath(koansFile, relativeTo),
            DisplayPath(solutionsFile, relativeTo));
    }

    /// <summary>The differences between a Koans file and its Solutions twin; see <see cref="Of"/>.</summary>
    public static IReadOnlyList<SyncDifference> Compare(string koansText, string solutionsText, string koansPath, string solutionsPath)
        => Of(koansText, solutionsText, koansPath, solutionsPath).Differences;

    /// <summary>
    /// The answers Solutions gives for the blanks of one koan, in source order.
    /// </summary>
    /// <param name="koan">
    /// The koan's method name (<c>TrueIsTrue</c>), optionally after its class name
    /// (<c>AboutAsserts.TrueIsTrue</c> or <c>Koans.AboutAsserts.TrueIsTrue</c>).
    /// </param>
    public IReadOnlyList<BlankAnswer> Answers(string koan)
    {
        ArgumentNullException.ThrowIfNull(koan);
        var dot = koan.LastIndexOf('.');
        var type = dot < 0 ? null : koan[..dot];
        var member = dot < 0 ? koan : koan[(dot + 1)..];
        return AllAnswers
            .Where(answer => answer.Blank.Member == member
                && (type is null
                    || answer.Blank.Type == type
                    || (answer.Blank.Type is { } blankType && type.EndsWith("." + blankType, StringComparison.Ordinal))))
            .ToList();
    }

    /// <summary>The answers Solutions gives for the blanks of one koan; see <see cref="Answers(string)"/>.</summary>
    public static IReadOnlyList<BlankAnswer> Answers(string koansText, string solutionsText, string koan)
        => Of(koansText, solutionsText, "Koans", "Solutions").Answers(koan);

    /// <summary>The blanks of a parsed Koans file, in source order.</summary>
    public static IReadOnlyList<BlankSite> BlanksIn(SyntaxNode root) => FindBlanks(root).Values.ToList();

    private static SortedDictionary<int, BlankSite> FindBlanks(SyntaxNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var blanks = new SortedDictionary<int, BlankSite>();
        foreach (var node in root.DescendantNodes())
        {
            BlankKind? kind = BlankSyntax.IsValueBlank(node) ? BlankKind.Value : BlankSyntax.IsCodeBlank(node) ? BlankKind.Code : null;
            if (kind is { } found)
            {
                var position = node.GetLocation().GetLineSpan().StartLinePosition;
                var type = node.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;
                blanks[node.SpanStart] = new BlankSite(found, position.Line + 1, position.Character + 1, type, MemberAround(node));
            }
        }

        return blanks;
    }

    private static string? MemberAround(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case MethodDeclarationSyntax method:
                    return method.Identifier.ValueText;
                case ConstructorDeclarationSyntax constructor:
                    return constructor.Identifier.ValueText;
                case PropertyDeclarationSyntax property:
                    return property.Identifier.ValueText;
                case BaseTypeDeclarationSyntax:
                    return null;
                default:
                    break;
            }
        }

        return null;
    }

    private static string DisplayPath(string file, string? relativeTo)
        => relativeTo is null ? file : Path.GetRelativePath(relativeTo, file).Replace('\\', '/');

    /// <summary>Source text shortened to one line for a message.</summary>
    private static string Show(string text)
    {
        var builder = new StringBuilder();
        var space = false;
        foreach (var character in text.Trim())
        {
            if (char.IsWhiteSpace(character))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(character);
        }

        var oneLine = builder.ToString();
        return oneLine.Length <= ShownLength ? oneLine : string.Concat(oneLine.AsSpan(0, ShownLength - 1), "…");
    }

    /// <summary>Comment text with its whitespace normalized, for comparing.</summary>
    private static string Normalized(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// The source of a run of nodes, from the start of the first to the end of the last, with the first
    /// line's indentation taken off the following lines.
    /// </summary>
    private static string SourceOf(SyntaxNode first, SyntaxNode last)
    {
        var text = first.SyntaxTree.GetText();
        var span = TextSpan.FromBounds(first.SpanStart, last.Span.End);
        var indent = span.Start - text.Lines.GetLineFromPosition(span.Start).Start;
        var lines = text.ToString(span).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var index = 1; index < lines.Length; index++)
        {
            var line = lines[index];
            var strip = 0;
            while (strip < indent && strip < line.Length && (line[strip] == ' ' || line[strip] == '\t'))
            {
                strip++;
            }

            lines[index] = line[strip..];
        }

        return string.Join('\n', lines);
    }

    private static bool IsComment(SyntaxTrivia trivia)
        => !trivia.IsKind(SyntaxKind.WhitespaceTrivia) && !trivia.IsKind(SyntaxKind.EndOfLineTrivia);

    /// <summary>Children that one side may have and the other not: a statement, a member, a using, an attribute list.</summary>
    private static bool IsListItem(SyntaxNodeOrToken child)
        => child.AsNode() is StatementSyntax or MemberDeclarationSyntax or UsingDirectiveSyntax or AttributeListSyntax;

    /// <summary>The differences and answers of one part of the comparison.</summary>
    /// <remarks>
    /// <see cref="Cost"/> is what the alignment minimizes: mostly the number of differences, but leaving a
    /// statement or member out costs its number of tokens, so that two twins with many small differences
    /// are still matched with each other rather than reported as one missing and one extra. A
    /// <see cref="Deferred"/> outcome only knows its cost; its differences are worked out if the
    /// alignment chooses it.
    /// </remarks>
    private sealed class Outcome(IReadOnlyList<SyncDifference> differences, IReadOnlyList<BlankAnswer> answers, int cost)
    {
        public static readonly Outcome None = new([], [], 0);

        public IReadOnlyList<SyncDifference> Differences { get; } = differences;

        public IReadOnlyList<BlankAnswer> Answers { get; } = answers;

        public int Cost { get; } = cost;

        public Func<Outcome>? Deferred { get; private init; }

        public static Outcome Of(SyncDifference difference, int cost = 1) => new([difference], [], cost);

        public static Outcome Later(int cost, Func<Outcome> work) => new([], [], cost) { Deferred = work };

        public static Outcome Concat(IEnumerable<Outcome> parts)
        {
            var differences = new List<SyncDifference>();
            var answers = new List<BlankAnswer>();
            var cost = 0;
            foreach (var part in parts)
            {
                differences.AddRange(part.Differences);
                answers.AddRange(part.Answers);
                cost += part.Cost;
            }

            return cost == 0 && answers.Count == 0 ? None : new Outcome(differences, answers, cost);
        }
    }

    /// <summary>Walks a Koans tree and a Solutions tree side by side.</summary>
    private sealed class Walker(
        SyntaxTree koansTree,
        SyntaxTree solutionsTree,
        string koansPath,
        string solutionsPath,
        SortedDictionary<int, BlankSite> blanks)
    {
        /// <summary>The cost of an alignment that is not possible; large, yet safe to add to.</summary>
        private const int Impossible = int.MaxValue / 4;

        private readonly Dictionary<(SyntaxNode Koans, SyntaxNode Solutions), Outcome> _pairs = [];
        private readonly Dictionary<SyntaxNode, int> _sizes = [];

        /// <summary>A difference for every syntax error in either file: a broken file cannot be compared reliably.</summary>
        public IEnumerable<SyncDifference> SyntaxErrors()
        {
            foreach (var error in koansTree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                var line = error.Location.GetLineSpan().StartLinePosition.Line + 1;
                yield return new SyncDifference(koansPath, line, solutionsPath, line, $"cannot be compared: Koans does not parse: {error.Id}: {error.GetMessage(CultureInfo.InvariantCulture)}");
            }

            foreach (var error in solutionsTree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                var line = error.Location.GetLineSpan().StartLinePosition.Line + 1;
                yield return new SyncDifference(koansPath, line, solutionsPath, line, $"cannot be compared: Solutions does not parse: {error.Id}: {error.GetMessage(CultureInfo.InvariantCulture)}");
            }
        }

        /// <summary>Compares two nodes (remembering the result, since the alignment tries many pairs).</summary>
        public Outcome Nodes(SyntaxNode koans, SyntaxNode solutions)
        {
            if (!_pairs.TryGetValue((koans, solutions), out var outcome))
            {
                outcome = ComparePair(koans, solutions);
                _pairs[(koans, solutions)] = outcome;
            }

            return outcome;
        }

        private Outcome ComparePair(SyntaxNode koans, SyntaxNode solutions)
        {
            if (BlankSyntax.IsValueBlank(koans))
            {
                return ValueBlank(koans, solutions);
            }

            if (BlankSyntax.IsValueBlank(solutions) || BlankSyntax.IsCodeBlank(solutions))
            {
                return Outcome.Of(Difference(koans.SpanStart, solutions.SpanStart,
                    $"differ: Solutions has the blank `{Show(solutions.ToString())}` where Koans has `{Show(koans.ToString())}`"));
            }

            if (koans.RawKind != solutions.RawKind)
            {
                return OutsideABlank(koans, solutions);
            }

            return Children(koans, solutions) ?? OutsideABlank(koans, solutions);
        }

        private Outcome ValueBlank(SyntaxNode blank, SyntaxNode answer)
        {
            if (answer is not ExpressionSyntax)
            {
                return Outcome.Of(Difference(blank.SpanStart, answer.SpanStart,
                    $"differ: the value blank `__` must be answered by an expression, but Solutions has `{Show(answer.ToString())}`"),
                    1 + Size(answer));
            }

            var differences = new List<SyncDifference>();
            var answers = new List<BlankAnswer>();
            AddEdgeComments(differences, blank, blank, answer, answer);
            if (BlankSyntax.ContainsBlank(answer))
            {
                differences.Add(Difference(blank.SpanStart, answer.SpanStart,
                    $"differ: the value blank is unanswered in Solutions, which still has `{Show(answer.ToString())}`"));
            }
            else
            {
                answers.Add(new BlankAnswer(blanks[blank.SpanStart], SolutionsLine(answer.SpanStart), SourceOf(answer, answer)));
            }

            return new Outcome(differences, answers, differences.Count);
        }

        private Outcome CodeBlank(SyntaxNode blank, IReadOnlyList<SyntaxNode> statements)
        {
            var differences = new List<SyncDifference>();
            var answers = new List<BlankAnswer>();
            var first = statements[0];
            var last = statements[^1];
            AddEdgeComments(differences, blank, blank, first, last);
            var stillBlank = statements.FirstOrDefault(BlankSyntax.ContainsBlank);
            if (stillBlank is not null)
            {
                differences.Add(Difference(blank.SpanStart, stillBlank.SpanStart,
                    $"differ: the code blank is unanswered in Solutions, which still has `{Show(stillBlank.ToString())}`"));
            }
            else
            {
                answers.Add(new BlankAnswer(blanks[blank.SpanStart], SolutionsLine(first.SpanStart), SourceOf(first, last)));
            }

            return new Outcome(differences, answers, differences.Count);
        }

        /// <summary>
        /// Aligns the children of two nodes of the same kind. Returns null when they cannot be aligned
        /// at all (a different number of tokens where no list item can be left out).
        /// </summary>
        private Outcome? Children(SyntaxNode koans, SyntaxNode solutions)
        {
            var k = koans.ChildNodesAndTokens();
            var s = solutions.ChildNodesAndTokens();
            var n = k.Count;
            var m = s.Count;

            // cost[i, j]: the fewest differences with which k[i..] and s[j..] can be matched;
            // step and next: the choice that achieves it.
            var cost = new int[n + 1, m + 1];
            var step = new Outcome?[n + 1, m + 1];
            var next = new (int I, int J)[n + 1, m + 1];

            for (var i = n; i >= 0; i--)
            {
                for (var j = m; j >= 0; j--)
                {
                    cost[i, j] = Impossible;
                    if (i == n && j == m)
                    {
                        cost[i, j] = 0;
                        continue;
                    }

                    var codeBlank = i < n && k[i].AsNode() is { } kNode && BlankSyntax.IsCodeBlank(kNode) ? kNode : null;

                    // The two children match each other.
                    if (i < n && j < m && codeBlank is null && cost[i + 1, j + 1] < Impossible)
                    {
                        var pair = Pair(k[i], s[j]);
                        Offer(cost, step, next, i, j, pair, i + 1, j + 1);
                    }

                    // Koans has a list item that Solutions lacks. Offered before a code blank's runs, so that on a tie
                    // a blank with nothing for it is reported rather than a later statement gone missing.
                    if (i < n && IsListItem(k[i]) && cost[i + 1, j] < Impossible)
                    {
                        var item = k[i];
                        var place = j < m ? s[j].SpanStart : solutions.Span.End;
                        var price = codeBlank is not null ? 1 : Size(item.AsNode()!);
                        Offer(cost, step, next, i, j, Outcome.Later(price, () => Outcome.Of(Difference(item.SpanStart, place,
                            codeBlank is not null
                                ? "differ: Solutions has no statement for the code blank `___();`"
                                : $"differ: Koans has `{Show(item.ToString())}` that Solutions lacks"), price)), i + 1, j);
                    }

                    // A code blank matches a run of one or more statements.
                    if (codeBlank is not null)
                    {
                        var run = new List<SyntaxNode>();
                        for (var end = j; end < m && s[end].AsNode() is StatementSyntax statement; end++)
                        {
                            run.Add(statement);
                            if (cost[i + 1, end + 1] < Impossible)
                            {
                                Offer(cost, step, next, i, j, CodeBlank(codeBlank, run.ToList()), i + 1, end + 1);
                            }
                        }
                    }

                    // Solutions has a list item that Koans lacks.
                    if (j < m && IsListItem(s[j]) && cost[i, j + 1] < Impossible)
                    {
                        var item = s[j];
                        var place = i < n ? k[i].SpanStart : koans.Span.End;
                        var price = Size(item.AsNode()!);
                        Offer(cost, step, next, i, j, Outcome.Later(price, () => Outcome.Of(Difference(place, item.SpanStart,
                            $"differ: Solutions has `{Show(item.ToString())}` with no blank for it in Koans"), price)), i, j + 1);
                    }
                }
            }

            if (cost[0, 0] >= Impossible)
            {
                return null;
            }

            var parts = new List<Outcome>();
            for (var (i, j) = (0, 0); i < n || j < m; (i, j) = next[i, j])
            {
                var chosen = step[i, j]!;
                parts.Add(chosen.Deferred is { } work ? work() : chosen);
            }

            return Outcome.Concat(parts);
        }

        /// <summary>Takes a choice for cell (i, j) when it is strictly cheaper than the ones offered before it.</summary>
        private static void Offer(int[,] cost, Outcome?[,] step, (int I, int J)[,] next, int i, int j, Outcome outcome, int nextI, int nextJ)
        {
            var total = outcome.Cost + cost[nextI, nextJ];
            if (total < cost[i, j])
            {
                cost[i, j] = total;
                step[i, j] = outcome;
                next[i, j] = (nextI, nextJ);
            }
        }

        private Outcome Pair(SyntaxNodeOrToken koans, SyntaxNodeOrToken solutions)
        {
            if (koans.AsNode() is { } koansNode && solutions.AsNode() is { } solutionsNode)
            {
                // Members with different names are most likely not twins: their comparison is put off
                // until the alignment chooses to match them anyway, as it would cost no more than
                // leaving both out. This keeps a file with many members from comparing every pair.
                return DeclaredName(koansNode) is { } koansName
                    && DeclaredName(solutionsNode) is { } solutionsName
                    && koansName != solutionsName
                        ? Outcome.Later(Size(koansNode) + Size(solutionsNode), () => Nodes(koansNode, solutionsNode))
                        : Nodes(koansNode, solutionsNode);
            }

            if (koans.IsToken && solutions.IsToken)
            {
                return Tokens(koans.AsToken(), solutions.AsToken());
            }

            return Outcome.Of(Difference(koans.SpanStart, solutions.SpanStart,
                $"differ outside a blank: `{Show(koans.ToString())}` vs `{Show(solutions.ToString())}`"));
        }

        private Outcome Tokens(SyntaxToken koans, SyntaxToken solutions)
        {
            var differences = new List<SyncDifference>();
            if (koans.RawKind != solutions.RawKind || TokenText(koans) != TokenText(solutions))
            {
                differences.Add(Difference(koans.SpanStart, solutions.SpanStart,
                    $"differ outside a blank: `{Show(koans.Text)}` vs `{Show(solutions.Text)}`"));
            }

            AddComments(differences, koans.LeadingTrivia, solutions.LeadingTrivia, koans.SpanStart, solutions.SpanStart);
            AddComments(differences, koans.TrailingTrivia, solutions.TrailingTrivia, koans.Span.End, solutions.Span.End);
            return differences.Count == 0 ? Outcome.None : new Outcome(differences, [], differences.Count);
        }

        private static string TokenText(SyntaxToken token) => token.Text.Replace("\r\n", "\n", StringComparison.Ordinal);

        /// <summary>
        /// Compares the comments before a blank and its answer, and after them: the comments inside an
        /// answer are part of the answer, those around it are not.
        /// </summary>
        private void AddEdgeComments(List<SyncDifference> differences, SyntaxNode koansFirst, SyntaxNode koansLast, SyntaxNode solutionsFirst, SyntaxNode solutionsLast)
        {
            AddComments(differences,
                koansFirst.GetLeadingTrivia(), solutionsFirst.GetLeadingTrivia(),
                koansFirst.SpanStart, solutionsFirst.SpanStart);
            AddComments(differences,
                koansLast.GetTrailingTrivia(), solutionsLast.GetTrailingTrivia(),
                koansLast.Span.End, solutionsLast.Span.End);
        }

        /// <summary>Adds one difference when two runs of trivia differ in their comments or directives.</summary>
        private void AddComments(List<SyncDifference> differences, SyntaxTriviaList koans, SyntaxTriviaList solutions, int koansPlace, int solutionsPlace)
        {
            var k = koans.Where(IsComment).ToList();
            var s = solutions.Where(IsComment).ToList();
            var count = Math.Max(k.Count, s.Count);
            for (var index = 0; index < count; index++)
            {
                var kText = index < k.Count ? Normalized(k[index].ToFullString()) : null;
                var sText = index < s.Count ? Normalized(s[index].ToFullString()) : null;
                if (kText != sText)
                {
                    var kShown = kText is null ? "nothing" : $"`{Show(kText)}`";
                    var sShown = sText is null ? "nothing" : $"`{Show(sText)}`";
                    differences.Add(Difference(
                        index < k.Count ? k[index].SpanStart : koansPlace,
                        index < s.Count ? s[index].SpanStart : solutionsPlace,
                        $"differ in a comment: {kShown} vs {sShown}"));
                    return;
                }
            }
        }

        /// <summary>Two nodes that differ as a whole; as costly as leaving both out.</summary>
        private Outcome OutsideABlank(SyntaxNode koans, SyntaxNode solutions)
            => Outcome.Of(
                Difference(koans.SpanStart, solutions.SpanStart,
                    $"differ outside a blank: `{Show(koans.ToString())}` vs `{Show(solutions.ToString())}`"),
                Size(koans) + Size(solutions));

        /// <summary>The number of tokens of a node (at least one).</summary>
        private int Size(SyntaxNode node)
        {
            if (!_sizes.TryGetValue(node, out var size))
            {
                size = Math.Max(1, node.DescendantTokens().Count());
                _sizes[node] = size;
            }

            return size;
        }

        /// <summary>The name a member or local function declares, or null for other nodes.</summary>
        private static string? DeclaredName(SyntaxNode node) => node switch
        {
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText,
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
            DelegateDeclarationSyntax @delegate => @delegate.Identifier.ValueText,
            BaseFieldDeclarationSyntax field => string.Join(",", field.Declaration.Variables.Select(variable => variable.Identifier.ValueText)),
            LocalFunctionStatementSyntax function => function.Identifier.ValueText,
            _ => null,
        };

        private SyncDifference Difference(int koansPosition, int solutionsPosition, string explanation)
            => new(koansPath, KoansLine(koansPosition), solutionsPath, SolutionsLine(solutionsPosition), explanation);

        private int KoansLine(int position) => LineOf(koansTree, position);

        private int SolutionsLine(int position) => LineOf(solutionsTree, position);

        private static int LineOf(SyntaxTree tree, int position)
            => tree.GetText().Lines.GetLineFromPosition(position).LineNumber + 1;
    }
}
