using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ThreadingKoans.Runner.Running;

/// <summary>What one in-process compile gave: the assembly, or the errors.</summary>
/// <param name="Image">The assembly's bytes, when it compiled.</param>
/// <param name="Symbols">Its portable PDB, so that failures still name <c>Koans/File.cs:line</c>.</param>
/// <param name="Errors">The compile errors, in the same form the <c>dotnet build</c> log gives.</param>
internal sealed record Compiled(byte[]? Image, byte[]? Symbols, IReadOnlyList<CompileError> Errors)
{
    public bool Succeeded => Image is not null;
}

/// <summary>
/// Compiles a koans project (Koans, or Solutions in the tests) inside this process with Roslyn, as
/// <c>dotnet build</c> would, but without MSBuild: the references are the assemblies a normal build
/// already put beside the koans plus the framework's reference pack, found once; the sources are the
/// project's own <c>*.cs</c> files plus the files the build generated in <c>obj</c> (global usings and
/// assembly attributes). A compile that reuses the previous syntax trees and only re-parses the files
/// that changed takes a fraction of a second once warm.
/// </summary>
internal sealed class KoanCompiler
{
    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest, DocumentationMode.None);

    private readonly string _projectFolder;
    private readonly string _assemblyName;
    private readonly string _generatedFolder;
    private readonly IReadOnlyList<string> _referencePaths;
    private readonly Lazy<ImmutableArray<MetadataReference>> _references;
    private readonly Dictionary<string, (string Text, SyntaxTree Tree)> _trees = new(StringComparer.Ordinal);
    private CSharpCompilation? _compilation;

    private KoanCompiler(string projectFolder, string assemblyName, string generatedFolder, IReadOnlyList<string> referencePaths)
    {
        _projectFolder = projectFolder;
        _assemblyName = assemblyName;
        _generatedFolder = generatedFolder;
        _referencePaths = referencePaths;
        _references = new(() => [.. referencePaths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))]);
    }

    /// <summary>
    /// A compiler for the project in <paramref name="projectFolder"/> whose normal build is <paramref name="output"/>,
    /// or null when that build is missing (there is then nothing to take the references from).
    /// </summary>
    public static KoanCompiler? For(string projectFolder, ProjectOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var generated = Path.Combine(projectFolder, "obj", "Debug", RepoLayout.TargetFramework);
        if (!File.Exists(output.Assembly) || !Directory.Exists(generated) || FrameworkReferences() is not { } framework)
        {
            return null;
        }

        var own = Path.GetFileName(output.Assembly);
        var beside = Directory.GetFiles(output.Folder, "*.dll")
            .Where(path => !string.Equals(Path.GetFileName(path), own, StringComparison.OrdinalIgnoreCase))
            .Where(IsManaged);
        return new KoanCompiler(projectFolder, output.Name, generated, [.. framework, .. beside]);
    }

    /// <summary>
    /// Compiles the project's files as they are on disk now with the SDK's own compiler, <paramref name="csc"/>,
    /// through its compiler server (the one <c>dotnet build</c> keeps warm), straight into <paramref name="output"/>.
    /// A one-shot walk compiles this way: a process that compiles once would spend seconds on making
    /// Roslyn's code ready before it compiled anything.
    /// </summary>
    /// <returns>The compile errors; none when the assembly was written.</returns>
    public IReadOnlyList<CompileError> CompileWithServer(string csc, ProjectOutput output, RepoLayout layout, TimeSpan limit, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(layout);
        var arguments = Path.Combine(Path.GetDirectoryName(output.Folder)!, "koans-runner.rsp");
        File.WriteAllLines(arguments, [
            "/noconfig", "/nostdlib+", "/nologo", "/target:library", "/deterministic+", "/debug:portable", "/langversion:latest",
            "/nullable:annotations", "/warn:0", $"/out:{Quoted(output.Assembly)}", $"/pdb:{Quoted(Path.ChangeExtension(output.Assembly, ".pdb"))}",
            .. _referencePaths.Select(path => $"/r:{Quoted(path)}"),
            .. SourceFiles().Select(Quoted)]);
        var start = new System.Diagnostics.ProcessStartInfo(Dotnet.Host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = layout.Root,
        };
        foreach (var argument in new[] { csc, "-shared", $"@{arguments}" })
        {
            start.ArgumentList.Add(argument);
        }

        var outcome = Dotnet.Run(start, limit, cancel);
        var errors = KoanBuild.ErrorsIn(layout, outcome.Output + outcome.Errors);
        return outcome is { Exited: true, ExitCode: 0 } || errors.Count > 0
            ? errors
            : [new CompileError(layout.Relative(csc), 1, 1, "CSC", $"The SDK's compiler did not finish ({(outcome.Exited ? $"exit code {outcome.ExitCode}" : "out of time")}).")];
    }

    /// <summary>Compiles the project's files as they are on disk now.</summary>
    public Compiled Compile()
    {
        var files = SourceFiles();
        var trees = new List<SyntaxTree>(files.Count);
        var replaced = new List<(SyntaxTree Old, SyntaxTree New)>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (!_trees.TryGetValue(file, out var known) || known.Text != text)
            {
                var parsed = (text, CSharpSyntaxTree.ParseText(text, Parse, file, Encoding.UTF8));
                if (known.Tree is not null)
                {
                    replaced.Add((known.Tree, parsed.Item2));
                }

                known = parsed;
                _trees[file] = known;
            }

            trees.Add(known.Tree);
        }

        var sameFiles = _trees.Count == files.Count && _compilation?.SyntaxTrees.Length == files.Count;
        foreach (var gone in _trees.Keys.Except(files).ToList())
        {
            _trees.Remove(gone);
        }

        // A save changes a file or two: the compilation keeps what it knows of the others.
        _compilation = _compilation is null || !sameFiles
            ? CSharpCompilation.Create(_assemblyName, trees, _references.Value, Options())
            : replaced.Aggregate(_compilation, (compilation, change) => compilation.ReplaceSyntaxTree(change.Old, change.New));
        using var image = new MemoryStream();
        using var symbols = new MemoryStream();
        var emitted = _compilation.Emit(image, symbols, options: new Microsoft.CodeAnalysis.Emit.EmitOptions(debugInformationFormat: Microsoft.CodeAnalysis.Emit.DebugInformationFormat.PortablePdb));
        if (emitted.Success)
        {
            return new Compiled(image.ToArray(), symbols.ToArray(), []);
        }

        var errors = emitted.Diagnostics
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(diagnostic =>
            {
                var span = diagnostic.Location.GetMappedLineSpan();
                var file = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(_projectFolder))!, span.Path).Replace('\\', '/');
                return new CompileError(
                    file,
                    span.StartLinePosition.Line + 1,
                    span.StartLinePosition.Character + 1,
                    diagnostic.Id,
                    diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
                    ShouldlyClash.Explain(_compilation, diagnostic));
            })
            .Distinct()
            .ToList();
        return new Compiled(null, null, errors);
    }

    /// <summary>Writes a compiled assembly over the normal build's, where the host loads it from.</summary>
    public static void Install(Compiled compiled, ProjectOutput output)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(output);
        File.WriteAllBytes(output.Assembly, compiled.Image ?? throw new InvalidOperationException("Only an assembly that compiled can be installed."));
        File.WriteAllBytes(Path.ChangeExtension(output.Assembly, ".pdb"), compiled.Symbols!);
    }

    /// <summary>The project's own <c>*.cs</c> files (in any folder but <c>bin</c> and <c>obj</c>), then those the build generated.</summary>
    private List<string> SourceFiles() =>
        [.. Directory.EnumerateFiles(_projectFolder, "*.cs", SearchOption.AllDirectories)
            .Where(file => !LearnerFiles.InBuildOutput(_projectFolder, file))
            .Concat(Directory.GetFiles(_generatedFolder, "*.cs"))
            .Order(StringComparer.Ordinal)];

    private static string Quoted(string path) => $"\"{path}\"";

    /// <summary>
    /// The options the learner's project builds with (<c>Koans/Directory.Build.props</c>): nullable annotations
    /// without the warnings, so no nullable flow analysis either, which would cost a watch-mode compile a quarter
    /// of its time for findings nobody is shown.
    /// </summary>
    private static CSharpCompilationOptions Options() =>
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Annotations)
            .WithOptimizationLevel(OptimizationLevel.Debug)
            .WithDeterministic(true)
            .WithConcurrentBuild(true);

    /// <summary>The reference pack of the framework this runner runs on: what a build compiles against.</summary>
    private static IReadOnlyList<string>? FrameworkReferences()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var pack = Directory.Exists(packs)
            ? Directory.GetDirectories(packs)
                .Select(folder => Path.Combine(folder, "ref", RepoLayout.TargetFramework))
                .Where(Directory.Exists)
                .OrderByDescending(folder => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(folder))), out var version) ? version : new Version())
                .FirstOrDefault()
            : null;
        var folder = pack ?? runtime;
        var files = Directory.GetFiles(folder, "*.dll").Where(IsManaged).ToList();
        return files.Count > 0 ? files : null;
    }

    private static bool IsManaged(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
            return reader.HasMetadata;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
