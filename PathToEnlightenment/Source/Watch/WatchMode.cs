using Spectre.Console;

namespace ThreadingKoans.Runner.Watch;

/// <summary>
/// <c>--watch</c> as the learner runs it: the real <see cref="KoanSaves"/> on the repository's
/// <c>Koans/</c>, the system clock, and Ctrl+C cancelling <paramref name="stop"/>, which the walk's
/// build and koan host also honour (see <see cref="KoanRunner"/>).
/// </summary>
/// <param name="console">Where the walks and the loop write.</param>
/// <param name="stop">Cancelled by Ctrl+C; the same source the walk was composed with.</param>
internal sealed class WatchMode(IAnsiConsole console, CancellationTokenSource stop)
{
    /// <summary>Walks <paramref name="layout"/> with <paramref name="walk"/>, then again after every save under its <c>Koans/</c>, until Ctrl+C.</summary>
    public int Run(RepoLayout layout, Func<int> walk)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(walk);
        if (!Directory.Exists(layout.Koans))
        {
            // Nothing to watch: one walk says why.
            return walk();
        }

        ConsoleCancelEventHandler onCtrlC = (_, e) =>
        {
            // The process stays up until the loop has stopped the walk and its child processes.
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCtrlC;
        try
        {
            using var saves = new KoanSaves(layout.Koans, TimeProvider.System);
            return new WatchLoop(console, walk, saves.Seen, TimeProvider.System).Run(stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }
    }
}
