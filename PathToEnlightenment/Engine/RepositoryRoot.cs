namespace ThreadingKoans.Engine;

/// <summary>Where the repository of a koan file is: the first folder upwards that holds a <c>Koans</c> folder.</summary>
public static class RepositoryRoot
{
    /// <summary>The repository's root folder around <paramref name="start"/>, or null when no folder above holds <c>Koans</c>.</summary>
    public static string? Above(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, "Koans")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
