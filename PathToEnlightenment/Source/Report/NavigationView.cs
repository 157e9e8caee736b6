using Spectre.Console;

namespace ThreadingKoans.Runner.Report;

/// <summary>Which walk a list of the topics is made from.</summary>
internal enum ListBasis
{
    /// <summary>The walk <c>list</c> made just now, for want of a state.</summary>
    ThisWalk,

    /// <summary>The last walk, and the koan files are as it saw them.</summary>
    LastWalk,

    /// <summary>The last walk, but the koan files changed since: the list may be out of date.</summary>
    LastWalkChangedSince,
}

/// <summary>
/// Writes what the navigation commands have to say: passes, hints, the list of topics, frustration,
/// names that are not on the path, and resets.
/// </summary>
internal sealed class NavigationView(IAnsiConsole console)
{
    /// <summary>How the learner runs a command of the runner; the commands are shown ready to copy.</summary>
    public const string Command = "dotnet run --project PathToEnlightenment --";

    /// <summary>The koans passed since the last walk: why each matters and what Solutions wrote, at most a few.</summary>
    /// <param name="notes">The notes of the first few passed koans.</param>
    /// <param name="passed">How many koans passed since the last walk in all.</param>
    public void Passes(IReadOnlyList<PassNote> notes, int passed)
    {
        ArgumentNullException.ThrowIfNull(notes);
        if (notes.Count == 0)
        {
            return;
        }

        foreach (var note in notes)
        {
            console.MarkupLineInterpolated($"[green]You passed[/] [bold]{note.Koan}[/]");
            if (note.Explanation.Length > 0)
            {
                Indented(note.Explanation, 2, new Style(Color.Grey));
            }

            switch (note.Answers)
            {
                case [var single] when !single.Contains('\n', StringComparison.Ordinal):
                    Indented($"Solutions wrote: {single}", 2, Style.Plain);
                    break;
                case []:
                    break;
                default:
                    Indented("Solutions wrote:", 2, Style.Plain);
                    foreach (var answer in note.Answers)
                    {
                        Indented(answer, 4, Style.Plain);
                    }

                    break;
            }
        }

        if (passed > notes.Count)
        {
            console.MarkupLineInterpolated($"[green]…and {passed - notes.Count} more.[/]");
        }

        foreach (var problem in notes.Select(note => note.Problem).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            console.MarkupLineInterpolated($"[grey](No answer is shown: {problem}.)[/]");
        }

        console.WriteLine();
    }

    /// <summary>Encouragement for a learner stuck on one koan for several walks, and what to try next (never the answer).</summary>
    public void Frustration(WalkState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Current is not { } koan)
        {
            return;
        }

        console.WriteLine();
        var walks = $"{state.StuckWalks} walks in a row on {koan.Name} without a step forward";
        if (state.HintsShown < koan.HintCount)
        {
            console.MarkupLineInterpolated($"[magenta]I sense frustration: {walks}. Every master has sat where you sit.[/]");
            console.MarkupLineInterpolated($"[magenta]Ask for a nudge: {Command} hint[/]");
        }
        else
        {
            console.MarkupLineInterpolated(
                $"[magenta]I sense frustration: {walks}. You have seen its hints: read the message and the comment above the koan once more, word by word.[/]");
            console.MarkupLineInterpolated($"[magenta]If the koan got tangled, put it back as it was: {Command} reset {koan.Name}[/]");
        }
    }

    /// <summary>
    /// The hint of <paramref name="koan"/> after <paramref name="shown"/> of its hints were shown. Its first hint is
    /// its question, which every report shows above the koan's lines; <c>hint</c> starts at the second, more
    /// concrete one, then says there are no more.
    /// </summary>
    public void Hint(CurrentKoan koan, int shown)
    {
        ArgumentNullException.ThrowIfNull(koan);
        console.MarkupLineInterpolated($"[bold]{koan.Name}[/], at [bold underline]{koan.Place}[/]");
        console.MarkupLineInterpolated($"[grey]The koan asks:[/] [grey]{koan.Hint}[/]");
        if (shown == 0 && koan.DeeperHint is { } deeper)
        {
            console.MarkupLineInterpolated($"[cyan]Hint:[/] {deeper}");
            console.MarkupLine("[grey]That is its last hint.[/]");
        }
        else
        {
            console.MarkupLine(
                "There are no more hints for this koan. Read its failure message once more, slowly (walk to see it), and the comment above the koan: together they say what the blank must be.");
        }
    }

    /// <summary>Every topic with its koans done, the current one marked, and the whole path's progress.</summary>
    /// <param name="state">The last walk's state.</param>
    /// <param name="basis">Which walk the results are from, and whether they may be out of date.</param>
    public void List(WalkState state, ListBasis basis)
    {
        ArgumentNullException.ThrowIfNull(state);
        var passed = state.PassedKoans();
        var topics = state.Path
            .GroupBy(name => name.Split('.')[0], StringComparer.Ordinal)
            .Select(group => (Name: group.Key, Done: group.Count(passed.Contains), Total: group.Count()))
            .ToList();
        var width = topics.Count == 0 ? 0 : topics.Max(topic => topic.Name.Length);
        console.Write(new Rule("[yellow]Your path[/]").LeftJustified());
        foreach (var ((name, done, total), index) in topics.Select((topic, index) => (topic, index)))
        {
            var count = $"{done}/{total}".PadLeft(5);
            var line = $"{index + 1:00}  {name.PadRight(width)}  {count}";
            if (state.Current?.Topic == name)
            {
                console.MarkupLineInterpolated($"[bold yellow]{line}  ◀ you are here: {state.Current.Name}[/]");
            }
            else if (done == total)
            {
                console.MarkupLineInterpolated($"[green]{line}  ✓[/]");
            }
            else
            {
                console.MarkupLineInterpolated($"{line}");
            }
        }

        console.WriteLine();
        ProgressBar.Write(console, state.Passed.Count, state.Path.Count);
        switch (basis)
        {
            case ListBasis.LastWalk:
                console.MarkupLine("[grey]As of your last walk.[/]");
                break;
            case ListBasis.LastWalkChangedSince:
                console.MarkupLine("[grey]As of your last walk; your koans changed since, so walk again to update it.[/]");
                break;
            case ListBasis.ThisWalk:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(basis), basis, "A basis the view does not know.");
        }
    }

    /// <summary>A name that is on no koan or topic of the path, with the nearest names that are.</summary>
    public void Unknown(string name, IReadOnlyList<string> nearest)
    {
        ArgumentNullException.ThrowIfNull(nearest);
        console.MarkupLineInterpolated($"[red]There is no koan or topic named {name} on the path.[/]");
        if (nearest.Count > 0)
        {
            console.WriteLine("The nearest names:");
            foreach (var candidate in nearest)
            {
                console.WriteLine($"  {candidate}");
            }
        }
    }

    /// <summary>One sentence, in red: what could not be done and why.</summary>
    public void Problem(string sentence) => console.MarkupLineInterpolated($"[red]{sentence}[/]");

    /// <summary>One sentence, plain.</summary>
    public void Say(string sentence) => console.MarkupLineInterpolated($"{sentence}");

    /// <summary>A pool the learner asked to see at work is not ready: the koan to finish first, and what to do meanwhile.</summary>
    public void PoolNotReady(PoolUse use, string koan, string place)
    {
        ArgumentNullException.ThrowIfNull(use);
        console.MarkupLineInterpolated($"[yellow]Your {use.Pool} is not ready {use.Purpose} yet:[/] finish {koan} first ({place}).");
        console.MarkupLineInterpolated($"Walk on with `dotnet run --project PathToEnlightenment`, or see the reference pool at work: `{Command} {use.WithReference}`.");
    }

    /// <summary>The heading of a koan's whole timeline.</summary>
    public void TimelineOf(string koan, bool passed) =>
        console.MarkupLineInterpolated($"[bold]{koan}[/] {(passed ? "passes" : "fails")}; what its threads did, one lane each, left to right in the order they did it:");

    /// <summary>A koan that recorded no step: it starts no thread, waits for nothing and marks nothing, or recording is off.</summary>
    public void NoSteps(string koan, bool passed) =>
        console.MarkupLineInterpolated(
            $"{koan} {(passed ? "passes" : "fails")} without a step to draw: it starts no thread, waits for nothing and marks no step of its own (or recording was turned off).");

    /// <summary>A koan whose timeline would give its blank away, or say nothing the failure does not.</summary>
    public void NoTimeline(string koan) =>
        console.MarkupLineInterpolated(
            $"{koan} fails at a blank of its own, or at a wrong answer: its threads' steps could show what the blank asks for, so they are drawn once it passes, or when it fails at a wait, an escape or a code blank. Walk to see its failure.");

    /// <summary><c>--solution</c> in a copy without the reference pools.</summary>
    public void NoReferencePools(string project) =>
        console.MarkupLineInterpolated($"[red]There are no reference pools here: {project} is missing[/] (a copy of the path without its answers). Without --solution, your own pool runs.");

    /// <summary>The reference pools of <c>Solutions/</c> do not compile: the first error.</summary>
    public void ReferencePoolsDoNotBuild(CompileFailed failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        if (failed.Errors.FirstOrDefault() is { } first)
        {
            console.MarkupLineInterpolated($"[red]The reference pools (Solutions/) do not build:[/] {first.Place}: {first.Code} {first.Message}");
            return;
        }

        console.MarkupLine("[red]The reference pools (Solutions/) do not build.[/] The build's last lines:");
        console.WriteLine(string.Join('\n', failed.Log.TrimEnd().Split('\n').TakeLast(10)));
    }

    private void Indented(string text, int indent, Style style) =>
        console.Write(new Padder(new Text(text, style), new Padding(indent, 0, 0, 0)));
}
