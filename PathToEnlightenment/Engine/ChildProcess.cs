using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace ThreadingKoans.Engine;

/// <summary>What became of a child process a koan started.</summary>
/// <param name="Exited">Whether the process ended by itself within the time given.</param>
/// <param name="ExitCode">Its exit code, or null when it had to be killed.</param>
/// <param name="Output">Everything it wrote to its standard output.</param>
/// <param name="Errors">Everything it wrote to its standard error.</param>
/// <param name="MainReturned">Whether the scenario (the child's <c>Main</c>) returned.</param>
public sealed record ChildResult(bool Exited, int? ExitCode, string Output, string Errors, bool MainReturned)
{
    /// <summary>What became of the child, in a sentence, for a koan's failure message.</summary>
    public string Story => (Exited, MainReturned) switch
    {
        (true, _) => $"the child process exited with code {ExitCode}",
        (false, true) => $"the child's Main returned, but the process was still running {ChildProcess.AfterMain.TotalSeconds:0.0} s later, so it was killed: something kept it alive",
        (false, false) => $"the child's Main was still running after {ChildProcess.Limit.TotalSeconds:0} s, so the process was killed",
    };
}

/// <summary>
/// Runs a static method of a koan class as the <c>Main</c> of a separate, tiny process, so that koans can
/// show what happens to a whole process (does it exit? does it crash?) without risking the one running them.
/// </summary>
public static class ChildProcess
{
    /// <summary>How long a child's <c>Main</c> may take (starting the runtime included) before the child is judged stuck and killed.</summary>
    public static TimeSpan Limit { get; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a child may live on once its <c>Main</c> has returned before it is judged kept alive and killed.</summary>
    public static TimeSpan AfterMain { get; } = TimeSpan.FromSeconds(1.5);

    /// <summary>The line the child writes when its <c>Main</c> returns; it is not part of <see cref="ChildResult.Output"/>.</summary>
    private const string MainReturnedLine = "@@child main returned";

    /// <summary>Runs <paramref name="scenario"/> (a public static parameterless method of <paramref name="owner"/>) in a child process.</summary>
    public static ChildResult Run(Type owner, string scenario)
    {
        ArgumentNullException.ThrowIfNull(owner);
        // The koans the host loaded from memory have no location of its own: use the file it was read from.
        var koans = Host.FileOf(owner.Assembly) is { Length: > 0 } location ? location : throw new InvalidOperationException($"{owner.Assembly.GetName().Name} was loaded from memory and its file is unknown.");
        var folder = Path.GetDirectoryName(koans)!;
        var stem = Path.Combine(folder, Path.GetFileNameWithoutExtension(koans));
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "exec", "--runtimeconfig", stem + ".runtimeconfig.json", "--depsfile", stem + ".deps.json",
                     typeof(ChildProcess).Assembly.Location, Host.ScenarioCommand, koans, owner.FullName!, scenario,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        using var ended = new ManualResetEventSlim();
        using var mainReturned = new ManualResetEventSlim();
        var output = new StringBuilder();
        process.Exited += (_, _) => ended.Set();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == MainReturnedLine)
            {
                mainReturned.Set();
            }
            else if (e.Data is not null)
            {
                lock (output)
                {
                    output.Append(e.Data).Append('\n');
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        var errors = process.StandardError.ReadToEndAsync();

        // Wait for the child to end, or its Main to return; then give it a little while to end.
        WaitHandle.WaitAny([ended.WaitHandle, mainReturned.WaitHandle], Limit);
        var exited = ended.IsSet || (mainReturned.IsSet && process.WaitForExit(AfterMain));
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }

        // A killed process tree ends at once; once it has, WaitForExit() also drains the output.
        if (process.WaitForExit(Limit))
        {
            process.WaitForExit();
        }
        lock (output)
        {
            return new ChildResult(exited, exited ? process.ExitCode : null, output.ToString(), errors.Result, mainReturned.IsSet);
        }
    }

    /// <summary>Runs a scenario inside the child: the other half of <see cref="Run"/>.</summary>
    internal static void RunScenario(string assemblyPath, string typeName, string method)
    {
        var owner = Assembly.LoadFrom(assemblyPath).GetType(typeName, throwOnError: true)!;
        var entry = owner.GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new MissingMethodException(typeName, method);
        entry.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, parameters: null, culture: null);
        Console.Out.WriteLine(MainReturnedLine);
        Console.Out.Flush();
    }

    /// <summary>The <c>dotnet</c> executable that runs this process, so the child runs on the same runtime.</summary>
    public static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host)
        {
            return host;
        }

        // An app started by its own launcher (as dotnet run starts the runner) runs on a runtime that lives in
        // the dotnet folder, three levels up: shared/Microsoft.NETCore.App/<version>/.
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
        var beside = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"));
        return runtime.Length > 0 && File.Exists(beside) ? beside : "dotnet";
    }
}
