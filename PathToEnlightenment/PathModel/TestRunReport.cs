using System.Text.Json;
using Spectre.Console;

namespace ThreadingKoans.PathModel;

/// <summary>A finished <c>dotnet test</c> run, as the koans' logger hands it over.</summary>
/// <param name="Events">The file the koans' process wrote the run's events to (see <c>KoanRun.EventsVariable</c>).</param>
/// <param name="Filtered">Whether the run was of some koans only (<c>--filter</c>, or koans picked one by one).</param>
/// <param name="CutShort">Whether it was aborted or cancelled (the koans' process crashed, say).</param>
/// <param name="Error">Why, if VSTest said.</param>
internal sealed record LoggedRun(string Events, bool Filtered, bool CutShort, string? Error);

/// <summary>
/// Draws the report at the end of a <c>dotnet test</c> run: its events read into the runner's verdict and drawn
/// with the runner's view. A run of the whole path also moves the progress record on, as a walk does; a run of
/// some koans (<c>--filter</c>) leaves it as it was and counts the progress from it, or leaves the progress out
/// when there is no record.
/// </summary>
internal sealed class TestRunReport(IAnsiConsole console, Func<DateTimeOffset> now)
{
    /// <summary>
    /// What the <c>dotnet test</c> logger calls, across the load context it keeps the path model in: draws the
    /// report of the run in <paramref name="json"/> (a <see cref="LoggedRun"/>) on <paramref name="output"/>, in
    /// colour when <paramref name="toATerminal"/> says the output reaches one (else as the output itself allows:
    /// plain text when redirected).
    /// </summary>
    public static void Show(string json, TextWriter output, bool toATerminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = toATerminal ? AnsiSupport.Yes : AnsiSupport.Detect,
            ColorSystem = toATerminal ? ColorSystemSupport.Standard : ColorSystemSupport.Detect,
        });
        var run = JsonSerializer.Deserialize<LoggedRun>(json) ?? throw new JsonException("The logger passed no test run.");
        new TestRunReport(console, () => DateTimeOffset.Now).Show(run);
    }

    /// <summary>Draws the report of <paramref name="logged"/>.</summary>
    public void Show(LoggedRun logged)
    {
        ArgumentNullException.ThrowIfNull(logged);
        var lines = File.Exists(logged.Events) ? File.ReadAllLines(logged.Events) : [];
        var events = RunEvents.Of(lines);
        var run = events.ToRun(
            $"The test run ended before every koan had reported{(logged.Error is null ? "." : $": {logged.Error}")}",
            completed: !logged.CutShort);
        if (logged.Filtered)
        {
            // The koans the filter left out did not run: the verdict is about those that did.
            run = run with { Path = [.. run.Path.Where(koan => run.Results.ContainsKey(koan.Id) || koan == events.Running)] };
        }

        if (run.Path.Count == 0)
        {
            return;
        }

        var folder = Path.GetDirectoryName(run.Path[0].File) ?? Environment.CurrentDirectory;
        var layout = RepoLayout.Find(folder, Environment.CurrentDirectory) ?? new RepoLayout(Path.GetDirectoryName(folder) ?? folder);
        if (logged.CutShort && run.Crash is null && events.Running is { } running)
        {
            // The koans' process ended in the middle of a koan without a word: it is that koan's crash.
            run = run with { Crash = new ProcessCrashing(running.Id, "the process", "it ended while this koan ran", null, string.Empty) };
        }

        var store = new StateStore(console, layout);
        var previous = store.Load();
        var verdict = Verdicts.From(run, layout);
        if (logged.Filtered)
        {
            verdict = verdict switch
            {
                KoanFailing failing => failing with { Progress = Recorded(previous, run, failing.Koan) },
                Enlightened or AllSeemToPass => new SelectionPassed("the koans this run asked for", run.Results.Count),
                _ => verdict,
            };
        }
        else if (Walks.Next(previous, run, verdict, now(), LearnerFiles.Of(layout)) is { } step)
        {
            store.Save(step.State);
        }

        // The progress line says how many koans are still ahead: no line for each of them.
        new ReportView(console, layout).Show(verdict);
    }

    /// <summary>
    /// The progress at <paramref name="koan"/> as the record counts it, with this run's results in place of
    /// the record's for the koans that ran; null without a record.
    /// </summary>
    private static Progress? Recorded(WalkState? record, HostRun run, KoanInfo koan)
    {
        if (record is not { Path.Count: > 0 } || !record.Path.Contains(koan.FullName))
        {
            return null;
        }

        var ran = run.Path.ToDictionary(info => info.FullName, run.Passed, StringComparer.Ordinal);
        return Progress.AtFailing(
            record.Path,
            koan,
            name => ran.TryGetValue(name, out var passed) ? passed : null,
            record.PassedKoans);
    }
}
