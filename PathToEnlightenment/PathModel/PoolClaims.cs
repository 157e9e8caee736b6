using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ThreadingKoans.PathModel;

/// <summary>One koan's claim on a pool blank: the koan, and what its comment says is needed there.</summary>
/// <param name="Koan">The koan, as <c>Topic.Koan</c>.</param>
/// <param name="Need">The comment's words after the koan's name (several comment lines joined).</param>
internal sealed record PoolClaim(string Koan, string Need);

/// <summary>A blank in one of the learner's pool files, and the koans that ask for it.</summary>
/// <param name="File">The pool file it is in, by name (<c>WorkerPool.cs</c>, <c>AsyncWorkerPool.cs</c>).</param>
/// <param name="Line">The blank's line in that file (1-based).</param>
/// <param name="Column">Its column (1-based).</param>
/// <param name="Claims">The claims in the comment above it, in the comment's order.</param>
internal sealed record PoolBlank(string File, int Line, int Column, IReadOnlyList<PoolClaim> Claims)
{
    /// <summary>Where it is, as the runner shows it: <c>Koans/WorkerPool.cs:40</c>.</summary>
    public string Place => $"Koans/{File}:{Line}";

    /// <summary>The koans that claim this blank (<c>AboutWorkerLoops.YourWorkersTakeJobsAndRunThem</c>).</summary>
    public IReadOnlyList<string> Koans => Claims.Select(claim => claim.Koan).ToList();

    /// <summary>What the first claim says is needed.</summary>
    public string Need => Claims.Count > 0 ? Claims[0].Need : "";
}

/// <summary>
/// The blanks of the learner's pools (<c>Koans/WorkerPool.cs</c>, <c>Koans/AsyncWorkerPool.cs</c>) and the koans that claim them: the comment
/// lines just above each blank begin with <c>// Topic.Koan: what is needed</c>. A pool koan sends the learner
/// to its blanks; the tests check that every blank is claimed and that the path asks for each in order.
/// </summary>
internal static partial class PoolClaims
{
    /// <summary>The learner's pool files, in the order the path builds them: the thread pool, then the async pool.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["WorkerPool.cs", "AsyncWorkerPool.cs"];

    /// <summary>The pool blanks of <paramref name="text"/>, the text of the pool file <paramref name="file"/>, in source order.</summary>
    public static IReadOnlyList<PoolBlank> Read(string text, string file)
    {
        var root = CSharpSyntaxTree.ParseText(text).GetRoot();
        var blanks = new List<PoolBlank>();
        foreach (var node in root.DescendantNodes().Where(node => BlankSyntax.IsValueBlank(node) || BlankSyntax.IsCodeBlank(node)))
        {
            var holder = node.AncestorsAndSelf().First(ancestor => ancestor is StatementSyntax or MemberDeclarationSyntax);
            var claims = new List<PoolClaim>();
            foreach (var comment in holder.GetLeadingTrivia().Where(trivia => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia)))
            {
                var match = Claim().Match(comment.ToString());
                if (match.Success)
                {
                    claims.Add(new PoolClaim(match.Groups["koan"].Value, match.Groups["need"].Value.Trim()));
                }
                else if (claims.Count > 0)
                {
                    // A claim's words can go on over the next comment lines.
                    claims[^1] = claims[^1] with { Need = $"{claims[^1].Need} {comment.ToString().TrimStart('/').Trim()}".Trim() };
                }
            }

            var position = node.GetLocation().GetLineSpan().StartLinePosition;
            blanks.Add(new PoolBlank(file, position.Line + 1, position.Character + 1, claims));
        }

        return blanks;
    }

    /// <summary>The pool blanks of every pool file in <paramref name="koansFolder"/>, file by file; none from a file it lacks.</summary>
    public static IReadOnlyList<PoolBlank> In(string koansFolder) =>
        [.. FileNames.SelectMany(name => In(koansFolder, name))];

    /// <summary>The pool blanks of the pool file <paramref name="name"/> in <paramref name="koansFolder"/>, or none when it is not there.</summary>
    public static IReadOnlyList<PoolBlank> In(string koansFolder, string name)
    {
        var file = Path.Combine(koansFolder, name);
        return File.Exists(file) ? Read(File.ReadAllText(file), name) : [];
    }

    [GeneratedRegex(@"^//\s*(?<koan>About\w+\.\w+)\s*(:\s*(?<need>.*))?$")]
    private static partial Regex Claim();
}
