namespace ThreadingKoans.PathModel;

/// <summary>Where the learner's koans, the solutions and their build output live.</summary>
internal sealed record RepoLayout(string Root)
{
    /// <summary>The framework the koans build for (see Directory.Build.props).</summary>
    public const string TargetFramework = "net10.0";

    public string Koans => Path.Combine(Root, "Koans");

    public string KoansProject => Path.Combine(Koans, "Koans.csproj");

    public string Solutions => Path.Combine(Root, "Solutions");

    /// <summary>The built learner's koans.</summary>
    public ProjectOutput KoansBuild => new(Path.Combine(Koans, "bin", "Debug", TargetFramework), "Koans");

    /// <summary>The built solutions.</summary>
    public ProjectOutput SolutionsBuild => new(Path.Combine(Solutions, "bin", "Debug", TargetFramework), "Solutions");

    public string SolutionsProject => Path.Combine(Solutions, "Solutions.csproj");

    /// <summary>The solutions built in Release, for the benchmark.</summary>
    public ProjectOutput SolutionsRelease => new(Path.Combine(Solutions, "bin", "Release", TargetFramework), "Solutions");

    /// <summary>A path as the learner sees it, relative to the repository: <c>Koans/01_AboutAsserts.cs</c>.</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>
    /// The repository around <paramref name="start"/>, or else around <paramref name="fallback"/>: the
    /// first folder upwards that holds a <c>Koans</c> folder.
    /// </summary>
    public static RepoLayout? Find(string start, string fallback) => Above(start) ?? Above(fallback);

    /// <summary>
    /// The repository a command works on: the one at <paramref name="root"/> when the learner gave one
    /// (<c>--root</c>), else the one around the working folder or, failing that, around the runner itself.
    /// </summary>
    public static RepoLayout? For(string? root) =>
        root is not null ? new RepoLayout(Path.GetFullPath(root)) : Find(Environment.CurrentDirectory, AppContext.BaseDirectory);

    private static RepoLayout? Above(string start) => RepositoryRoot.Above(start) is { } root ? new RepoLayout(root) : null;
}

/// <summary>The build output of a koan project: its folder and its assembly's name.</summary>
internal sealed record ProjectOutput(string Folder, string Name)
{
    public string Assembly => Path.Combine(Folder, Name + ".dll");

    /// <summary>The path of the assembly without <c>.dll</c>, to which <c>.deps.json</c> and <c>.runtimeconfig.json</c> are added.</summary>
    public string Stem => Path.Combine(Folder, Name);

    /// <summary>The engine, copied beside the koans by the build.</summary>
    public string Engine => Path.Combine(Folder, "KoanEngine.dll");
}
