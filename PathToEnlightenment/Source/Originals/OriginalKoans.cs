namespace ThreadingKoans.Runner.Originals;

/// <summary>A koan file as it was before the learner answered anything in it.</summary>
/// <param name="Text">The file's source.</param>
/// <param name="Source">
/// Where it was read from, relative to the repository: <c>PathToEnlightenment/OriginalKoans/06_AboutThreads.cs.txt</c>.
/// </param>
internal sealed record OriginalFile(string Text, string Source);

/// <summary>The original of a koan file, or why there is none.</summary>
/// <param name="Found">The original, when there is one.</param>
/// <param name="Problem">
/// Why there is none, as a sentence without its full stop ("PathToEnlightenment/OriginalKoans/06_AboutThreads.cs.txt,
/// the original of Koans/06_AboutThreads.cs, is missing; …"); empty when there is one.
/// </param>
internal sealed record OriginalLookup(OriginalFile? Found, string Problem);

/// <summary>Finds the text a koan had before the learner answered it.</summary>
/// <param name="relativeFile">The topic file, relative to the repository: <c>Koans/06_AboutThreads.cs</c>.</param>
/// <param name="topic">The koan's topic (its class).</param>
/// <param name="koan">The koan's method.</param>
internal delegate OriginalLookup FindOriginal(string relativeFile, string topic, string koan);

/// <summary>
/// Takes the original koans from the copies the repository carries: <see cref="Folder"/> holds every file
/// of <c>Koans/</c> byte for byte as the maintainers wrote it, named <c>&lt;file name&gt;.txt</c> so that no
/// build compiles it (<c>.ci/refresh-originals</c> writes them; a test checks that they match). A learner's
/// answers never reach that folder, whether they commit them or not, and a download without git has it
/// too.
/// </summary>
internal sealed class OriginalKoans(string root)
{
    /// <summary>The folder of the copies, relative to the repository.</summary>
    public const string Folder = "PathToEnlightenment/OriginalKoans";

    /// <summary>
    /// Where the original of <paramref name="relativeFile"/> (<c>Koans/06_AboutThreads.cs</c>) is kept,
    /// relative to the repository: <c>PathToEnlightenment/OriginalKoans/06_AboutThreads.cs.txt</c>.
    /// </summary>
    public static string CopyOf(string relativeFile)
    {
        ArgumentNullException.ThrowIfNull(relativeFile);
        return $"{Folder}/{Path.GetFileName(relativeFile.Replace('\\', '/'))}.txt";
    }

    /// <inheritdoc cref="FindOriginal"/>
    public OriginalLookup Find(string relativeFile, string topic, string koan)
    {
        ArgumentNullException.ThrowIfNull(relativeFile);
        var copy = CopyOf(relativeFile);
        var path = Path.Combine(root, copy.Replace('/', Path.DirectorySeparatorChar));
        var original = $"{copy}, the original of {relativeFile},";
        if (!File.Exists(path))
        {
            return new OriginalLookup(null,
                $"{original} is missing; copy it back from a fresh download of the repository, or in a clone run `git checkout -- {Folder}`");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException exception)
        {
            return new OriginalLookup(null, $"{original} could not be read ({exception.Message})");
        }
        catch (UnauthorizedAccessException exception)
        {
            return new OriginalLookup(null, $"{original} could not be read ({exception.Message})");
        }

        return KoanText.Find(text, topic, koan) is null
            ? new OriginalLookup(null, $"{original} has no koan {topic}.{koan}")
            : new OriginalLookup(new OriginalFile(text, copy), string.Empty);
    }
}
