using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ThreadingKoans.PathModel;

/// <summary>One of the learner's files as a walk saw it.</summary>
/// <param name="Path">Relative to the repository: <c>Koans/06_AboutThreads.cs</c>, <c>Koans/WorkerPool.cs</c>.</param>
/// <param name="Digest">A digest of its text.</param>
/// <param name="Koans">The koans it holds (<c>Topic.Koan</c>), as the walk's run found them; empty for a file of the learner's own code.</param>
internal sealed record LearnerFile(string Path, string Digest, IReadOnlyList<string> Koans);

/// <summary>
/// The learner's files (every <c>*.cs</c> under <c>Koans/</c> outside <c>bin</c> and <c>obj</c>) and what a
/// change to them means for the progress: a koan that passed keeps its pass while neither its own file nor
/// a file of the learner's own code it uses (the worker pool, say) has changed since.
/// </summary>
internal static partial class LearnerFiles
{
    /// <summary>The learner's files as they are now, each with its digest (and no koans yet: a run tells those).</summary>
    public static IReadOnlyList<LearnerFile> Of(RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!Directory.Exists(layout.Koans))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(layout.Koans, "*.cs", SearchOption.AllDirectories)
            .Where(file => !InBuildOutput(layout.Koans, file))
            .Order(StringComparer.Ordinal)
            .Select(file => new LearnerFile(layout.Relative(file), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), []))];
    }

    /// <summary>Whether <paramref name="file"/> lies in a <c>bin</c> or <c>obj</c> folder below <paramref name="folder"/>.</summary>
    public static bool InBuildOutput(string folder, string file) =>
        Path.GetRelativePath(folder, file).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[..^1].Any(part => part is "bin" or "obj");

    /// <summary>
    /// The koans that passed in the last walk (<paramref name="state"/>) and still pass without running:
    /// their file is unchanged, and so is every file of the learner's own code whose types their file
    /// names. Nothing is taken for granted when a file of the learner's own code was deleted.
    /// </summary>
    public static IReadOnlySet<string> StillPassing(WalkState? state, IReadOnlyList<LearnerFile> now, RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(layout);
        if (state?.Files is not { } before)
        {
            return new HashSet<string>();
        }

        var was = before.ToDictionary(file => file.Path, StringComparer.Ordinal);
        var digests = now.ToDictionary(file => file.Path, file => file.Digest, StringComparer.Ordinal);
        if (before.Any(file => file.Koans.Count == 0 && !digests.ContainsKey(file.Path)))
        {
            return new HashSet<string>();
        }

        var changedCode = now.Where(file => !IsTopic(file, was) && was.GetValueOrDefault(file.Path)?.Digest != file.Digest).ToList();
        var usedTypes = changedCode.SelectMany(file => TypesDeclaredIn(Path.Combine(layout.Root, file.Path))).ToHashSet(StringComparer.Ordinal);
        var passed = state.PassedKoans();
        return before
            .Where(file => file.Koans.Count > 0 && digests.GetValueOrDefault(file.Path) == file.Digest)
            .Where(file => usedTypes.Count == 0 || !Names(Path.Combine(layout.Root, file.Path), usedTypes))
            .SelectMany(file => file.Koans)
            .Where(passed.Contains)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static bool IsTopic(LearnerFile file, Dictionary<string, LearnerFile> was) =>
        PathOrder.TopicNumber(file.Path) > 0 || was.GetValueOrDefault(file.Path)?.Koans.Count > 0;

    private static IEnumerable<string> TypesDeclaredIn(string file) =>
        CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot().DescendantNodes()
            .OfType<BaseTypeDeclarationSyntax>()
            .Select(type => type.Identifier.ValueText);

    /// <summary>Whether the file's text has any of <paramref name="types"/> as a word (in code, a string or a comment alike: better once too often).</summary>
    private static bool Names(string file, IReadOnlySet<string> types) =>
        Word().Matches(File.ReadAllText(file)).Any(word => types.Contains(word.Value));

    [GeneratedRegex(@"\b[A-Za-z_][A-Za-z0-9_]*\b")]
    private static partial Regex Word();
}
