using System.Text.RegularExpressions;
using ThreadingKoans.Engine;

namespace ThreadingKoans.Runner.Running;

/// <summary>
/// Checks the learner's topic files before anything is built: a topic file that was deleted or renamed
/// would silently drop a topic from the path, so it is named as the thing to fix.
/// </summary>
internal static partial class PathCheck
{
    /// <summary>The first problem with the topic files of <paramref name="layout"/>, or null when there is none.</summary>
    public static string? FirstProblem(RepoLayout layout)
    {
        if (!Directory.Exists(layout.Koans))
        {
            return $"There is no Koans folder in {layout.Root}: the koans live there; restore it with `git checkout -- Koans`.";
        }

        if (!File.Exists(layout.KoansProject))
        {
            return $"{layout.Relative(layout.KoansProject)} is missing, so the koans cannot be built; restore it with `git checkout -- {layout.Relative(layout.KoansProject)}`.";
        }

        var koanFiles = TopicFiles(layout.Koans);
        var renamed = Directory.EnumerateFiles(layout.Koans, "*.cs")
            .Where(file => PathOrder.TopicNumber(file) == 0 && File.ReadAllText(file).Contains("[Topic(", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        if (renamed is not null)
        {
            return $"{layout.Relative(renamed)} holds a topic, but its name does not start with the topic's number (like 02_AboutStrings.cs), so the path cannot place it. Give it back its name.";
        }

        var missing = Directory.Exists(layout.Solutions)
            ? TopicFiles(layout.Solutions).Keys.Except(koanFiles.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (missing is not null)
        {
            var path = $"Koans/{missing}";
            return $"{path} is missing (deleted or renamed?), so its topic is not on the path. Bring it back with `git checkout -- {path}`, or without git by copying {OriginalKoans.CopyOf(path)} to {path}.";
        }

        var numbers = koanFiles.Keys.Select(PathOrder.TopicNumber).Order().ToList();
        var gap = numbers.Select((number, index) => (number, expected: index + 1)).FirstOrDefault(pair => pair.number != pair.expected);
        return gap == default
            ? null
            : $"Topic {gap.expected:00} is missing from Koans: topic files are numbered 01, 02, 03… without gaps. Was Koans/{gap.expected:00}_….cs deleted or renamed?";
    }

    private static Dictionary<string, string> TopicFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs")
            .Where(file => TopicName().IsMatch(Path.GetFileName(file)))
            .ToDictionary(file => Path.GetFileName(file), file => file, StringComparer.Ordinal);

    [GeneratedRegex(@"^\d+_\w+\.cs$")]
    private static partial Regex TopicName();
}
