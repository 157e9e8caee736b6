namespace ThreadingKoans.Runner.Originals;

/// <summary>A koan file as it was before the learner answered anything in it.</summary>
/// <param name="Text">The file's source.</param>
/// <param name="Revision">Where it was taken from, as git names it: the upstream branch (<c>origin/main</c>) or a short commit id.</param>
internal sealed record OriginalFile(string Text, string Revision);

/// <summary>The original of a koan file, or why there is none.</summary>
/// <param name="Found">The original, when there is one.</param>
/// <param name="Problem">Why there is none, as the end of a sentence ("git is not installed…").</param>
internal sealed record OriginalLookup(OriginalFile? Found, string Problem);

/// <summary>Finds the text a koan had before the learner answered it.</summary>
/// <param name="relativeFile">The topic file, relative to the repository: <c>Koans/06_AboutThreads.cs</c>.</param>
/// <param name="topic">The koan's topic (its class).</param>
/// <param name="koan">The koan's method.</param>
internal delegate OriginalLookup FindOriginal(string relativeFile, string topic, string koan);

/// <summary>
/// Takes the original koans from git. Learners clone the repository; some commit their answers, some
/// even push them. So the original of a koan is the first of these versions of its file in which the
/// koan's method exists and still holds a blank: the upstream branch's (<c>@{upstream}</c>, the
/// maintainers' newest, when the branch tracks one), then each commit that changed the file, newest
/// first from <c>HEAD</c> (at most <see cref="MostCommits"/>). A koan added by a later commit is found in
/// that commit; answers the learner committed are passed over because they hold no blank.
/// </summary>
internal sealed class OriginalKoans(string root)
{
    /// <summary>How many commits of a file's history are looked at.</summary>
    public const int MostCommits = 50;

    private readonly Git _git = new(root);

    /// <inheritdoc cref="FindOriginal"/>
    public OriginalLookup Find(string relativeFile, string topic, string koan)
    {
        ArgumentNullException.ThrowIfNull(relativeFile);
        var history = _git.Run("log", $"-n{MostCommits}", "--format=%h", "--", relativeFile);
        if (!history.Succeeded)
        {
            return new OriginalLookup(null, history.Problem.Contains("not a git repository", StringComparison.Ordinal)
                ? $"this copy is not a git repository, so git has no original of {relativeFile}"
                : $"git has no original of {relativeFile} ({history.Problem})");
        }

        var revisions = new List<string>();
        var upstream = _git.Run("rev-parse", "--abbrev-ref", "@{upstream}");
        if (upstream.Succeeded && upstream.Output.Trim() is { Length: > 0 } name)
        {
            revisions.Add(name);
        }

        revisions.AddRange(history.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var revision in revisions)
        {
            var shown = _git.Run("show", $"{revision}:./{relativeFile}");
            if (shown.Succeeded && KoanText.Find(shown.Output, topic, koan) is { HasBlank: true })
            {
                return new OriginalLookup(new OriginalFile(shown.Output, revision), string.Empty);
            }
        }

        return new OriginalLookup(null, revisions.Count == 0
            ? $"git has no commit of {relativeFile}"
            : $"no version of {relativeFile} in git has {topic}.{koan} with its blank");
    }
}
