using System.Security.Cryptography;
using System.Text;

namespace ThreadingKoans.Runner.Running;

/// <summary>
/// What decides the koans' build besides the learner's sources: the project and its props, the restored
/// packages, the SDK's settings and the sources of the koan library (which the koans compile against), each as its name,
/// size and time of writing.
/// While it is what the last <c>dotnet build</c> saw, the runner compiles the learner's files itself
/// (<see cref="KoanCompiler"/>) against that build's references and does not pay for MSBuild. It is kept in
/// the project's <c>obj</c> folder, which git ignores and a clean removes.
/// </summary>
internal static class BuildStamp
{
    /// <summary>The stamp file's name, in the project's <c>obj</c> folder.</summary>
    public const string FileName = "koans-runner.stamp";

    /// <summary>Whether the build of <paramref name="layout"/>'s koans is still what the last <c>dotnet build</c> left.</summary>
    public static bool IsCurrent(RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var file = StampFile(layout);
        return File.Exists(file) && File.Exists(layout.KoansBuild.Assembly) && File.ReadLines(file).FirstOrDefault() == Of(layout);
    }

    /// <summary>The SDK's compiler (<c>csc.dll</c>) that the last <c>dotnet build</c> had, when it still exists.</summary>
    public static string? Compiler(RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var file = StampFile(layout);
        return File.Exists(file) && File.ReadLines(file).Skip(1).FirstOrDefault() is { Length: > 0 } csc && File.Exists(csc) ? csc : null;
    }

    /// <summary>Notes that <c>dotnet build</c> has just built <paramref name="layout"/>'s koans, with the SDK's compiler it used.</summary>
    public static void Write(RepoLayout layout, string? compiler)
    {
        ArgumentNullException.ThrowIfNull(layout);
        File.WriteAllLines(StampFile(layout), [Of(layout), compiler ?? string.Empty]);
    }

    /// <summary>Forgets the last build, so that the next walk builds with <c>dotnet build</c>.</summary>
    public static void Forget(RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        File.Delete(StampFile(layout));
    }

    private static string StampFile(RepoLayout layout) => Path.Combine(layout.Koans, "obj", FileName);

    private static string Of(RepoLayout layout)
    {
        var engine = Path.Combine(layout.Root, "PathToEnlightenment", "Engine");
        IEnumerable<string> inputs =
        [
            layout.KoansProject,
            Path.Combine(layout.Koans, "Directory.Build.props"),
            Path.Combine(layout.Koans, "obj", "project.assets.json"),
            Path.Combine(layout.Root, "Directory.Build.props"),
            Path.Combine(layout.Root, "Directory.Packages.props"),
            Path.Combine(layout.Root, "global.json"),
            .. Directory.Exists(engine)
                ? Directory.EnumerateFiles(engine, "*", SearchOption.AllDirectories).Where(file => !LearnerFiles.InBuildOutput(engine, file))
                : [],
        ];
        var text = new StringBuilder();
        foreach (var input in inputs.Order(StringComparer.Ordinal).Select(path => new FileInfo(path)))
        {
            text.Append(layout.Relative(input.FullName)).Append('\t')
                .Append(input.Exists ? $"{input.Length}\t{input.LastWriteTimeUtc.Ticks}" : "-").Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
