using System.Diagnostics;
using System.Reflection;

namespace ThreadingKoans.Engine;

/// <summary>What became of a child process a koan started.</summary>
/// <param name="Exited">Whether the process ended by itself within the time given.</param>
/// <param name="ExitCode">Its exit code, or null when it had to be killed.</param>
/// <param name="Output">Everything it wrote to its standard output.</param>
/// <param name="Errors">Everything it wrote to its standard error.</param>
public sealed record ChildResult(bool Exited, int? ExitCode, string Output, string Errors);

/// <summary>
/// Runs a static method of a koan class as the <c>Main</c> of a separate, tiny process, so that koans can
/// show what happens to a whole process (does it exit? does it crash?) without risking the one running them.
/// </summary>
public static class ChildProcess
{
    /// <summary>How long a child process may take before it is judged stuck and killed.</summary>
    public static TimeSpan Limit { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="scenario"/> (a public static parameterless method of <paramref name="owner"/>) in a child process.</summary>
    public static ChildResult Run(Type owner, string scenario)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var koans = owner.Assembly.Location;
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

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The child process did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExit(Limit);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(Limit);
        }
        else
        {
            process.WaitForExit();
        }

        return new ChildResult(exited, exited ? process.ExitCode : null, output.Result, errors.Result);
    }

    /// <summary>Runs a scenario inside the child: the other half of <see cref="Run"/>.</summary>
    internal static void RunScenario(string assemblyPath, string typeName, string method)
    {
        var owner = Assembly.LoadFrom(assemblyPath).GetType(typeName, throwOnError: true)!;
        var entry = owner.GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new MissingMethodException(typeName, method);
        entry.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, parameters: null, culture: null);
    }

    /// <summary>The <c>dotnet</c> executable that runs this process, so the child runs on the same runtime.</summary>
    public static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}
