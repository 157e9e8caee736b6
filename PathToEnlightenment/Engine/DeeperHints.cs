using System.Collections.Concurrent;
using System.Text.Json;

namespace ThreadingKoans.Engine;

/// <summary>
/// The second, more concrete hint of each koan. It is kept out of the koan files, where a learner would
/// read it before asking for the first: one JSON file per topic in <see cref="Folder"/>, named as the
/// topic's file (<c>17_AboutTheAutoScalingPool.json</c>), that maps each koan's name to its hint in the
/// order the koans stand. Koans and Solutions share it, so the two files still differ only at the blanks.
/// </summary>
public static class DeeperHints
{
    /// <summary>Where the files are, relative to the repository's root.</summary>
    public const string Folder = "PathToEnlightenment/DeeperHints";

    /// <summary>The hints of each topic, by the koan file that asked.</summary>
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> Topics = new(StringComparer.Ordinal);

    /// <summary>
    /// The deeper hint of the koan <paramref name="koan"/> written in <paramref name="koanFile"/>, or null when
    /// it has none (or the repository around the file has no hints folder).
    /// </summary>
    public static string? For(string koanFile, string koan)
    {
        ArgumentNullException.ThrowIfNull(koanFile);
        // Every koan of a topic asks with the same file: the repository is looked for and the hints read once.
        return Topics.GetOrAdd(koanFile, ReadFor).GetValueOrDefault(koan);
    }

    private static IReadOnlyDictionary<string, string> ReadFor(string koanFile) =>
        Path.GetDirectoryName(koanFile) is { } folder && RepositoryRoot.Above(folder) is { } root
            ? Read(FileOf(root, koanFile))
            : new Dictionary<string, string>();

    /// <summary>The hints file of the topic written in <paramref name="koanFile"/>, under <paramref name="root"/>.</summary>
    public static string FileOf(string root, string koanFile) =>
        Path.Combine(root, Folder, Path.GetFileNameWithoutExtension(koanFile.Replace('\\', '/').Split('/')[^1]) + ".json");

    /// <summary>The hints in <paramref name="file"/>, koan name to hint, in the file's order; none when it does not exist.</summary>
    public static IReadOnlyDictionary<string, string> Read(string file)
    {
        if (!File.Exists(file))
        {
            return new Dictionary<string, string>();
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) ?? [];
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{file} is not a JSON object of koan names and hints: {exception.Message}", exception);
        }
    }
}
