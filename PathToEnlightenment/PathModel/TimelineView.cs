using Spectre.Console;

namespace ThreadingKoans.PathModel;

/// <summary>
/// Draws a koan's timeline: one lane per thread, read left to right in the order things happened, each step in a
/// column of its own so that the lanes show which came first. The step the koan failed at (the last failure of the
/// timeline) is marked <c>◀</c>. Lanes longer than the console's width fold into blocks, one under the other, each
/// block with every lane in the same order (a lane with nothing to show there is a bare line), the koan's first. A
/// step a thread did several times in a row, with no other thread's step between, is drawn once, "×N".
/// </summary>
internal sealed class TimelineView(IAnsiConsole console)
{
    /// <summary>The most lines the short version (a failing koan's report) takes, its heading included.</summary>
    public const int ShortLines = 8;

    /// <summary>The most blocks the whole timeline draws: older steps are counted instead.</summary>
    private const int MostBlocks = 8;

    /// <summary>The most characters of a step's words in the whole timeline; longer ones are cut with an ellipsis.</summary>
    private const int MostText = 56;

    /// <summary>The fewest steps the short version's block shows, where cutting the words shorter makes them fit.</summary>
    private const int ShortSteps = 3;

    /// <summary>The most characters of a step's words in the short version, so that more steps fit its one block.</summary>
    private const int MostShortText = 24;

    /// <summary>The command that draws the whole timeline of the koan the learner is on.</summary>
    public const string Command = "dotnet run --project PathToEnlightenment -- timeline";

    /// <summary>The whole timeline, folded into blocks, at most <see cref="MostBlocks"/> of them.</summary>
    public void Whole(KoanTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var steps = Collapsed(timeline.Steps, Failed(timeline));
        var blocks = Blocks(steps, MostText);
        var skipped = blocks.Take(Math.Max(0, blocks.Count - MostBlocks)).Sum(block => block.Sum(step => step.Times)) + timeline.Dropped;
        if (skipped > 0)
        {
            console.MarkupLineInterpolated($"[grey]… {skipped} earlier steps[/]");
        }

        var shown = blocks.Skip(Math.Max(0, blocks.Count - MostBlocks)).ToList();
        // Every lane that steps in the blocks shown, in the order the whole timeline first had them step in.
        var lanes = Lanes(steps).Intersect(Lanes(shown.SelectMany(block => block))).ToList();
        for (var index = 0; index < shown.Count; index++)
        {
            if (index > 0)
            {
                console.WriteLine();
            }

            Draw(shown[index], lanes, lanesAtMost: int.MaxValue, MostText);
        }
    }

    /// <summary>The short version for a report: its heading, then the last block's lanes, at most <see cref="ShortLines"/> lines in all.</summary>
    public void Short(KoanTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var steps = Collapsed(timeline.Steps, Failed(timeline));
        if (steps.Count == 0)
        {
            return;
        }

        // The longest words that still leave the last block a few steps: a short run reads whole.
        var (most, blocks) = new[] { MostText, MostShortText + 16, MostShortText }.Select(cut => (cut, blocks: Blocks(steps, cut)))
            .First(candidate => candidate.cut == MostShortText || candidate.blocks.Count == 1 || candidate.blocks[^1].Count >= ShortSteps);

        var last = blocks[^1];
        var count = last.Sum(step => step.Times);
        var earlier = timeline.Steps.Count - count + timeline.Dropped;
        var which = earlier == 0 ? string.Empty : count == 1 ? ", its last step" : $", its last {count} steps";
        console.MarkupLineInterpolated($"[grey]What its threads did{which}:[/]");
        Draw(last, Lanes(last), lanesAtMost: ShortLines - 1, most);
    }

    /// <summary>The step to mark as the moment the koan failed: the last failure of the timeline, if it failed.</summary>
    private static TimelineStep? Failed(KoanTimeline timeline) =>
        timeline.Why is null ? null : timeline.Steps.LastOrDefault(step => step.Mark == StepMark.Failure);

    /// <summary>The steps with each run of one step a thread did several times in a row drawn once, and the failed step marked.</summary>
    private static List<Drawn> Collapsed(IReadOnlyList<TimelineStep> steps, TimelineStep? failed)
    {
        var drawn = new List<Drawn>();
        foreach (var step in steps)
        {
            if (drawn.Count > 0 && drawn[^1] is { Failed: false } last && last.Step.Lane == step.Lane && last.Step.Text == step.Text
                && last.Step.Mark == step.Mark && !ReferenceEquals(step, failed))
            {
                drawn[^1] = last with { Times = last.Times + 1 };
            }
            else
            {
                drawn.Add(new Drawn(step, 1, ReferenceEquals(step, failed)));
            }
        }

        return drawn;
    }

    /// <summary>The lanes of these steps in the order they first stepped in, the koan's first.</summary>
    private static List<string> Lanes(IEnumerable<Drawn> steps) =>
        steps.Select(drawn => drawn.Step.Lane).Distinct().OrderBy(lane => lane == "koan" ? 0 : 1).ToList();

    /// <summary>The steps in blocks that each fit the console's width beside the lanes' names.</summary>
    private List<List<Drawn>> Blocks(List<Drawn> steps, int most)
    {
        // A lane's line: its name, a space, each step as "─ text " or as many "─", and a closing "─"; one column spare.
        var room = Math.Max(20, console.Profile.Width - LabelWidth(Lanes(steps)) - 3);
        var blocks = new List<List<Drawn>>();
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

    /// <summary>One block: a line per lane of <paramref name="lanes"/>, each step in its own column.</summary>
    private void Draw(IReadOnlyList<Drawn> block, List<string> lanes, int lanesAtMost, int most)
    {
        var label = LabelWidth(lanes);
        var hidden = lanes.Count > lanesAtMost ? lanes.Count - (lanesAtMost - 1) : 0;
        foreach (var lane in lanes.Take(hidden > 0 ? lanesAtMost - 1 : lanes.Count))
        {
            var line = new System.Text.StringBuilder(Markup.Escape(Cut(lane, label).PadRight(label))).Append(' ');
            foreach (var step in block)
            {
                var text = Text(step, most);
                line.Append(step.Step.Lane == lane ? $"─ {Styled(step, Markup.Escape(text))} " : new string('─', text.Length + 3));
            }

            console.MarkupLine(line.Append('─').ToString());
        }

        if (hidden > 0)
        {
            console.MarkupLineInterpolated($"[grey]… and {hidden} more threads[/]");
        }
    }

    private static int LabelWidth(IEnumerable<string> lanes) => Math.Min(14, lanes.Select(lane => lane.Length).DefaultIfEmpty(4).Max());

    private static int Width(Drawn step, int most) => Text(step, most).Length + 3;

    private static string Text(Drawn step, int most) =>
        Cut(step.Step.Text, most) + (step.Times > 1 ? $" ×{step.Times}" : string.Empty) + (step.Failed ? " ◀" : string.Empty);

    private static string Styled(Drawn step, string escaped) => step.Step.Mark switch
    {
        _ when step.Failed => $"[bold red]{escaped}[/]",
        StepMark.Failure => $"[red]{escaped}[/]",
        StepMark.Waited => $"[yellow]{escaped}[/]",
        StepMark.Starts => $"[grey]{escaped}[/]",
        _ => escaped,
    };

    private static string Cut(string text, int most) => text.Length <= most ? text : string.Concat(text.AsSpan(0, most - 1), "…");

    /// <summary>A step as drawn: <see cref="Times"/> in a row, and whether it is the moment the koan failed.</summary>
    private sealed record Drawn(TimelineStep Step, int Times, bool Failed);
}
