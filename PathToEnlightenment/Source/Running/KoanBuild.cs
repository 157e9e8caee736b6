using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ThreadingKoans.Runner.Running;

/// <summary>What a build of the koans gave.</summary>
internal sealed record BuildResult(bool Succeeded, IReadOnlyList<CompileError> Errors, string Log);

/// <summary>Builds the learner's Koans project with <c>dotnet build</c>, bounded in time.</summary>
/// <param name="layout">The repository.</param>
/// <param name="limit">How long the build may take before it is stopped.</param>
/// <param name="project">The project to build: the learner's Koans unless another (Solutions) is named.</param>
/// <param name="configuration">Debug for the koans; Release for the benchmark.</param>
internal sealed partial class KoanBuild(RepoLayout layout, TimeSpan limit, string? project = null, string configuration = "Debug")
{
    private readonly string _project = project ?? layout.KoansProject;

    /// <summary>Builds the koans; <paramref name="cancel"/> stops the build at once (see <see cref="Dotnet.Run"/>).</summary>
    public BuildResult Run(CancellationToken cancel = default)
    {
        var start = new ProcessStartInfo(Dotnet.Host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = layout.Root,
        };
        foreach (var argument in new[] { "build", _project, "-c", configuration, "-nologo", "-v:q", "-clp:NoSummary", "-p:GenerateFullPaths=true" })
        {
            start.ArgumentList.Add(argument);
        }

        if (RestoreIsCurrent())
        {
            // Restoring again would find nothing to do, and finding that out costs half a second per run.
            start.ArgumentList.Add("--no-restore");
        }

        var outcome = Dotnet.Run(start, limit, cancel);
        if (!outcome.Exited)
        {
            return new BuildResult(false, [], $"The build did not finish within {limit.TotalSeconds:0} s and was stopped.\n{outcome.Output}");
        }

        var log = outcome.Output + outcome.Errors;
        return outcome.ExitCode == 0
            ? new BuildResult(true, [], log)
            : new BuildResult(false, ErrorsIn(layout, log), log);
    }

    /// <summary>Whether the Koans project's restore is newer than every file that decides what it restores.</summary>
    private bool RestoreIsCurrent()
    {
        var folder = Path.GetDirectoryName(_project)!;
        var assets = new FileInfo(Path.Combine(folder, "obj", "project.assets.json"));
        if (!assets.Exists)
        {
            return false;
        }

        var inputs = new[]
        {
            _project,
            Path.Combine(folder, "Directory.Build.props"),
            Path.Combine(layout.Root, "Directory.Build.props"),
            Path.Combine(layout.Root, "Directory.Packages.props"),
            Path.Combine(layout.Root, "global.json"),
            Path.Combine(layout.Root, "PathToEnlightenment", "Engine", "KoanEngine.csproj"),
            Path.Combine(layout.Root, "PathToEnlightenment", "PathModel", "ThreadingKoans.PathModel.csproj"),
        };
        return inputs.Select(input => new FileInfo(input)).All(input => !input.Exists || input.LastWriteTimeUtc < assets.LastWriteTimeUtc);
    }

    /// <summary>
    /// The distinct compiler errors in MSBuild's canonical <c>file(line,col): error CODE: text [project]</c> lines
    /// (the compiler alone names a file below the folder it runs in relative to it: the repository's root here).
    /// </summary>
    public static IReadOnlyList<CompileError> ErrorsIn(RepoLayout layout, string log) =>
        log.Split('\n')
            .Select(line => ErrorLine().Match(line.TrimEnd('\r')))
            .Where(match => match.Success)
            .Select(match => new CompileError(
                layout.Relative(Path.Combine(layout.Root, match.Groups["file"].Value)),
                int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["code"].Value,
                match.Groups["message"].Value))
            .Distinct()
            .ToList();

    [GeneratedRegex(@"^\s*(?<file>.+?)\((?<line>\d+),(?<column>\d+)\): error (?<code>[A-Z]+\d+): (?<message>.*?)(?: \[[^\]]+\])?$")]
    private static partial Regex ErrorLine();
}
