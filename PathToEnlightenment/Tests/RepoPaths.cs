namespace ThreadingKoans.Tests;

/// <summary>The repository our tests check: the folder above the tests that holds ThreadingKoans.sln.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Koans => Path.Combine(Root, "Koans");

    public static string Solutions => Path.Combine(Root, "Solutions");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ThreadingKoans.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("No folder above the tests holds ThreadingKoans.sln.");
    }
}
