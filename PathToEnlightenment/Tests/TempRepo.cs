namespace ThreadingKoans.Tests;

/// <summary>
/// A throw-away copy of the repository (the koans, the solutions, the koan library, the path model and its dotnet test logger, the
/// originals of the koans and the root build files with the learner's solution), without git,
/// for runner tests that edit the learner's files. Deleted on dispose.
/// </summary>
internal sealed class TempRepo : IDisposable
{
    private static readonly string[] RootFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig", "ThreadingKoans.sln"];

    /// <summary>A copy built once per test run, which <see cref="Built"/> copies whole.</summary>
    private static readonly Lazy<TempRepo> BuiltTemplate = new(() =>
    {
        var template = new TempRepo();
        var layout = new RepoLayout(template.Root);
        var build = new KoanBuild(layout, TimeSpan.FromMinutes(5)).Run();
        build.Succeeded.ShouldBeTrue($"the template copy does not build:\n{build.Log}");
        BuildStamp.Write(layout, Dotnet.SdkCompiler(layout.Root));
        return template;
    });

    public TempRepo()
    {
        Root = Directory.CreateTempSubdirectory("koans-").FullName;
        foreach (var file in RootFiles)
        {
            File.Copy(Path.Combine(RepoPaths.Root, file), Path.Combine(Root, file));
        }

        CopyFolder(RepoPaths.Koans, Path.Combine(Root, "Koans"));
        CopyFolder(RepoPaths.Solutions, Path.Combine(Root, "Solutions"));
        foreach (var part in new[] { "Engine", "PathModel", "OriginalKoans", "DeeperHints" })
        {
            CopyFolder(Path.Combine(RepoPaths.Root, "PathToEnlightenment", part), Path.Combine(Root, "PathToEnlightenment", part));
        }
    }

    private TempRepo(TempRepo built)
    {
        Root = Directory.CreateTempSubdirectory("koans-").FullName;
        CopyFolder(built.Root, Root, withBuilds: true);
    }

    public string Root { get; }

    /// <summary>
    /// A copy as a learner's first walk leaves it: restored, built with <c>dotnet build</c> and stamped, so that
    /// the runner compiles the koans in-process. The build is paid once per test run; each copy costs a copy.
    /// </summary>
    public static TempRepo Built() => new(BuiltTemplate.Value);

    /// <summary>Deletes the built template, once every test has run.</summary>
    public static void DeleteTemplate()
    {
        if (BuiltTemplate.IsValueCreated)
        {
            BuiltTemplate.Value.Dispose();
        }
    }

    public string Koans => Path.Combine(Root, "Koans");

    public string Solutions => Path.Combine(Root, "Solutions");

    /// <summary>The learner's copy of a topic file, by its number: <c>KoanFile(1)</c> is Koans/01_….cs.</summary>
    public string KoanFile(int topic) => Directory.GetFiles(Koans, $"{topic:00}_*.cs").Single();

    /// <summary>Answers a topic as the solutions do.</summary>
    public void Solve(int topic)
    {
        var koan = KoanFile(topic);
        File.Copy(Path.Combine(Solutions, Path.GetFileName(koan)), koan, overwrite: true);
    }

    /// <summary>Answers every topic.</summary>
    public void SolveAll()
    {
        foreach (var file in Directory.GetFiles(Solutions, "*.cs"))
        {
            File.Copy(file, Path.Combine(Koans, Path.GetFileName(file)), overwrite: true);
        }
    }

    /// <summary>Replaces the one occurrence of <paramref name="find"/> in a learner's topic file.</summary>
    public void Edit(int topic, string find, string replace)
    {
        var file = KoanFile(topic);
        var text = File.ReadAllText(file);
        text.IndexOf(find, StringComparison.Ordinal).ShouldBeGreaterThanOrEqualTo(0, $"'{find}' is not in {file}");
        File.WriteAllText(file, text.Replace(find, replace, StringComparison.Ordinal));
    }

    /// <summary>The line of the first occurrence of <paramref name="text"/> in a learner's topic file.</summary>
    public int LineOf(int topic, string text) =>
        File.ReadAllLines(KoanFile(topic)).Select((line, index) => (line, index)).First(pair => pair.line.Contains(text, StringComparison.Ordinal)).index + 1;

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>Copies a folder; with <paramref name="withBuilds"/>, its bin and obj too, with every file's time of writing (the build stamp reads them).</summary>
    private static void CopyFolder(string from, string to, bool withBuilds = false)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            var copy = Path.Combine(to, Path.GetFileName(file));
            File.Copy(file, copy);
            if (withBuilds)
            {
                File.SetLastWriteTimeUtc(copy, File.GetLastWriteTimeUtc(file));
            }
        }

        foreach (var folder in Directory.EnumerateDirectories(from).Where(folder => withBuilds || Path.GetFileName(folder) is not ("bin" or "obj")))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)), withBuilds);
        }
    }
}
