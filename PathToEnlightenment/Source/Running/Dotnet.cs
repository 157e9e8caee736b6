using System.Diagnostics;
using System.Text;

namespace ThreadingKoans.Runner.Running;

/// <summary>What a bounded child process gave.</summary>
internal sealed record ProcessOutcome(bool Exited, int? ExitCode, string Output, string Errors);

/// <summary>Starts the <c>dotnet</c> this runner runs on, always with a time limit.</summary>
internal static class Dotnet
{
    /// <summary>The <c>dotnet</c> executable: the one that started us when known, else the one on the PATH.</summary>
    public static string Host => ThreadingKoans.Engine.ChildProcess.DotnetHost();

    /// <summary>
    /// The C# compiler of the SDK that builds in <paramref name="folder"/> (the one its <c>global.json</c>
    /// picks): <c>sdk/&lt;version&gt;/Roslyn/bincore/csc.dll</c> beside <see cref="Host"/>; null when there is none.
    /// </summary>
    public static string? SdkCompiler(string folder)
    {
        var start = new ProcessStartInfo(Host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        start.ArgumentList.Add("--version");
        var version = Run(start, TimeSpan.FromSeconds(10));
        var csc = Path.Combine(Path.GetDirectoryName(Host)!, "sdk", version.Output.Trim(), "Roslyn", "bincore", "csc.dll");
        return version.ExitCode == 0 && File.Exists(csc) ? csc : null;
    }

    /// <summary>
    /// Runs <paramref name="start"/> to its end or kills it (with its children) after <paramref name="limit"/>,
    /// or at once when <paramref name="cancel"/> is cancelled, and then throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static ProcessOutcome Run(ProcessStartInfo start, TimeSpan limit, CancellationToken cancel = default)
    {
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(errors, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool exited;
        using (cancel.Register(() => process.Kill(entireProcessTree: true)))
        {
            exited = process.WaitForExit(limit);
        }

        cancel.ThrowIfCancellationRequested();
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        lock (output)
        {
            lock (errors)
            {
                return new ProcessOutcome(exited, exited ? process.ExitCode : null, output.ToString(), errors.ToString());
            }
        }
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.Append(line).Append('\n');
        }
    }
}
