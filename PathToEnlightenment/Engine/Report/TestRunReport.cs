using Spectre.Console;

namespace ThreadingKoans.Engine.Report;

/// <summary>
/// Turns the koans of a finished <c>dotnet test</c> run into the runner's verdict and draws it with the
/// runner's view. A run of the whole path also moves the progress record on, as a walk does; a run of some
/// koans (<c>--filter</c>) leaves it as it was and counts the progress from it, or leaves the progress out
/// when there is no record.
/// </summary>
internal sealed class TestRunReport(IAnsiConsole console, Func<DateTimeOffset> now)
{
    /// <summary>
    /// What the <c>dotnet test</c> logger calls, across the load context it keeps the engine in: draws the
    /// report of the run in <paramref name="json"/> (a <see cref="TestRun"/>) on <paramref name="output"/>,
    /// in colour when <paramref name="toATerminal"/> says the output reaches one (else as the output itself
    /// allows: plain text when redirected).
    /// </summary>
    public static void Show(string json, TextWriter output, bool toATerminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = toATerminal ? AnsiSupport.Yes : AnsiSupport.Detect,
            ColorSystem = toATerminal ? ColorSystemSupport.Standard : ColorSystemSupport.Detect,
        });
        new TestRunReport(console, () => DateTimeOffset.Now).Show(TestRun.FromJson(json));
    }

    /// <summary>Draws the report of <paramref name="test"/>.</summary>
    public void Show(TestRun test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var seen = test.Koans();
        if (seen.Count == 0)
        {
            return;
        }

        var folder = Path.GetDirectoryName(seen[0].Koan.File) ?? Environment.CurrentDirectory;
        var layout = RepoLayout.Find(folder, Environment.CurrentDirectory) ?? new RepoLayout(Path.GetDirectoryName(folder) ?? folder);
        var run = new HostRun(
            [.. seen.Select(koan => koan.Koan)],
            seen.ToDictionary(koan => koan.Koan.Id, koan => koan.Result, StringComparer.Ordinal),
            Crash: null,
            Hung: null,
            Completed: !test.CutShort,
            Errors: $"The test run ended before every koan had reported{(test.Error is null ? "." : $": {test.Error}")}",
            StrayOutput: [],
            Rounds: []);
        var store = new StateStore(console, layout);
        var previous = store.Load();
        var verdict = Verdicts.From(run);
        if (test.Filtered)
        {
            verdict = verdict switch
            {
                KoanFailing failing => failing with { Progress = Recorded(previous, run, failing.Koan) },
                Enlightened => new SelectionPassed("the koans this run asked for", run.Path.Count),
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
