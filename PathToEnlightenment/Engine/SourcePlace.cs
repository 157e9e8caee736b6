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
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var found = new StackTrace(current, fNeedFileInfo: true).GetFrames()
                .Select(FromFrame)
                .FirstOrDefault(place => place is not null && place.File == wanted);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    public override string ToString() => $"{File}:{Line}";
}
