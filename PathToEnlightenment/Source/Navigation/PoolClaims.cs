using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ThreadingKoans.Runner;

/// <summary>A blank in the learner's pool, and the koans that ask for it.</summary>
/// <param name="Line">The blank's line in <c>Koans/WorkerPool.cs</c> (1-based).</param>
/// <param name="Column">Its column (1-based).</param>
/// <param name="Koans">The koans named in the comment above it (<c>AboutWorkerLoops.YourWorkersTakeJobsAndRunThem</c>), in the comment's order.</param>
/// <param name="Need">What the comment says is needed there, for the first of those koans.</param>
internal sealed record PoolBlank(int Line, int Column, IReadOnlyList<string> Koans, string Need);

/// <summary>
/// The blanks of the learner's pool (<c>Koans/WorkerPool.cs</c>) and the koans that claim them: the comment
/// lines just above each blank begin with <c>// Topic.Koan: what is needed</c>. A pool koan sends the learner
/// to its blanks; the tests check that every blank is claimed and that the path asks for each in order.
/// </summary>
internal static partial class PoolClaims
{
    /// <summary>The learner's pool file.</summary>
    public const string FileName = "WorkerPool.cs";

    /// <summary>The pool blanks of <paramref name="text"/>, in source order.</summary>
    public static IReadOnlyList<PoolBlank> Read(string text)
    {
        var root = CSharpSyntaxTree.ParseText(text).GetRoot();
        var blanks = new List<PoolBlank>();
        foreach (var node in root.DescendantNodes().Where(node => BlankSync.IsValueBlank(node) || BlankSync.IsCodeBlank(node)))
        {
            var holder = node.AncestorsAndSelf().First(ancestor => ancestor is StatementSyntax or MemberDeclarationSyntax);
            var claims = holder.GetLeadingTrivia()
                .Where(trivia => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia))
                .Select(trivia => Claim().Match(trivia.ToString()))
                .Where(match => match.Success)
                .ToList();
            var position = node.GetLocation().GetLineSpan().StartLinePosition;
            blanks.Add(new PoolBlank(
                position.Line + 1,
                position.Character + 1,
                claims.Select(match => match.Groups["koan"].Value).ToList(),
                claims.Select(match => match.Groups["need"].Value.Trim()).FirstOrDefault() ?? ""));
        }

        return blanks;
    }

    /// <summary>The pool blanks in <paramref name="koansFolder"/>, or none when it has no pool file.</summary>
    public static IReadOnlyList<PoolBlank> In(string koansFolder)
    {
        var file = Path.Combine(koansFolder, FileName);
        return File.Exists(file) ? Read(File.ReadAllText(file)) : [];
    }

    [GeneratedRegex(@"^//\s*(?<koan>About\w+\.\w+)\s*(:\s*(?<need>.*))?$")]
    private static partial Regex Claim();
}
