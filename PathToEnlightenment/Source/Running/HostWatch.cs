using System.Collections.Concurrent;

namespace ThreadingKoans.Runner.Running;

/// <summary>Reads the koan host's reports of one run as they come, and decides when the host has stopped answering.</summary>
internal sealed class HostWatch
{
    /// <summary>The run's events so far.</summary>
    public RunEvents Events { get; } = new();

    /// <summary>
    /// Reads the host's report lines until the run is done, the host's output closes (it ended, or was
    /// killed), or the host stops answering, when <paramref name="kill"/> is called.
    /// </summary>
    /// <returns>True when the run is done and the host is still up.</returns>
    public bool Read(BlockingCollection<string?> lines, HostLimits limits, Action kill)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(kill);
        while (!Events.Done)
        {
            if (!lines.TryTake(out var line, Patience(limits)))
            {
                Events.GaveUp();
                kill();
                return false;
            }

            if (line is null)
            {
                return false;
            }

            Events.See(line);
        }

        return true;
    }

    /// <summary>
    /// How long to wait for the next report: long enough to load the koans before the path is known;
    /// else the running (or next) koan's own limit and a grace period.
    /// </summary>
    public TimeSpan Patience(HostLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Events.Current is { } koan ? TimeSpan.FromSeconds(koan.TimeoutSeconds) + limits.Grace : limits.Load;
    }

    public HostRun ToRun(string errors) => Events.ToRun(errors);
}
