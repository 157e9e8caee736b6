using System.Diagnostics;

namespace ThreadingKoans.Engine;

/// <summary>
/// A place in a koan file, written the way editors and terminals make clickable:
/// <c>Koans/02_AboutStrings.cs:17</c> (the project folder and the file, relative to the repository).
/// </summary>
public sealed record SourcePlace(string File, int Line)
{
    /// <summary>The project folder and file name of a full path: <c>/x/y/Koans/A.cs</c> gives <c>Koans/A.cs</c>.</summary>
    public static string ShortPath(string fullPath)
    {
        var normalized = fullPath.Replace('\\', '/');
        var parts = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? $"{parts[^2]}/{parts[^1]}" : normalized;
    }

    /// <summary>The place of a stack frame, when it has file information.</summary>
    public static SourcePlace? FromFrame(StackFrame frame)
    {
        var file = frame.GetFileName();
        var line = frame.GetFileLineNumber();
        return string.IsNullOrEmpty(file) || line <= 0 ? null : new SourcePlace(ShortPath(file), line);
    }

    /// <summary>
    /// The first frame of <paramref name="exception"/>'s stack that lies in <paramref name="koanFile"/>
    /// (the deepest place in the koan's own file), or null when the exception never passed through it.
    /// </summary>
    public static SourcePlace? InFile(Exception exception, string koanFile)
    {
        var wanted = ShortPath(koanFile);
        return Deepest(exception, file => ShortPath(file) == wanted);
    }

    /// <summary>
    /// The deepest frame of <paramref name="exception"/>'s stack (or of an inner exception's) that lies in a
    /// file of <paramref name="folder"/>, or null when it never passed through one.
    /// </summary>
    public static SourcePlace? InFolder(Exception exception, string folder) => Deepest(exception, file => IsIn(file, folder));

    /// <summary>The first place in <paramref name="koanFile"/> that a stack trace's text names, if any.</summary>
    public static SourcePlace? InStackTrace(string? stackTrace, string koanFile) =>
        Frames(stackTrace)
            .Where(frame => frame.File == koanFile)
            .Select(frame => new SourcePlace(ShortPath(frame.File), frame.Line))
            .FirstOrDefault();

    /// <summary>The lines of a stack trace's text whose frames lie in <paramref name="folder"/>, or null when none do.</summary>
    public static string? FramesIn(string? stackTrace, string folder)
    {
        var kept = Frames(stackTrace).Where(frame => IsIn(frame.File, folder)).Select(frame => frame.Text).ToList();
        return kept.Count == 0 ? null : string.Join('\n', kept);
    }

    public override string ToString() => $"{File}:{Line}";

    /// <summary>The deepest frame of an exception's stack, or of an inner exception's, whose file <paramref name="wanted"/> accepts.</summary>
    private static SourcePlace? Deepest(Exception exception, Func<string, bool> wanted)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var found = new StackTrace(current, fNeedFileInfo: true).GetFrames()
                .Where(frame => frame.GetFileName() is { } file && wanted(file))
                .Select(FromFrame)
                .FirstOrDefault(place => place is not null);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static bool IsIn(string file, string folder) =>
        folder.Length > 0 && Path.GetDirectoryName(file) is { } directory
        && string.Equals(Path.GetFullPath(directory), Path.GetFullPath(folder), StringComparison.Ordinal);

    private static IEnumerable<(string Text, string File, int Line)> Frames(string? stackTrace)
    {
        foreach (var text in (stackTrace ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = text.LastIndexOf(" in ", StringComparison.Ordinal);
            var line = text.LastIndexOf(":line ", StringComparison.Ordinal);
            if (at > 0 && line > at && int.TryParse(text.AsSpan(line + 6), System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                yield return (text, text[(at + 4)..line], number);
            }
        }
    }
}
