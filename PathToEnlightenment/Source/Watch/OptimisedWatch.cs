using System.Diagnostics;

namespace ThreadingKoans.Runner.Watch;

/// <summary>
/// Watch mode compiles the learner's koans in this process on every save, and Roslyn's hot code runs several times
/// slower while it is quick (unoptimised) JIT code: the first dozen saves would pay for it. A one-shot walk is the
/// other way round: its compile goes to the SDK's compiler server, and quick JIT starts it more than half a second
/// sooner. So the runner starts with quick JIT, as .NET does by default, and <c>--watch</c> runs in a second process
/// of the same runner with quick JIT off, which gets the terminal while this one waits for it.
/// </summary>
internal static class OptimisedWatch
{
    /// <summary>The runtime's setting for quick JIT, read when a process starts (0: off).</summary>
    public const string QuickJit = "DOTNET_TieredCompilation_QuickJit";

    /// <summary>
    /// When <paramref name="args"/> ask for watch mode in a process with quick JIT on: runs the runner again with the
    /// same arguments and quick JIT off, and returns its exit code. Null when this process is the one to run them.
    /// </summary>
    public static int? Relaunched(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!args.Contains("--watch", StringComparer.Ordinal) || Environment.GetEnvironmentVariable(QuickJit) == "0"
            || Environment.ProcessPath is not { } self)
        {
            return null;
        }

        var start = new ProcessStartInfo(self) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            // Started as `dotnet PathToEnlightenment.dll`: start the same assembly the same way.
            start.ArgumentList.Add(typeof(OptimisedWatch).Assembly.Location);
        }

        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[QuickJit] = "0";
        // Ctrl+C reaches both processes: the watcher stops itself (and its builds and koan hosts); this one waits for it.
        ConsoleCancelEventHandler waitForTheWatcher = (_, e) => e.Cancel = true;
        Console.CancelKeyPress += waitForTheWatcher;
        try
        {
            using var watcher = Process.Start(start) ?? throw new InvalidOperationException($"{self} did not start");
            watcher.WaitForExit();
            return watcher.ExitCode;
        }
        finally
        {
            Console.CancelKeyPress -= waitForTheWatcher;
        }
    }
}
