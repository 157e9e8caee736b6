using System.Reflection;
using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace ThreadingKoans.Engine;

/// <summary>
/// Runs the koans of an assembly with NUnit's own framework API and reports each step as a
/// <see cref="HostEvent"/> line on standard output. The runner starts it as a child process it can kill.
/// </summary>
public static class Host
{
    /// <summary>The command that runs one scenario for <see cref="ChildProcess"/>.</summary>
    public const string ScenarioCommand = "scenario";

    /// <summary>
    /// The command that runs koans: it reads one <see cref="KoanRequest"/> per line on standard input, runs
    /// those koans from a fresh, collectible load of the assembly (so that a new build can replace the file
    /// between two requests), and reports each step, ending each run with <see cref="RunDone"/>. It ends
    /// when its input closes. A one-shot walk sends one request; watch mode sends one per save.
    /// </summary>
    public const string ServeCommand = "serve";

    /// <summary><c>serve</c> (requests on standard input) or <c>scenario &lt;assembly&gt; &lt;type&gt; &lt;method&gt;</c>.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args)
        {
            case [ScenarioCommand, var assembly, var type, var method]:
                ChildProcess.RunScenario(assembly, type, method);
                return 0;
            case [ServeCommand]:
                return Reporting(Serve);
            default:
                Console.Error.WriteLine("usage: KoanEngine serve  (one JSON koan request per line on standard input)");
                Console.Error.WriteLine("       KoanEngine scenario <assembly> <type> <method>");
                return 2;
        }
    }

    /// <summary>
    /// Runs a command that reports on standard output, then ends the process: threads a koan left running
    /// must not keep it alive. The run's events (<see cref="KoanRun"/>) go to the same report.
    /// </summary>
    private static int Reporting(Action<Report> command)
    {
        var report = new Report(Console.OpenStandardOutput());
        KoanRun.ReportTo(report.Send);
        command(report);
        Environment.Exit(0);
        return 0;
    }

    /// <summary>The file of the koans assembly the host loaded last (it was loaded from memory, so its assembly has no location).</summary>
    private static string? _servedFrom;

    /// <summary>
    /// The file <paramref name="assembly"/> was loaded from: its location, or for the koans the host loaded
    /// from memory, the file it read them from. Empty when there is none.
    /// </summary>
    internal static string FileOf(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var location = assembly.IsDynamic ? string.Empty : assembly.Location;
        return location.Length == 0 && _servedFrom is { } served && Path.GetFileNameWithoutExtension(served) == assembly.GetName().Name ? served : location;
    }

    private static void Serve(Report report)
    {
        while (Console.In.ReadLine() is { } line)
        {
            var request = KoanRequest.FromLine(line);

            // A fresh, collectible load each time: the learner's new build replaces the old one in place.
            var context = new System.Runtime.Loader.AssemblyLoadContext($"koans {DateTime.UtcNow:HH:mm:ss.fff}", isCollectible: true);
            var symbolsFile = Path.ChangeExtension(request.Assembly, ".pdb");
            using (var image = File.OpenRead(request.Assembly))
            using (var symbols = File.Exists(symbolsFile) ? File.OpenRead(symbolsFile) : null)
            {
                var assembly = context.LoadFromStream(image, symbols);
                _servedFrom = Path.GetFullPath(request.Assembly);
                RunKoans(assembly, request, report);
            }

            context.Unload();
        }
    }

    private static void RunKoans(Assembly assembly, KoanRequest request, Report report)
    {
        StopAtFirstFailure.Enabled = !request.RunAll;
        KoanRun.EveryTimeline = request.Timelines;
        var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        runner.Load(assembly, new Dictionary<string, object> { ["NumberOfTestWorkers"] = 0 });
        KoanRun.Reset();
        var path = KoanRun.PathOf(runner.LoadedTest ?? throw new InvalidOperationException($"NUnit found no tests in {request.Assembly}."));
        var filter = KoanPath.Filter(path, request.Only, request.Skip);
        for (var round = 1; round <= request.Repeat; round++)
        {
            StopAtFirstFailure.Reset();
            if (round > 1)
            {
                KoanRun.Reset();
                KoanRun.PathOf(runner.LoadedTest);
            }

            var result = runner.Run(TestListener.NULL, filter);
            if (request.Repeat > 1)
            {
                var failures = Koans(result).Where(koan => koan.ResultState.Status == TestStatus.Failed).ToList();
                report.Send(new RoundDone(
                    round,
                    Koans(result).Count(koan => koan.ResultState.Status == TestStatus.Passed),
                    failures.Count,
                    failures.Select(koan => $"{koan.Test.TypeInfo?.Name}.{koan.Name}: {koan.Message}").ToList()));
            }
        }

        report.Send(new RunDone());
    }

    private static IEnumerable<ITestResult> Koans(ITestResult result) =>
        result.HasChildren ? result.Children.SelectMany(Koans) : [result];

    /// <summary>Writes report lines, whole, to the stream the runner reads.</summary>
    private sealed class Report(Stream stream)
    {
        private readonly StreamWriter _writer = new(stream) { AutoFlush = true };
        private readonly Lock _lock = new();

        public void Send(HostEvent hostEvent)
        {
            lock (_lock)
            {
                _writer.WriteLine(hostEvent.ToLine());
            }
        }
    }
}
