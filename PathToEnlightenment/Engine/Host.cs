using System.Reflection;
using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;

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

    /// <summary>The command that runs the pool demo: a crawl of a site, by the pool of threads or (<c>--async</c>) the async pool.</summary>
    public const string DemoCommand = "demo";

    /// <summary>The command that takes one benchmark measurement.</summary>
    public const string BenchCommand = "bench";

    /// <summary>The command that crawls a site of the learner's choosing with their pool (see <see cref="Web.PoliteCrawl"/>).</summary>
    public const string CrawlCommand = "crawl";

    /// <summary>
    /// <c>serve</c> (requests on standard input), <c>scenario &lt;assembly&gt; &lt;type&gt; &lt;method&gt;</c>, <c>demo &lt;assembly&gt; &lt;site&gt; [--async]</c> or
    /// <c>bench &lt;assembly&gt; &lt;workload&gt; &lt;contender&gt; &lt;jobs&gt; [&lt;site&gt;]</c>.
    /// </summary>
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
            case [DemoCommand, var assembly, var site]:
                return Reporting(report => Pool.PoolDemo.Run(Assembly.LoadFrom(assembly), new Uri(site), report.Send));
            case [DemoCommand, var assembly, var site, Pool.PoolDemo.AsyncOption]:
                return Reporting(report => Pool.PoolDemo.RunAsync(Assembly.LoadFrom(assembly), new Uri(site), report.Send));
            case [BenchCommand, var assembly, var workload, var contender, var jobs, .. var site] when site.Length <= 1:
                return Reporting(report => Pool.PoolBenchmark.Run(
                    Assembly.LoadFrom(assembly), workload, contender, int.Parse(jobs, System.Globalization.CultureInfo.InvariantCulture),
                    site is [var first] ? new Uri(first) : null, report.Send));
            case [CrawlCommand, var assembly, var pool, var start, var pages, var inFlight, var pageSeconds, var limitSeconds]:
                return Reporting(report => Web.PoliteCrawl.Run(Assembly.LoadFrom(assembly), new Uri(start), new Web.CrawlOptions
                {
                    Async = pool == "async",
                    Pages = int.Parse(pages, System.Globalization.CultureInfo.InvariantCulture),
                    MaxInFlight = int.Parse(inFlight, System.Globalization.CultureInfo.InvariantCulture),
                    PageTimeout = TimeSpan.FromSeconds(double.Parse(pageSeconds, System.Globalization.CultureInfo.InvariantCulture)),
                    TimeLimit = TimeSpan.FromSeconds(double.Parse(limitSeconds, System.Globalization.CultureInfo.InvariantCulture)),
                }, report.Send));
            default:
                Console.Error.WriteLine("usage: KoanEngine serve  (one JSON koan request per line on standard input)");
                Console.Error.WriteLine("       KoanEngine scenario <assembly> <type> <method>");
                Console.Error.WriteLine("       KoanEngine demo <assembly> <first page of the site> [--async]");
                Console.Error.WriteLine("       KoanEngine bench <assembly> blocking|tiny pool|threadpool|thread-per-job <jobs>");
                Console.Error.WriteLine("       KoanEngine bench <assembly> crawl pool|threadpool|async-pool|parallel-foreach <pages> <first page of the site>");
                Console.Error.WriteLine("       KoanEngine crawl <assembly> threads|async <url> <pages> <max-in-flight> <page-seconds> <limit-seconds>");
                return 2;
        }
    }

    /// <summary>
    /// Runs a command that reports on standard output, then ends the process: threads a koan (or a pool)
    /// left running must not keep it alive. An exception that escapes a thread meanwhile is reported as
    /// the crash of the koan that is running, if any.
    /// </summary>
    private static int Reporting(Action<Report> command)
    {
        var report = new Report(Console.OpenStandardOutput());
        AppDomain.CurrentDomain.UnhandledException += (_, e) => _listener?.Crashing(e.ExceptionObject);
        command(report);
        Environment.Exit(0);
        return 0;
    }

    /// <summary>The listener of the koans running now, which reports a crash; null when none run.</summary>
    private static Listener? _listener;

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
        var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        runner.Load(assembly, new Dictionary<string, object> { ["NumberOfTestWorkers"] = 0 });
        var path = KoanPath.From(runner.LoadedTest ?? throw new InvalidOperationException($"NUnit found no tests in {request.Assembly}."));
        report.Send(new PathFound(path));

        var listener = new Listener(report, path);
        _listener = listener;
        var filter = KoanPath.Filter(path, request.Only, request.Skip);
        for (var round = 1; round <= request.Repeat; round++)
        {
            StopAtFirstFailure.Reset();
            ThreadingKoans.Engine.Report.RunProgress.Reset();
            var result = runner.Run(listener, filter);
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

    /// <summary>Turns NUnit's events into report lines.</summary>
    private sealed class Listener(Report report, IReadOnlyList<KoanInfo> path) : ITestListener
    {
        private readonly Dictionary<string, KoanInfo> _byId = path.ToDictionary(koan => koan.Id);
        private volatile KoanInfo? _current;

        public void TestStarted(ITest test)
        {
            if (_byId.TryGetValue(test.Id, out var koan))
            {
                _current = koan;
                report.Send(new KoanStarted(koan.Id));
            }
        }

        public void TestFinished(ITestResult result)
        {
            if (!_byId.TryGetValue(result.Test.Id, out var koan))
            {
                return;
            }

            var outcome = result.ResultState.Status switch
            {
                TestStatus.Passed => KoanOutcome.Passed,
                TestStatus.Skipped => KoanOutcome.Skipped,
                _ => KoanOutcome.Failed,
            };
            var place = result.Test.Properties.Get(KoanCommand.FailurePlace) as string;
            report.Send(new KoanFinished(koan.Id, outcome, EmptyAsNull(result.Message), place, EmptyAsNull(result.Output), result.Duration));
            _current = null;
        }

        public void TestOutput(TestOutput output)
        {
            // Output is reported with the koan's result, where the learner reads it.
        }

        public void SendMessage(TestMessage message)
        {
            // The engine sends no messages of its own.
        }

        public void Crashing(object thrown)
        {
            var koan = _current;
            var exception = thrown as Exception ?? new InvalidOperationException(thrown.ToString());
            var place = koan is null ? null : SourcePlace.InFile(exception, koan.File);
            report.Send(new ProcessCrashing(
                koan?.Id, exception.GetType().FullName ?? exception.GetType().Name, exception.Message,
                place?.ToString(), exception.StackTrace ?? string.Empty));
        }

        private static string? EmptyAsNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
    }

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
