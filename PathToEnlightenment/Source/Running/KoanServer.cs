using ThreadingKoans.Engine;

namespace ThreadingKoans.Runner.Running;

/// <summary>
/// A koan host that stays up between runs (the engine's <see cref="Host.ServeCommand"/>), so that watch
/// mode does not pay for starting .NET and loading NUnit on every save. Each run loads the koans afresh.
/// A koan that stops answering, or an exception that ends the host, gets the same treatment as with
/// <see cref="KoanHost"/>: the host is killed (or has died), the run says which koan was to blame, and the
/// next run starts a new host.
/// </summary>
internal sealed class KoanServer(ProjectOutput build, HostLimits limits) : IDisposable
{
    private EngineProcess? _host;
    private int _errorsSeen;

    /// <summary>Whether a host is up now (for tests: a hang or crash takes it down).</summary>
    public bool IsUp => _host is { Process.HasExited: false };

    /// <summary>Runs the koans as <see cref="KoanHost.Run"/> does, in the host that is up, or a new one.</summary>
    public HostRun Run(string? only, bool ungated, CancellationToken cancel = default)
    {
        var host = Up();
        var (process, lines) = (host.Process, host.Lines);
        _errorsSeen = host.Errors.Length;
        process.StandardInput.WriteLine($"{build.Assembly}\t{(ungated ? 1 : 0)}\t{only}");
        process.StandardInput.Flush();
        using var stop = cancel.Register(Down);
        var watch = new HostWatch();
        if (!watch.Read(lines, limits, Down))
        {
            // The host ended (an exception escaped a koan's thread) or stopped answering: the next run starts another.
            Down();
        }

        cancel.ThrowIfCancellationRequested();
        var errors = host.Errors;
        return watch.ToRun(errors.Length >= _errorsSeen ? errors[_errorsSeen..] : errors);
    }

    /// <summary>Stops the host, if one is up.</summary>
    public void Dispose() => Down();

    private EngineProcess Up()
    {
        if (_host is { Process.HasExited: false } running)
        {
            return running;
        }

        Down();
        _host = EngineProcess.Start(build, [Host.ServeCommand], input: true);
        return _host;
    }

    private void Down()
    {
        if (Interlocked.Exchange(ref _host, null) is not { } host)
        {
            return;
        }

        if (!host.Process.HasExited)
        {
            host.Kill();
        }

        host.Process.WaitForExit();
        host.Dispose();
    }
}
