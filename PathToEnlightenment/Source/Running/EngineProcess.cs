using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace ThreadingKoans.Runner.Running;

/// <summary>
/// One child process of the koan engine, started beside a built koans assembly with that assembly's
/// runtime and dependency files: the koan host, the watch-mode host, the demo or a benchmark measurement.
/// Its output arrives line by line in <see cref="Lines"/> (a null line once it has closed); what it writes
/// to standard error is kept for the report.
/// </summary>
internal sealed class EngineProcess : IDisposable
{
    private readonly StringBuilder _errors = new();

    private EngineProcess(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => Lines.Add(e.Data);
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
    }

    public Process Process { get; }

    /// <summary>The child's output lines as they come; null when its output has closed (it ended or was killed).</summary>
    public BlockingCollection<string?> Lines { get; } = new();

    /// <summary>What the child wrote to standard error so far.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts <c>KoanEngine &lt;arguments…&gt;</c> beside <paramref name="build"/>.</summary>
    /// <param name="build">The built koans; the engine is copied beside them.</param>
    /// <param name="arguments">The engine command and what follows it.</param>
    /// <param name="launcher">A command the child is started through (<c>taskset -c 0</c>), if any.</param>
    /// <param name="input">Whether the runner writes to the child's standard input.</param>
    /// <param name="environment">Variables to set for the child.</param>
    public static EngineProcess Start(
        ProjectOutput build, IEnumerable<string> arguments, IReadOnlyList<string>? launcher = null, bool input = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(launcher is [var first, ..] ? first : Dotnet.Host)
        {
            RedirectStandardInput = input,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = build.Folder,
        };
        IEnumerable<string> line = [
            .. launcher is { Count: > 0 } ? [.. launcher.Skip(1), Dotnet.Host] : Array.Empty<string>(),
            "exec", "--runtimeconfig", build.Stem + ".runtimeconfig.json", "--depsfile", build.Stem + ".deps.json", build.Engine,
            .. arguments];
        foreach (var argument in line)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new EngineProcess(new Process { StartInfo = start });
    }

    /// <summary>
    /// Starts the pool host, <c>PathToEnlightenment pool-host &lt;arguments…&gt;</c>: the runner's own executable, with its
    /// own runtime and dependency files; it loads the learner's koans itself.
    /// </summary>
    public static EngineProcess StartPoolHost(IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var host = typeof(PoolHost).Assembly.Location;
        var start = new ProcessStartInfo(Dotnet.Host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(host)!,
        };
        foreach (var argument in (IEnumerable<string>)["exec", host, PoolHost.Command, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return new EngineProcess(new Process { StartInfo = start });
    }

    /// <summary>Kills the child and every process it started.</summary>
    public void Kill() => Process.Kill(entireProcessTree: true);

    /// <summary>Lets go of the process; <see cref="Lines"/> stays readable (its last additions may still arrive).</summary>
    public void Dispose() => Process.Dispose();
}
