namespace ThreadingKoans.Engine;

/// <summary>How the path is ordered: topics by the number their file names start with, koans by line.</summary>
public static class PathOrder
{
    /// <summary>The number before the first underscore of a file name (<c>07_AboutX.cs</c> gives 7), else 0.</summary>
    public static int TopicNumber(string file)
    {
        var name = Path.GetFileName(file.Replace('\\', '/').Split('/')[^1]);
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        return underscore > 0 && int.TryParse(name.AsSpan(0, underscore), out var number) ? number : 0;
    }
}

/// <summary>Names of the NUnit test properties the engine sets, which the host reads back.</summary>
public static class KoanProperties
{
    public const string File = "KoanFile";
    public const string Line = "KoanLine";
    public const string Hint = "KoanHint";
    public const string DeeperHint = "KoanDeeperHint";
    public const string TopicIntro = "TopicIntro";
    public const string Timeout = "KoanTimeoutSeconds";
}
