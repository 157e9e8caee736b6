using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Client;

namespace ThreadingKoans.TestLogger;

/// <summary>
/// The koan report at the end of <c>dotnet test</c>: the report the runner draws (topic, koan, the teaching
/// message, the blank to fill with its lines, the progress), drawn by the engine from the same model,
/// instead of a line for every koan. It only collects the results; the engine does the rest.
/// </summary>
/// <remarks>
/// VSTest runs loggers inside the .NET SDK's own process, beside the SDK's copies of Spectre.Console and
/// Roslyn, which are older than the engine's. The engine is therefore loaded in a load context of its own,
/// from the koans' build folder, and called with the run as JSON.
/// </remarks>
[FriendlyName(FriendlyName)]
[ExtensionUri(Uri)]
public sealed class KoanLogger : ITestLoggerWithParameters
{
    /// <summary>The name <c>VSTestLogger</c> (or <c>--logger</c>) turns it on with.</summary>
    public const string FriendlyName = "koans";

    /// <summary>The logger's identity for VSTest.</summary>
    public const string Uri = "logger://threadingkoans/koans";

    private readonly Lock _lock = new();
    private readonly List<Result> _results = [];
    private bool _filtered;

    public void Initialize(TestLoggerEvents events, string testRunDirectory) => Listen(events);

    public void Initialize(TestLoggerEvents events, Dictionary<string, string?> parameters) => Listen(events);

    private void Listen(TestLoggerEvents events)
    {
        ArgumentNullException.ThrowIfNull(events);
        events.TestRunStart += (_, e) => _filtered = !string.IsNullOrWhiteSpace(e.TestRunCriteria.TestCaseFilter) || e.TestRunCriteria.HasSpecificTests;
        events.TestResult += (_, e) => Add(e.Result);
        events.TestRunComplete += (_, e) => Complete(new Run(Results(), _filtered, e.IsAborted || e.IsCanceled, e.Error?.Message));
    }

    private void Add(TestResult result)
    {
        var output = string.Concat(result.Messages.Where(message => message.Category == TestResultMessage.StandardOutCategory).Select(message => message.Text));
        var traits = result.TestCase.Traits.GroupBy(trait => trait.Name).ToDictionary(group => group.Key, group => group.First().Value, StringComparer.Ordinal);
        lock (_lock)
        {
            _results.Add(new Result(result.TestCase.Id.ToString(), result.TestCase.FullyQualifiedName, traits, result.Outcome.ToString(), result.ErrorMessage, output, result.Duration.TotalSeconds));
        }
    }

    private List<Result> Results()
    {
        lock (_lock)
        {
            return [.. _results];
        }
    }

    private static void Complete(Run run)
    {
        var folder = Path.GetDirectoryName(typeof(KoanLogger).Assembly.Location) ?? AppContext.BaseDirectory;
        try
        {
            var engine = new EngineContext(folder).LoadFromAssemblyName(new AssemblyName("KoanEngine"));
            var report = engine.GetType("ThreadingKoans.Engine.Report.TestRunReport", throwOnError: true)!;
            var show = report.GetMethod("Show", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(TextWriter), typeof(bool)])
                ?? throw new MissingMethodException("ThreadingKoans.Engine.Report.TestRunReport", "Show");
            show.Invoke(null, [JsonSerializer.Serialize(run), Console.Out, ToATerminal()]);
        }
#pragma warning disable CA1031 // VSTest would drop the exception without a word; the learner is told instead.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var inner = exception is TargetInvocationException { InnerException: { } thrown } ? thrown : exception;
            Console.WriteLine($"The koan report could not be drawn ({inner.GetType().Name}: {inner.Message}). `dotnet run --project PathToEnlightenment` shows the next koan.");
            Console.WriteLine(inner.StackTrace);
        }
    }

    /// <summary>
    /// Whether what this process prints reaches a terminal although it is not one itself: in a terminal,
    /// <c>dotnet test</c> runs VSTest with its MSBuild logger and shows what VSTest prints through the
    /// terminal logger, as it is. Redirected, <c>dotnet test</c> uses the console logger instead.
    /// </summary>
    private static bool ToATerminal() =>
        Environment.GetCommandLineArgs().Any(argument => argument.Contains("Microsoft.TestPlatform.MSBuildLogger", StringComparison.OrdinalIgnoreCase));

    /// <summary>What the engine reads as a <c>TestRunResult</c>.</summary>
    private sealed record Result(string Id, string FullyQualifiedName, Dictionary<string, string> Traits, string Outcome, string? ErrorMessage, string? Output, double Seconds);

    /// <summary>What the engine reads as a <c>TestRun</c>.</summary>
    private sealed record Run(List<Result> Results, bool Filtered, bool CutShort, string? Error);

    /// <summary>Loads the engine and what it needs from the koans' build folder, whatever the SDK's process has loaded.</summary>
    private sealed class EngineContext(string folder) : AssemblyLoadContext("koan report")
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(folder, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
