using System.Diagnostics;

namespace ThreadingKoans.Runner.Pool;

/// <summary>How a command of the pool host ended.</summary>
/// <param name="ExitCode">The child's exit code, or null when it was stopped.</param>
/// <param name="TimedOut">Whether it ran past its limit and was killed.</param>
/// <param name="Errors">What it wrote to standard error: an exception from the pool, usually.</param>
internal sealed record PoolEnd(int? ExitCode, bool TimedOut, string Errors)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}

/// <summary>
/// Runs one command of the pool host (the demo, a benchmark measurement, a crawl) on a built koans assembly,
/// in a child process the runner can kill, and hands each report line to the caller as it arrives.
/// </summary>
internal static class PoolChild
{
    /// <summary>Runs <c>PathToEnlightenment pool-host &lt;command&gt; &lt;assembly&gt; &lt;arguments…&gt;</c> for at most <paramref name="limit"/>.</summary>
    /// <param name="build">The built koans, whose pools the command uses.</param>
    /// <param name="command">The command: <see cref="PoolHost.DemoCommand"/>, <see cref="PoolHost.BenchCommand"/> or <see cref="PoolHost.CrawlCommand"/>.</param>
    /// <param name="arguments">What follows the assembly.</param>
    /// <param name="limit">How long the child may run.</param>
    /// <param name="onEvent">Called on the caller's thread for each report, in order.</param>
    /// <param name="cancel">Kills the child at once and throws <see cref="OperationCanceledException"/>.</param>
    public static PoolEnd Run(ProjectOutput build, string command, IReadOnlyList<string> arguments, TimeSpan limit, Action<PoolEvent> onEvent, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(onEvent);
        using var child = EngineProcess.StartPoolHost([command, build.Assembly, .. arguments]);
        var (process, lines) = (child.Process, child.Lines);
        using var stop = cancel.Register(child.Kill);
        var clock = Stopwatch.StartNew();
        var timedOut = false;
        while (true)
        {
            var left = limit - clock.Elapsed;
            if (left <= TimeSpan.Zero || !lines.TryTake(out var text, left))
            {
                timedOut = true;
                child.Kill();
                break;
            }

            if (text is null)
            {
                break;
            }

            if (PoolEvent.FromLine(text) is { } report)
            {
                onEvent(report);
            }
        }

        process.WaitForExit();
        cancel.ThrowIfCancellationRequested();
        return new PoolEnd(timedOut ? null : process.ExitCode, timedOut, child.Errors);
    }
}
