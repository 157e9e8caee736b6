using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ThreadingKoans.PathModel;

/// <summary>One koan's text in a topic file: the comment lines above it, its attributes and its method.</summary>
/// <param name="Span">
/// From the start of the first comment line right above the koan (or of its first attribute line) to the
/// end of its method's closing brace.
/// </param>
/// <param name="KoanLine">The line of the koan's first attribute, <c>[Koan(…)]</c> (1-based).</param>
/// <param name="Explanation">The comment lines right above the koan, without their <c>//</c>, joined in one line.</param>
/// <param name="FirstBlankLine">The line of the method's first blank (<c>__</c> or <c>___();</c>), or null when none is left (1-based).</param>
/// <param name="HasValueBlank">Whether a value blank <c>__</c> is still left in the method.</param>
internal sealed record KoanBlock(TextSpan Span, int KoanLine, string Explanation, int? FirstBlankLine, bool HasValueBlank)
{
    /// <summary>Whether the method still holds a blank.</summary>
    public bool HasBlank => FirstBlankLine is not null;
}

/// <summary>Finds a koan in the source of a topic file, with Roslyn.</summary>
internal static class KoanText
{
    /// <summary>The koan <paramref name="topic"/>.<paramref name="koan"/> in <paramref name="source"/>, or null when the file has no such method.</summary>
    public static KoanBlock? Find(string source, string topic, string koan)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tree = CSharpSyntaxTree.ParseText(source);
        var method = tree.GetRoot()
            .DescendantNodes()
            .OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(candidate => candidate.Identifier.ValueText == koan
                && candidate.Parent is TypeDeclarationSyntax type
                && type.Identifier.ValueText == topic);
        if (method is null)
        {
            return null;
        }

        var text = tree.GetText();
        var first = text.Lines.GetLineFromPosition(method.SpanStart).LineNumber;
        var comments = new List<string>();
        var top = first;
        while (top > 0 && text.Lines[top - 1].ToString().TrimStart() is var above && above.StartsWith("//", StringComparison.Ordinal))
        {
            comments.Insert(0, above.TrimStart('/').Trim());
            top--;
        }

        return new KoanBlock(
            TextSpan.FromBounds(text.Lines[top].Start, method.Span.End),
            first + 1,
            string.Join(' ', comments.Where(comment => comment.Length > 0)),
            method.DescendantNodes().FirstOrDefault(node => BlankSyntax.IsValueBlank(node) || BlankSyntax.IsCodeBlank(node)) is { } blank
                ? text.Lines.GetLineFromPosition(blank.SpanStart).LineNumber + 1
                : null,
            method.DescendantNodes().Any(BlankSyntax.IsValueBlank));
    }
}
