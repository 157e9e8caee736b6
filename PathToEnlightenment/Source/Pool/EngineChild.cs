using System.Diagnostics;
using ThreadingKoans.Engine;

namespace ThreadingKoans.Runner.Pool;

/// <summary>How an engine command ended.</summary>
/// <param name="ExitCode">The child's exit code, or null when it was stopped.</param>
/// <param name="TimedOut">Whether it ran past its limit and was killed.</param>
/// <param name="Errors">What it wrote to standard error: an exception from the pool, usually.</param>
internal sealed record EngineEnd(int? ExitCode, bool TimedOut, string Errors)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}

/// <summary>
/// Runs one engine command (the demo, a benchmark measurement) beside a built koans assembly, in a child
/// process the runner can kill, and hands each report line to the caller as it arrives.
/// </summary>
internal static class EngineChild
{
    /// <summary>Runs <c>KoanEngine &lt;command&gt; &lt;assembly&gt; &lt;arguments…&gt;</c> for at most <paramref name="limit"/>.</summary>
    /// <param name="build">The built koans (the engine is copied beside them).</param>
    /// <param name="command">The engine command: <see cref="Host.DemoCommand"/> or <see cref="Host.BenchCommand"/>.</param>
    /// <param name="arguments">What follows the assembly.</param>
    /// <param name="limit">How long the child may run.</param>
    /// <param name="onEvent">Called on the caller's thread for each report, in order.</param>
    /// <param name="cancel">Kills the child at once and throws <see cref="OperationCanceledException"/>.</param>
    public static EngineEnd Run(ProjectOutput build, string command, IReadOnlyList<string> arguments, TimeSpan limit, Action<HostEvent> onEvent, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(onEvent);
        using var child = EngineProcess.Start(build, [command, build.Assembly, .. arguments]);
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

            if (HostEvent.FromLine(text) is { } report)
            {
                onEvent(report);
            }
        }

        process.WaitForExit();
        cancel.ThrowIfCancellationRequested();
        return new EngineEnd(timedOut ? null : process.ExitCode, timedOut, child.Errors);
    }
}
