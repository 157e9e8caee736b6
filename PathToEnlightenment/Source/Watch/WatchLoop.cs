using System.Globalization;
using System.Threading.Channels;
using Spectre.Console;

namespace ThreadingKoans.Runner.Watch;

/// <summary>
/// Watch mode's loop: one walk at the start, then a walk after every save. The saves arrive as the times
/// they were seen; a burst of them (an editor writes a temporary file and renames it, or writes twice)
/// becomes one walk, <see cref="Quiet"/> after the last of the burst. Saves that arrive while a walk runs
/// wait in the channel and cause exactly one more walk after it. Every walk but the first starts on a
/// cleared screen and ends with a grey line saying how long it took from the save to the verdict.
/// </summary>
/// <param name="console">Where the walks write, and the loop's own lines.</param>
/// <param name="walk">One walk along the path; returns its exit code.</param>
/// <param name="saves">When each save was seen, in order; the loop ends when the channel is completed.</param>
/// <param name="clock">The time, for the debounce and the save-to-verdict line.</param>
internal sealed class WatchLoop(IAnsiConsole console, Func<int> walk, ChannelReader<DateTimeOffset> saves, TimeProvider clock)
{
    /// <summary>
    /// How long the koan files must stay untouched after a save before the walk starts: long enough for the
    /// events of one save (a write and a rename, or two writes, come within a few milliseconds), short
    /// beside the walk itself.
    /// </summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(60);

    /// <summary>
    /// Walks, then walks again after each save until <paramref name="stop"/> is cancelled (Ctrl+C) or the
    /// saves end. Cancelling also ends a walk in progress when the walk honours the same token (the real
    /// one kills its build or koan host). Returns <see cref="ExitCodes.Done"/> when stopped, since stopping
    /// is what the learner asked for; the last walk's exit code when the saves ended.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken stop)
    {
        try
        {
            var exit = Walk(clock.GetUtcNow(), "after the start");
            while (await saves.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                if (!saves.TryRead(out var saved))
                {
                    continue;
                }

                Drain();
                await UntilQuietAsync(stop).ConfigureAwait(false);
                console.Clear(home: true);
                exit = Walk(saved, "after your save");
            }

            return exit;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            console.WriteLine();
            console.MarkupLine("[grey]Stopped watching (Ctrl+C).[/]");
            return ExitCodes.Done;
        }
    }

    /// <summary><see cref="RunAsync"/> for a synchronous caller (the command line).</summary>
    public int Run(CancellationToken stop) => RunAsync(stop).GetAwaiter().GetResult();

    private int Walk(DateTimeOffset saved, string since)
    {
        var exit = walk();
        var seconds = (clock.GetUtcNow() - saved).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        console.MarkupLineInterpolated($"[grey]verdict {seconds} s {since}[/]");
        console.MarkupLine("[grey]Watching Koans/ for saves; Ctrl+C stops.[/]");
        return exit;
    }

    /// <summary>Waits until no save has arrived for <see cref="Quiet"/>; each save restarts the wait.</summary>
    private async Task UntilQuietAsync(CancellationToken stop)
    {
        while (true)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var quiet = Task.Delay(Quiet, clock, wait.Token);
            var more = saves.WaitToReadAsync(wait.Token).AsTask();
            var first = await Task.WhenAny(quiet, more).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
            stop.ThrowIfCancellationRequested();
            if (first == quiet || !await more.ConfigureAwait(false))
            {
                return;
            }

            Drain();
        }
    }

    private void Drain()
    {
        while (saves.TryRead(out _))
        {
            // Each save read here is part of the burst the coming walk answers.
        }
    }
}
