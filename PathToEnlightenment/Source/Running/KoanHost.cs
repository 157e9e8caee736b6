using ThreadingKoans.Engine;

namespace ThreadingKoans.Runner.Running;

/// <summary>
/// The koan host: one child process of the engine (<see cref="Host.ServeCommand"/>) that runs the built
/// koans on request and reports each step, so that the runner can kill it. It stays up between requests
/// (watch mode does not pay for starting .NET and loading NUnit on every save) and loads the koans afresh
/// for each. A koan that stops answering is killed after its own time limit and a grace period; an
/// exception that ends the host is read from its last report; either way the run says which koan was to
/// blame, and the next request starts a new host.
/// </summary>
/// <param name="build">The built koans.</param>
/// <param name="limits">How long to wait for the host.</param>
/// <param name="launcher">A command the host is started through (<c>taskset -c 0</c> pins it to one CPU), if any.</param>
internal sealed class KoanHost(ProjectOutput build, HostLimits limits, IReadOnlyList<string>? launcher = null) : IDisposable
{
    private EngineProcess? _host;

    /// <summary>Whether a host is up now (a hang or a crash takes it down).</summary>
    public bool IsUp => _host is { Process.HasExited: false };

    /// <summary>Starts the host now, if none is up, so that it loads while the caller does something else.</summary>
    public void Start() => _ = Up();

    /// <summary>
    /// Runs the koans <paramref name="only"/> names (all when null) and reads the host's reports.
    /// Cancelling <paramref name="cancel"/> kills the host at once and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <param name="only">The koans or topics to run (<c>Topic[.Koan][,…]</c>); null for the whole path.</param>
    /// <param name="runAll">Run every one of them, whatever fails before it.</param>
    /// <param name="repeat">How many rounds.</param>
    /// <param name="skip">Koans (<c>Topic.Koan</c>) not to run.</param>
    /// <param name="timelines">Whether every koan's timeline comes back, not only a failed koan's.</param>
    /// <param name="cancel">Ctrl+C.</param>
    public HostRun Run(string? only, bool runAll, int repeat = 1, IReadOnlyCollection<string>? skip = null, bool timelines = false, CancellationToken cancel = default)
    {
        var host = Up();
        var errorsBefore = host.Errors.Length;
        host.Process.StandardInput.WriteLine(new KoanRequest(build.Assembly, only, runAll, repeat, skip is { Count: > 0 } ? [.. skip] : null, timelines).ToLine());
        host.Process.StandardInput.Flush();
        using var stop = cancel.Register(Kill);
        var watch = new HostWatch();
        if (!watch.Read(host.Lines, limits, Kill))
        {
            // The host ended (an exception escaped a koan's thread) or stopped answering: the next run starts another.
            Kill();
        }

        cancel.ThrowIfCancellationRequested();
        var errors = host.Errors;
        return watch.ToRun(errors.Length >= errorsBefore ? errors[errorsBefore..] : errors);
    }

    /// <summary>Stops the host, if one is up: its input is closed, and it is killed if it does not end in time.</summary>
    public void Dispose() => Down(at: limits.Exit);

    /// <summary>Kills the host at once, if one is up.</summary>
    private void Kill() => Down(at: TimeSpan.Zero);

    private void Down(TimeSpan at)
    {
        if (Interlocked.Exchange(ref _host, null) is not { } host)
        {
            return;
        }

        if (!host.Process.HasExited)
        {
            if (at > TimeSpan.Zero)
            {
                host.Process.StandardInput.Close();
            }

            if (!host.Process.WaitForExit(at))
            {
                host.Kill();
            }
        }

        host.Process.WaitForExit();
        host.Dispose();
    }

    private EngineProcess Up()
    {
        if (_host is { Process.HasExited: false } running)
        {
            return running;
        }

        Kill();
        _host = EngineProcess.Start(build, [Host.ServeCommand], launcher, input: true);
        return _host;
    }
}
