using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using ThreadingKoans.Engine;

namespace ThreadingKoans.Runner;

/// <summary>
/// A koan host that stays up between runs (the engine's <see cref="Host.ServeCommand"/>), so that watch
/// mode does not pay for starting .NET and loading NUnit on every save. Each run loads the koans afresh.
/// A koan that stops answering, or an exception that ends the host, gets the same treatment as with
/// <see cref="KoanHost"/>: the host is killed (or has died), the run says which koan was to blame, and the
/// next run starts a new host.
/// </summary>
internal sealed class KoanServer(ProjectOutput build, HostLimits limits) : IDisposable
{
    private readonly StringBuilder _errors = new();
    private Process? _process;
    private BlockingCollection<string?>? _lines;

    /// <summary>Whether a host is up now (for tests: a hang or crash takes it down).</summary>
    public bool IsUp => _process is { HasExited: false };

    /// <summary>Runs the koans as <see cref="KoanHost.Run"/> does, in the host that is up, or a new one.</summary>
    public HostRun Run(string? only, bool ungated, CancellationToken cancel = default)
    {
        var (process, lines) = Up();
        lock (_errors)
        {
            _errors.Clear();
        }

        process.StandardInput.WriteLine($"{build.Assembly}\t{(ungated ? 1 : 0)}\t{only}");
        process.StandardInput.Flush();
        using var stop = cancel.Register(Down);
        var watch = new HostWatch();
        while (!watch.Done)
        {
            if (!lines.TryTake(out var line, watch.Patience(limits)))
            {
                watch.GaveUp();
                Down();
                break;
            }

            if (line is null)
            {
                // The host ended: an exception escaped a koan's thread, or it was killed.
                Down();
                break;
            }

            watch.See(line);
        }

        cancel.ThrowIfCancellationRequested();
        lock (_errors)
        {
            return watch.ToRun(_errors.ToString());
        }
    }

    /// <summary>Stops the host, if one is up.</summary>
    public void Dispose() => Down();

    private (Process Process, BlockingCollection<string?> Lines) Up()
    {
        if (_process is { HasExited: false } running && _lines is { } lines)
        {
            return (running, lines);
        }

        Down();
        var start = new ProcessStartInfo(Dotnet.Host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = build.Folder,
        };
        foreach (var argument in new[] { "exec", "--runtimeconfig", build.Stem + ".runtimeconfig.json", "--depsfile", build.Stem + ".deps.json", build.Engine, Host.ServeCommand })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var fresh = new BlockingCollection<string?>();
        process.OutputDataReceived += (_, e) => fresh.Add(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_errors)
                {
                    _errors.Append(e.Data).Append('\n');
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        _lines = fresh;
        return (process, fresh);
    }

    private void Down()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        _lines = null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        process.Dispose();
    }
}
