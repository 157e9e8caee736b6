using Spectre.Console;

namespace ThreadingKoans.PathModel;

/// <summary>
/// Draws a koan's timeline: one lane per thread, read left to right in the order things happened, each step in a
/// column of its own so that the lanes show which came first. The step the koan failed at (the last failure of the
/// timeline) is marked <c>◀</c>. Lanes longer than the console's width fold into blocks, one under the other.
/// </summary>
internal sealed class TimelineView(IAnsiConsole console)
{
    /// <summary>The most lines the short version (a failing koan's report) takes, its heading included.</summary>
    public const int ShortLines = 8;

    /// <summary>The most blocks the whole timeline draws: older steps are counted instead.</summary>
    private const int MostBlocks = 6;

    /// <summary>The most characters of a step's words in the whole timeline; longer ones are cut with an ellipsis.</summary>
    private const int MostText = 40;

    /// <summary>The most characters of a step's words in the short version, so that more steps fit its one block.</summary>
    private const int MostShortText = 24;

    /// <summary>The command that draws the whole timeline of the koan the learner is on.</summary>
    public const string Command = "dotnet run --project PathToEnlightenment -- timeline";

    /// <summary>The whole timeline, folded into blocks, at most <see cref="MostBlocks"/> of them.</summary>
    public void Whole(KoanTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var blocks = Blocks(timeline.Steps, MostText);
        var skipped = blocks.Take(Math.Max(0, blocks.Count - MostBlocks)).Sum(block => block.Count) + timeline.Dropped;
        if (skipped > 0)
        {
            console.MarkupLineInterpolated($"[grey]… {skipped} earlier steps[/]");
        }

        var shown = blocks.Skip(Math.Max(0, blocks.Count - MostBlocks)).ToList();
        for (var index = 0; index < shown.Count; index++)
        {
            if (index > 0)
            {
                console.WriteLine();
            }

            Draw(shown[index], Failed(timeline), lanesAtMost: int.MaxValue, MostText);
        }
    }

    /// <summary>The short version for a report: its heading, then the last block's lanes, at most <see cref="ShortLines"/> lines in all.</summary>
    public void Short(KoanTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var blocks = Blocks(timeline.Steps, MostShortText);
        if (blocks.Count == 0)
        {
            return;
        }

        var last = blocks[^1];
        var earlier = timeline.Steps.Count - last.Count + timeline.Dropped;
        var which = earlier == 0 ? string.Empty : last.Count == 1 ? ", its last step" : $", its last {last.Count} steps";
        console.MarkupLineInterpolated($"[grey]What its threads did{which}:[/]");
        Draw(last, Failed(timeline), lanesAtMost: ShortLines - 1, MostShortText);
    }

    /// <summary>The step to mark as the moment the koan failed: the last failure of the timeline, if it failed.</summary>
    private static TimelineStep? Failed(KoanTimeline timeline) =>
        timeline.Why is null ? null : timeline.Steps.LastOrDefault(step => step.Mark == StepMark.Failure);

    /// <summary>The steps in blocks that each fit the console's width beside the lanes' names.</summary>
    private List<List<TimelineStep>> Blocks(IReadOnlyList<TimelineStep> steps, int most)
    {
        var room = Math.Max(20, console.Profile.Width - LabelWidth(steps) - 1);
        var blocks = new List<List<TimelineStep>>();
        var used = 0;
        foreach (var step in steps)
        {
            var width = Width(step, most);
            if (blocks.Count == 0 || used + width > room)
            {
                blocks.Add([]);
                used = 0;
            }

            blocks[^1].Add(step);
            used += width;
        }

        return blocks;
    }

    /// <summary>One block: a line per lane that has a step in it (the koan's first), each step in its own column.</summary>
    private void Draw(IReadOnlyList<TimelineStep> block, TimelineStep? failed, int lanesAtMost, int most)
    {
        var lanes = block.Select(step => step.Lane).Distinct().OrderBy(lane => lane == "koan" ? 0 : 1).ToList();
        var label = LabelWidth(block);
        var hidden = lanes.Count > lanesAtMost ? lanes.Count - (lanesAtMost - 1) : 0;
        foreach (var lane in lanes.Take(hidden > 0 ? lanesAtMost - 1 : lanes.Count))
        {
            var line = new System.Text.StringBuilder(Markup.Escape(Cut(lane, label).PadRight(label))).Append(' ');
            foreach (var step in block)
            {
                var text = Text(step, failed, most);
                line.Append(step.Lane == lane ? $"─ {Styled(step, failed, Markup.Escape(text))} " : new string('─', text.Length + 3));
            }

            console.MarkupLine(line.Append('─').ToString());
        }

        if (hidden > 0)
        {
            console.MarkupLineInterpolated($"[grey]… and {hidden} more threads[/]");
        }
    }

    private static int LabelWidth(IEnumerable<TimelineStep> steps) => Math.Min(14, steps.Select(step => step.Lane.Length).DefaultIfEmpty(4).Max());

    private static int Width(TimelineStep step, int most) => Text(step, failed: null, most).Length + 5;

    private static string Text(TimelineStep step, TimelineStep? failed, int most) =>
        Cut(step.Text, most) + (ReferenceEquals(step, failed) ? " ◀" : string.Empty);

    private static string Styled(TimelineStep step, TimelineStep? failed, string escaped) => step.Mark switch
    {
        _ when ReferenceEquals(step, failed) => $"[bold red]{escaped}[/]",
        StepMark.Failure => $"[red]{escaped}[/]",
        StepMark.Waited => $"[yellow]{escaped}[/]",
        StepMark.Starts => $"[grey]{escaped}[/]",
        _ => escaped,
    };

    private static string Cut(string text, int most) => text.Length <= most ? text : string.Concat(text.AsSpan(0, most - 1), "…");
}
