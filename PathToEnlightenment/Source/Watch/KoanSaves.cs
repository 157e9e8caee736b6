using System.Threading.Channels;

namespace ThreadingKoans.Runner.Watch;

/// <summary>
/// The learner's saves under <c>Koans/</c>: every change, creation, rename or deletion of a <c>*.cs</c>
/// file outside <c>bin/</c> and <c>obj/</c>, as the time it was seen, written to <see cref="Seen"/>.
/// A lost batch of events (the watcher's buffer overflowed) counts as a save, so that no save goes unseen.
/// </summary>
internal sealed class KoanSaves : IDisposable
{
    private readonly Channel<DateTimeOffset> _seen = Channel.CreateUnbounded<DateTimeOffset>(new UnboundedChannelOptions { SingleReader = true });
    private readonly FileSystemWatcher _watcher;
    private readonly TimeProvider _clock;

    /// <summary>Starts watching <paramref name="koans"/> and its subfolders.</summary>
    /// <param name="koans">The learner's <c>Koans/</c> folder.</param>
    /// <param name="clock">Stamps each save.</param>
    public KoanSaves(string koans, TimeProvider clock)
    {
        _clock = clock;
        _watcher = new FileSystemWatcher(koans, "*.cs")
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += (_, e) => See(e.FullPath);
        _watcher.Created += (_, e) => See(e.FullPath);
        _watcher.Deleted += (_, e) => See(e.FullPath);
        _watcher.Renamed += (_, e) => See(e.FullPath, e.OldFullPath);
        _watcher.Error += (_, _) => _seen.Writer.TryWrite(_clock.GetUtcNow());
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>When each save was seen, in order.</summary>
    public ChannelReader<DateTimeOffset> Seen => _seen.Reader;

    /// <summary>Whether a path is a koan source file rather than a build output.</summary>
    public static bool IsKoanSource(string koans, string path) =>
        path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) && !LearnerFiles.InBuildOutput(koans, path);

    /// <summary>Stops watching and completes <see cref="Seen"/>, which ends a <see cref="WatchLoop"/> reading it.</summary>
    public void Dispose()
    {
        _watcher.Dispose();
        _seen.Writer.TryComplete();
    }

    private void See(params string[] paths)
    {
        if (paths.Any(path => IsKoanSource(_watcher.Path, path)))
        {
            _seen.Writer.TryWrite(_clock.GetUtcNow());
        }
    }
}
