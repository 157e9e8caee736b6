using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.Client;

namespace ThreadingKoans.PathModel;

/// <summary>
/// The koan report at the end of <c>dotnet test</c>: the report the runner draws (topic, koan, the teaching
/// message, the blank to fill with its lines, the progress), drawn by the path model the runner uses too,
/// instead of a line for every koan. It only collects the results; the path model does the rest.
/// </summary>
/// <remarks>
/// VSTest runs loggers inside the .NET SDK's own process, beside the SDK's copies of Spectre.Console and
/// Roslyn, which are older than the path model's. The path model (this assembly) is therefore loaded once more,
/// in a load context of its own, from the koans' build folder, and called with the run as JSON.
/// </remarks>
[FriendlyName(FriendlyName)]
[ExtensionUri(Uri)]
public sealed class KoanLogger : ITestLoggerWithParameters
{
    /// <summary>The name <c>VSTestLogger</c> (or <c>--logger</c>) turns it on with.</summary>
    public const string FriendlyName = "koans";

    /// <summary>The logger's identity for VSTest.</summary>
    public const string Uri = "logger://threadingkoans/koans";

    /// <summary>The variable that names the file the koans' process writes the run's events to (the koan library's <c>KoanRun.EventsVariable</c>).</summary>
    private const string EventsVariable = "KOANS_EVENTS";

    /// <summary>The variable that lets a run of the whole path take koans that still pass without running them (<c>KoanRun.TakePassedVariable</c>).</summary>
    private const string TakePassedVariable = "KOANS_TAKE_PASSED";

    private readonly string _events = Path.Combine(Path.GetTempPath(), $"koan-events-{Environment.ProcessId}-{Guid.NewGuid():N}.jsonl");
    private bool _filtered;

    public void Initialize(TestLoggerEvents events, string testRunDirectory) => Listen(events);

    public void Initialize(TestLoggerEvents events, Dictionary<string, string?> parameters) => Listen(events);

    /// <summary>
    /// Asks the koans' process for the run's events, in a file of this run's own: the process that runs the tests
    /// starts after the loggers, from this one, and so inherits the variables set here.
    /// </summary>
    private void Listen(TestLoggerEvents events)
    {
        ArgumentNullException.ThrowIfNull(events);
        Environment.SetEnvironmentVariable(EventsVariable, _events);
        events.TestRunStart += (_, e) =>
        {
            _filtered = !string.IsNullOrWhiteSpace(e.TestRunCriteria.TestCaseFilter) || e.TestRunCriteria.HasSpecificTests;
            Environment.SetEnvironmentVariable(TakePassedVariable, _filtered ? null : "1");
        };
        events.TestRunComplete += (_, e) => Complete(new Run(_events, _filtered, e.IsAborted || e.IsCanceled, e.Error?.Message));
    }

    private static void Complete(Run run)
    {
        var folder = Path.GetDirectoryName(typeof(KoanLogger).Assembly.Location) ?? AppContext.BaseDirectory;
        try
        {
            // This very assembly once more, in a load context of its own: there its Spectre and Roslyn are its own.
            var model = new PathModelContext(folder).LoadFromAssemblyName(typeof(KoanLogger).Assembly.GetName());
            var report = model.GetType("ThreadingKoans.PathModel.TestRunReport", throwOnError: true)!;
            var show = report.GetMethod("Show", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(TextWriter), typeof(bool)])
                ?? throw new MissingMethodException("ThreadingKoans.PathModel.TestRunReport", "Show");
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
        finally
        {
            File.Delete(run.Events);
        }
    }

    /// <summary>
    /// Whether what this process prints reaches a terminal although it is not one itself: in a terminal,
    /// <c>dotnet test</c> runs VSTest with its MSBuild logger and shows what VSTest prints through the
    /// terminal logger, as it is. Redirected, <c>dotnet test</c> uses the console logger instead.
    /// </summary>
    private static bool ToATerminal() =>
        Environment.GetCommandLineArgs().Any(argument => argument.Contains("Microsoft.TestPlatform.MSBuildLogger", StringComparison.OrdinalIgnoreCase));

    /// <summary>What the path model reads as a <c>LoggedRun</c>.</summary>
    private sealed record Run(string Events, bool Filtered, bool CutShort, string? Error);

    /// <summary>Loads the path model and what it needs from the koans' build folder, whatever the SDK's process has loaded.</summary>
    private sealed class PathModelContext(string folder) : AssemblyLoadContext("koan report")
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(folder, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
