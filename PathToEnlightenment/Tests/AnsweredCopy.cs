
namespace ThreadingKoans.Tests;

/// <summary>
/// A throw-away copy of the repository whose Koans are the Solutions: a copy of the one built once per test
/// run (<see cref="TempRepo.Built"/>), answered, and rebuilt in-process (<see cref="KoanCompiler"/>) after each
/// edit: the way tests try many variants of the answered koans (a wrong answer, a pool with some blanks put
/// back) without paying for a full build each time.
/// </summary>
internal sealed class AnsweredCopy : IDisposable
{
    private readonly TempRepo _repo = TempRepo.Built();
    private readonly KoanCompiler _compiler;

    public AnsweredCopy()
    {
        _repo.SolveAll();
        Layout = new RepoLayout(_repo.Root);
        _compiler = KoanCompiler.For(Layout.Koans, Layout.KoansBuild).ShouldNotBeNull("the answered copy has no build to take references from");
        Rebuild();
    }

    public RepoLayout Layout { get; }

    public TempRepo Repo => _repo;

    /// <summary>The learner's copy of a file of Koans, by name (<c>WorkerPool.cs</c>).</summary>
    public string KoansFile(string name) => Path.Combine(_repo.Koans, name);

    /// <summary>Puts every Koans file back to its answer.</summary>
    public void Answer() => _repo.SolveAll();

    /// <summary>Compiles the Koans as they are now and puts the assembly where the host loads it.</summary>
    public void Rebuild()
    {
        var compiled = _compiler.Compile();
        compiled.Succeeded.ShouldBeTrue($"the edited copy does not compile: {string.Join("; ", compiled.Errors.Select(error => $"{error.Place} {error.Code} {error.Message}"))}");
        KoanCompiler.Install(compiled, Layout.KoansBuild);
    }

    /// <summary>Compiles the Koans as they are now and, when they compile, puts the assembly where the host loads it.</summary>
    /// <returns>Whether they compiled.</returns>
    public bool TryRebuild()
    {
        var compiled = _compiler.Compile();
        if (compiled.Succeeded)
        {
            KoanCompiler.Install(compiled, Layout.KoansBuild);
        }

        return compiled.Succeeded;
    }

    /// <summary>Runs these koans (or topics) of the rebuilt copy, every one of them.</summary>
    public HostRun Run(IEnumerable<string> only)
    {
        using var host = new KoanHost(Layout.KoansBuild, HostLimits.Default);
        return host.Run(string.Join(',', only), runAll: true);
    }

    public void Dispose() => _repo.Dispose();
}
