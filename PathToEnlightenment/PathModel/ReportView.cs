using Spectre.Console;

namespace ThreadingKoans.PathModel;

/// <summary>Writes a <see cref="Verdict"/> for the learner: what to look at, where, and how far they are.</summary>
internal sealed class ReportView(IAnsiConsole console, RepoLayout layout)
{
    private const int ContextLines = 3;

    private static readonly string[] Encouragements =
    [
        "Every master was once a beginner who kept going.",
        "A failing koan is a question, not a verdict.",
        "Read the message slowly; it knows more than it says.",
        "One blank at a time. There is no hurry.",
        "The thread you wait for is worth a bounded wait.",
        "Calm mind, clear code.",
    ];

    public int Show(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        switch (verdict)
        {
            case LayoutBroken broken:
                console.MarkupLineInterpolated($"[red]{broken.Sentence}[/]");
                return ExitCodes.KoansLeft;
            case CompileFailed failed:
                ShowCompileErrors(failed);
                return ExitCodes.KoansLeft;
            case KoanFailing failing:
                ShowFailing(failing);
                return ExitCodes.KoansLeft;
            case KoanHanging hanging:
                ShowHanging(hanging);
                return ExitCodes.KoansLeft;
            case KoanCrashed crashed:
                ShowCrashed(crashed);
                return ExitCodes.KoansLeft;
            case HostFailed host:
                console.MarkupLine("[red]The koans could not be run.[/] The process that runs them ended without a report:");
                console.WriteLine(Tail(host.Errors));
                return ExitCodes.KoansLeft;
            case Enlightened done:
                ShowEnlightened(done);
                return ExitCodes.Enlightened;
            case AllSeemToPass seeming:
                ShowAllSeemToPass(seeming);
                return ExitCodes.KoansLeft;
            case SelectionPassed passed:
                ShowSelectionPassed(passed);
                return ExitCodes.Done;
            default:
                throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "A verdict the view does not know.");
        }
    }

    private void ShowCompileErrors(CompileFailed failed)
    {
        console.Write(new Rule("[yellow]The koans do not compile yet[/]").LeftJustified());
        if (failed.Errors.Count == 0)
        {
            console.WriteLine("The build failed without a compiler error; its last lines:");
            console.WriteLine(Tail(failed.Log));
            return;
        }

        console.MarkupLine("Fix this first, then run again:");
        foreach (var error in failed.Errors.Take(3))
        {
            console.WriteLine();
            console.MarkupLineInterpolated($"[bold]{error.Place}[/]: {error.Code}: {error.Message}");
            if (error.Note is { } note)
            {
                console.MarkupLineInterpolated($"[yellow]In other words:[/] {note}");
            }

            ShowSource(error.File, error.Line);
        }

        if (failed.Errors.Count > 3)
        {
            console.WriteLine();
            console.MarkupLineInterpolated($"[grey]…and {failed.Errors.Count - 3} more; they often go away with the first.[/]");
        }
    }

    private void ShowFailing(KoanFailing failing)
    {
        Arrive(failing.Koan, failing.Progress);
        console.MarkupLineInterpolated($"[bold]{failing.Koan.FullName}[/] has damaged your karma.");
        console.WriteLine();
        console.Write(new Padder(new Text(Clean(failing.Message), new Style(Color.Red)), new Padding(2, 0, 0, 0)));
        console.WriteLine();
        if (failing.Output is { } output)
        {
            console.MarkupLine("[grey]It printed:[/]");
            console.Write(new Padder(new Text(output.TrimEnd()), new Padding(2, 0, 0, 0)));
            console.WriteLine();
        }

        ShowTimeline(failing.Timeline);
        var place = Place.Parse(failing.Place);
        console.MarkupLineInterpolated($"Meditate on [bold underline]{place}[/]");
        Question(failing.Koan);
        ShowSource(place.File, place.Line);
        ShowPoolBlanks(failing.Koan, place, failing.Blanks);
        Footer(failing.Progress, timeline: failing.Timeline is not null);
    }

    /// <summary>What the koan's threads did, in short, where the koan's failure lets it be shown.</summary>
    private void ShowTimeline(KoanTimeline? timeline)
    {
        if (timeline is null)
        {
            return;
        }

        new TimelineView(console).Short(timeline);
        console.WriteLine();
    }

    /// <summary>
    /// The blanks of the learner's pool that this koan asks for and that are still blank, each with what
    /// its comment asks (unless the failure already points there); where the koan has a blank of its own
    /// too, which of the two to fill first.
    /// </summary>
    private void ShowPoolBlanks(KoanInfo koan, Place shown, BlankPlaces? found = null)
    {
        var blanks = found ?? BlankPlaces.For(koan, layout);
        var needs = blanks.Pool.Where(need => need.Place != shown.ToString()).ToList();
        if (needs.Count == 0)
        {
            return;
        }

        console.WriteLine();
        if (blanks.Koan is not null)
        {
            console.MarkupLine(needs.Count == 1
                ? "Then your pool: this koan needs a piece of it that is still blank:"
                : "Then your pool: this koan needs pieces of it that are still blank:");
        }
        else
        {
            console.MarkupLine(needs.Count == 1 ? "This koan needs a piece of your pool that is still blank:" : "This koan needs pieces of your pool that are still blank:");
        }

        foreach (var need in needs)
        {
            var place = Place.Parse(need.Place);
            console.MarkupLineInterpolated($"[bold underline]{place}[/]: {need.Need}");
            ShowSource(place.File, place.Line);
        }
    }

    private void ShowHanging(KoanHanging hanging)
    {
        Arrive(hanging.Koan, hanging.Progress);
        console.MarkupLineInterpolated($"[bold]{hanging.Koan.FullName}[/] never finished, so it was stopped.");
        console.WriteLine();
        var waiting = hanging.WaitingFor is { } what ? $" It was last seen waiting for {what}." : string.Empty;
        console.Write(new Padder(
            new Text(
                $"It went on past its time limit of {hanging.Koan.TimeoutSeconds} s.{waiting} Something in it waits forever or loops without end: a Join or Wait without a timeout, a signal nobody sends, a lock nobody releases?",
                new Style(Color.Red)),
            new Padding(2, 0, 0, 0)));
        console.WriteLine();
        ShowTimeline(hanging.Timeline);
        var place = BlankPlaces.For(hanging.Koan, layout).First is { } blank ? Place.Parse(blank) : new Place(SourcePlace.ShortPath(hanging.Koan.File), hanging.Koan.Line);
        console.MarkupLineInterpolated($"Meditate on [bold underline]{place}[/]");
        Question(hanging.Koan);
        ShowSource(place.File, place.Line);
        ShowPoolBlanks(hanging.Koan, place);
        Footer(hanging.Progress, timeline: hanging.Timeline is not null);
    }

    private void ShowCrashed(KoanCrashed crashed)
    {
        var name = crashed.Koan?.FullName ?? "A koan";
        if (crashed.Koan is not null && crashed.Progress is not null)
        {
            Arrive(crashed.Koan, crashed.Progress);
        }

        console.MarkupLineInterpolated($"[bold]{name}[/] crashed the process that runs the koans.");
        console.WriteLine();
        console.Write(new Padder(
            new Text($"An exception escaped a thread: {crashed.Exception}: {crashed.Message}\nNothing catches an exception that leaves a thread's body, so it ends the whole process. Catch it inside the thread.", new Style(Color.Red)),
            new Padding(2, 0, 0, 0)));
        console.WriteLine();
        var place = crashed.Place is { } thrownAt
            ? Place.Parse(thrownAt)
            : crashed.Koan is { } koan ? new Place(SourcePlace.ShortPath(koan.File), koan.Line) : null;
        if (place is not null)
        {
            console.MarkupLineInterpolated($"Thrown at [bold underline]{place}[/]");
            ShowSource(place.File, place.Line);
        }
        else
        {
            console.WriteLine(crashed.StackTrace);
        }

        if (crashed.Koan is not null && crashed.Progress is not null)
        {
            Footer(crashed.Progress);
        }
    }

    private void ShowEnlightened(Enlightened done)
    {
        console.Write(new Rule("[green]Enlightenment[/]"));
        console.MarkupLineInterpolated($"All {done.Koans} koans of all {done.Topics} topics pass. Every one was checked again just now.");
        console.WriteLine("You have walked the whole path: from a string to a pool of threads of your own.");
        if (done.Journey is { } journey)
        {
            console.MarkupLineInterpolated($"{done.Topics} topics in {Durations.Say(journey)}, counted from your first walk.");
        }

        Bar(done.Koans, done.Koans);
    }

    private void ShowAllSeemToPass(AllSeemToPass seeming)
    {
        console.Write(new Rule("[green]Every koan passes, as far as this run can tell[/]"));
        console.MarkupLineInterpolated(
            $"{seeming.Taken} of the {seeming.Koans} koans passed before and were not run again: neither their files nor the code of yours they use changed.");
        console.MarkupLine("Run the koans once more: when every koan seems to pass, the next run runs every one of them, for real.");
    }

    private void ShowSelectionPassed(SelectionPassed passed)
    {
        var what = passed.Koans == 1 ? $"{passed.Name} passes." : $"All {passed.Koans} koans of {passed.Name} pass.";
        console.MarkupLineInterpolated($"[green]{what}[/]");
        console.MarkupLine("[grey]Walk without --koan to go on from the koan you are on.[/]");
    }

    /// <summary>The topic heading, and its introduction when the learner has just arrived at it.</summary>
    private void Arrive(KoanInfo koan, Progress? progress)
    {
        console.Write(new Rule($"[yellow]{koan.TopicNumber:00} {Markup.Escape(koan.Topic)}[/]").LeftJustified());
        if (Arriving(progress) && koan.TopicIntro.Length > 0)
        {
            console.MarkupLineInterpolated($"[italic]What this topic is about:[/] {Unwrap(koan.TopicIntro)}");
        }

        console.WriteLine();
    }

    /// <summary>The koan's question, its first hint (the <c>[Koan("…")]</c> text): what to trace in the lines below.</summary>
    private void Question(KoanInfo koan)
    {
        if (koan.Hint.Length > 0)
        {
            console.MarkupLineInterpolated($"[cyan]The koan asks:[/] {koan.Hint}");
        }
    }

    /// <summary>
    /// The progress (the path's bar and the topic's count on one line), a word of encouragement (but not on
    /// arriving at a topic: its introduction stands above), and how to ask for a hint.
    /// With <paramref name="timeline"/>, the report showed the koan's last steps, and the line says how to see them all.
    /// </summary>
    private void Footer(Progress? progress, bool timeline = false)
    {
        console.WriteLine();
        if (progress is not null)
        {
            ProgressBar.Write(console, progress.Passed, progress.Total, $"topic {progress.TopicNumber} of {progress.Topics}: {progress.TopicPassed}/{progress.TopicTotal}");
            if (progress.Taken > 0)
            {
                console.MarkupLineInterpolated($"[grey]{progress.Taken} koans passed before and are unchanged: taken as passing, not run again.[/]");
            }

            if (!Arriving(progress))
            {
                console.MarkupLineInterpolated($"[grey]{Encouragements[progress.Passed % Encouragements.Length]}[/]");
            }
        }

        console.MarkupLineInterpolated($"[grey]Stuck? {Essentials.HintCommand}{(timeline ? ", or -- timeline" : string.Empty)}[/]");
    }

    /// <summary>Whether the learner has just arrived at the koan's topic: none of its koans passes yet.</summary>
    private static bool Arriving(Progress? progress) => progress is { TopicPassed: 0 };

    private void Bar(int passed, int total) => ProgressBar.Write(console, passed, total);

    /// <summary>The lines around <paramref name="line"/> of a koan file, the line itself marked and its blanks picked out.</summary>
    private void ShowSource(string file, int line)
    {
        var path = Path.Combine(layout.Root, file);
        if (!File.Exists(path))
        {
            return;
        }

        var lines = File.ReadAllLines(path);

        // A source line too long for the console wraps inside its column, beside the gutter: never cut.
        var table = new Table().NoBorder().HideHeaders().AddColumn(new TableColumn(string.Empty).RightAligned()).AddColumn(string.Empty);
        for (var number = Math.Max(1, line - ContextLines); number <= Math.Min(lines.Length, line + ContextLines); number++)
        {
            var text = Markup.Escape(lines[number - 1].Replace("\t", "    ", StringComparison.Ordinal));
            var marked = text.Replace("___()", "[black on yellow]___()[/]", StringComparison.Ordinal);
            marked = System.Text.RegularExpressions.Regex.Replace(marked, @"(?<![\w\[])__(?![\w(])", "[black on yellow]__[/]");
            table.AddRow(
                new Markup(number == line ? $"[bold yellow]> {number}[/]" : $"[grey]{number}[/]"),
                new Markup(number == line ? $"[bold]{marked}[/]" : marked));
        }

        console.Write(table);
    }

    private static string Clean(string message) => message.Trim();

    private static string Unwrap(string paragraph) =>
        string.Join(' ', paragraph.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Tail(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd().Split('\n');
        return string.Join('\n', lines.TakeLast(15));
    }

    /// <summary>A place as the runner prints it, clickable in editors and terminals: <c>Koans/File.cs:17</c>.</summary>
    private sealed record Place(string File, int Line)
    {
        public static Place Parse(string text)
        {
            var colon = text.LastIndexOf(':');
            return new Place(text[..colon], int.Parse(text[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }

        public override string ToString() => $"{File}:{Line}";
    }
}
