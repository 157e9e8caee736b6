using System.Security.Cryptography;
using System.Text;
using Spectre.Console;
using ThreadingKoans.Engine;

namespace ThreadingKoans.Runner.Running;

/// <summary>
/// Watch mode's <see cref="Meditate"/>: the first walk builds with <c>dotnet build</c> and runs a fresh host,
/// as every walk does outside watch mode; after that each walk compiles the koans in this process
/// (<see cref="KoanCompiler"/>, references taken from that first build) and runs them in a host that stays
/// up (<see cref="KoanServer"/>). It runs the koan the learner is on first: koans that passed in the last
/// walk and whose files did not change since are taken as passed, and the rest of the path runs gated, in
/// order, from the first of them. A change to a file that is not a topic (the learner's pool) runs again
/// every koan of the topics that use it.
/// </summary>
internal sealed class FastMeditation(IAnsiConsole console, HostLimits limits, TimeSpan buildLimit, CancellationToken cancel) : IDisposable
{
    private readonly KoanMeditation _slow = new(console, limits, buildLimit, cancel);
    private KoanCompiler? _compiler;
    private KoanServer? _server;
    private RepoLayout? _layout;
    private IReadOnlyDictionary<string, string> _files = new Dictionary<string, string>();
    private HostRun? _last;

    /// <summary>How the last walk was made: "dotnet build" or "in-process" (for the watch-latency script).</summary>
    public string LastWay { get; private set; } = "";

    /// <inheritdoc cref="Meditate"/>
    public Meditation Run(RepoLayout layout, string? only)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (_compiler is null || _server is null || layout != _layout)
        {
            return First(layout, only);
        }

        if (PathCheck.FirstProblem(layout) is { } problem)
        {
            return new Meditation(null, new LayoutBroken(problem));
        }

        LastWay = "in-process";
        var compiled = _compiler.Compile();
        if (!compiled.Succeeded)
        {
            return new Meditation(null, new CompileFailed(compiled.Errors, string.Join('\n', compiled.Errors.Select(error => $"{error.Place}: error {error.Code}: {error.Message}"))));
        }

        KoanCompiler.Install(compiled, layout.KoansBuild);
        if (only is not null)
        {
            return new Meditation(_server.Run(only, ungated: true, cancel), null);
        }

        var files = Snapshot(layout);
        var assumed = Assumed(files);
        var rest = _last!.Path.Where(koan => !assumed.ContainsKey(koan.Id)).Select(koan => koan.FullName).ToList();
        var run = rest.Count == 0 ? _last : _server.Run(string.Join(',', rest), ungated: false, cancel);
        if (run.Path.Count > 0)
        {
            var results = run.Results.ToDictionary(StringComparer.Ordinal);
            foreach (var (id, passed) in assumed)
            {
                results.TryAdd(id, passed);
            }

            run = run with { Results = results };
            Remember(run, files);
        }

        return new Meditation(run, null);
    }

    public void Dispose() => _server?.Dispose();

    /// <summary>The first walk, or one after the repository changed: the normal build and host, then ready for the fast ones.</summary>
    private Meditation First(RepoLayout layout, string? only)
    {
        LastWay = "dotnet build";
        var meditation = _slow.Run(layout, only);
        if (meditation.Run is not { } run)
        {
            return meditation;
        }

        _server?.Dispose();
        _layout = layout;
        _server = new KoanServer(layout.KoansBuild, limits);
        _compiler = KoanCompiler.For(layout.Koans, layout.KoansBuild);
        if (only is null && run.Path.Count > 0)
        {
            Remember(run, Snapshot(layout));
        }

        // Warm the compiler and the host now, before the learner's first save: the first runs are the slow ones.
        for (var warm = 0; warm < 2; warm++)
        {
            _ = _compiler?.Compile();
        }

        if (run.Path.Count > 0)
        {
            // The first koan of the path is quick whether it passes or not.
            _ = _server.Run(run.Path[0].FullName, ungated: true, cancel);
        }
        return meditation;
    }

    private void Remember(HostRun run, IReadOnlyDictionary<string, string> files)
    {
        _last = run;
        _files = files;
    }

    /// <summary>The koans to take as passed: passed last time, and nothing they depend on changed.</summary>
    private Dictionary<string, KoanFinished> Assumed(IReadOnlyDictionary<string, string> files)
    {
        if (_last is null)
        {
            return [];
        }

        var changed = files.Keys.Union(_files.Keys)
            .Where(file => files.GetValueOrDefault(file) != _files.GetValueOrDefault(file))
            .ToList();
        var changedTopics = changed.Where(file => PathOrder.TopicNumber(file) > 0).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var changedOthers = changed.Where(file => PathOrder.TopicNumber(file) == 0).ToList();
        var poolOnly = changedOthers.All(file => Path.GetFileName(file) == PoolClaims.FileName);
        if (!poolOnly)
        {
            return [];
        }

        var firstPoolTopic = changedOthers.Count == 0 ? int.MaxValue : FirstTopicUsingThePool();
        return _last.Path
            .Where(koan => _last.Results.TryGetValue(koan.Id, out var result) && result.Outcome == KoanOutcome.Passed)
            .Where(koan => !changedTopics.Contains(Path.GetFileName(koan.File)) && koan.TopicNumber < firstPoolTopic)
            .ToDictionary(koan => koan.Id, koan => new KoanFinished(koan.Id, KoanOutcome.Passed, null, null, null, 0));
    }

    /// <summary>The first topic with a koan that claims a blank of the learner's pool.</summary>
    private int FirstTopicUsingThePool()
    {
        var claimers = PoolClaims.In(_layout!.Koans).SelectMany(blank => blank.Koans).ToHashSet(StringComparer.Ordinal);
        return _last!.Path.Where(koan => claimers.Contains(koan.FullName)).Select(koan => koan.TopicNumber).DefaultIfEmpty(0).Min();
    }

    /// <summary>Every C# file of Koans, with a digest of its text.</summary>
    private static Dictionary<string, string> Snapshot(RepoLayout layout) =>
        Directory.GetFiles(layout.Koans, "*.cs").ToDictionary(
            file => file,
            file => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(File.ReadAllText(file)))),
            StringComparer.Ordinal);
}
