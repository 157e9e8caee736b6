using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ThreadingKoans.Runner.Pool;

/// <summary>
/// The demo's picture of a pool: the counts, the queue and the workers over time, and each worker with
/// the jobs it has done. It keeps the last frames so that the history lines can show how the pool grew,
/// and every change in the number of workers for the growth log printed when there is no terminal.
/// </summary>
internal sealed class DemoView(string whosePool)
{
    /// <summary>How many frames the history lines show.</summary>
    public const int History = 48;

    private static readonly string Levels = " ▁▂▃▄▅▆▇█";
    private readonly List<DemoFrame> _frames = [];
    private readonly List<DemoFrame> _growth = [];

    /// <summary>
    /// What the growth log's queue lengths mean: the pool grows at a submit that finds more than 10 pages
    /// waiting, and a frame is drawn only every 0.2 s, by when the new workers have taken some of them.
    /// </summary>
    public const string GrowthNote =
        "(the pool starts a worker the moment more than 10 pages wait; a frame is drawn every 0.2 s, by when its new workers have taken some)";

    /// <summary>Why some pages fail: the demo's site links to missing pages on purpose.</summary>
    public const string FailedNote = "failed: broken links (404), on purpose";

    /// <summary>The frame shown last, if any.</summary>
    public DemoFrame? Latest => _frames.Count > 0 ? _frames[^1] : null;

    /// <summary>
    /// One line for the first frame and one for each frame after it whose number of workers changed:
    /// the time, the workers and the queue then. Short, since the pool grows only up to its maximum.
    /// </summary>
    public IReadOnlyList<string> GrowthLog =>
        [.. _growth.Select(frame => Invariant($"{frame.Seconds,5:0.0} s  {Workers(frame.Pool.Workers.Count)}  (queue {frame.Pool.QueueLength})"))];

    /// <summary>Adds a frame to the history, and to the growth log when the number of workers changed.</summary>
    public void Add(DemoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (_growth.Count == 0 || _growth[^1].Pool.Workers.Count != frame.Pool.Workers.Count)
        {
            _growth.Add(frame);
        }

        _frames.Add(frame);
        if (_frames.Count > History)
        {
            _frames.RemoveAt(0);
        }
    }

    /// <summary>
    /// Shows the frames that <paramref name="run"/> hands on while it runs. On a terminal that can redraw
    /// (interactive, with ANSI) they are drawn live, each over the one before. Otherwise (output redirected
    /// to a file or a pipe) nothing is drawn while it runs, so that the frames are not written one after
    /// another; once it is over the last frame is written once, then the growth log.
    /// </summary>
    /// <param name="console">Where to draw.</param>
    /// <param name="run">Runs the demo, calling its argument for each frame, in order, on this thread.</param>
    /// <returns>What <paramref name="run"/> returned.</returns>
    public T Show<T>(IAnsiConsole console, Func<Action<DemoFrame>, T> run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        var ended = LiveFrames.Show(console, run, Add, Render, out var drawn);
        if (!drawn && Latest is not null)
        {
            console.Write(Render());
            console.WriteLine("How the pool grew:");
            console.WriteLine(GrowthNote);
            foreach (var line in GrowthLog)
            {
                console.WriteLine(line);
            }
        }

        return ended;
    }

    /// <summary>The whole picture for the newest frame.</summary>
    public IRenderable Render()
    {
        if (Latest is not { } frame)
        {
            return new Markup($"[grey]Starting {Markup.Escape(whosePool)}…[/]");
        }

        var pool = frame.Pool;
        var busy = pool.Workers.Count(worker => worker.Busy);
        var counts = new Grid().AddColumn().AddColumn();
        counts.AddRow(new Markup("[bold]Pages[/]"), new Markup(Invariant($"{frame.Submitted} submitted · [green]{pool.Completed} fetched[/] · [red]{pool.Failed} failed[/] · {frame.Seconds:0.0} s")));
        counts.AddRow(new Markup("[bold]Queue[/]"), new Markup(Invariant($"[yellow]{Line(f => f.Pool.QueueLength)}[/] {pool.QueueLength} waiting")));
        counts.AddRow(new Markup("[bold]Workers[/]"), new Markup(Invariant($"[blue]{Line(f => f.Pool.Workers.Count)}[/] {pool.Workers.Count} ({busy} busy, {pool.Workers.Count - busy} idle)")));
        counts.AddRow(new Markup("[bold]Done/s[/]"), new Markup(Invariant($"[green]{Line(Rate)}[/] {Rate(frame):0} per second")));
        if (pool.Failed > 0)
        {
            counts.AddRow(new Text(string.Empty), new Markup($"[grey]{FailedNote}[/]"));
        }

        var chart = new BarChart().Width(60).Label("[bold]Jobs done by each worker[/] [grey](green: busy now)[/]");
        foreach (var worker in pool.Workers)
        {
            chart.AddItem(worker.Name, worker.JobsDone, worker.Busy ? Color.Green : Color.Grey);
        }

        var title = frame.Finished
            ? $"[bold]{Markup.Escape(whosePool)}[/]: every page is done"
            : $"[bold]{Markup.Escape(whosePool)}[/], crawling: pages come faster than 2 workers fetch them";
        return new Panel(new Rows(counts, new Text(""), chart)).Header(title).Border(BoxBorder.Rounded);
    }

    /// <summary>The last frames' values as a line of block characters, tallest for the largest.</summary>
    private string Line(Func<DemoFrame, double> value)
    {
        var values = _frames.Select(value).ToList();
        var top = Math.Max(1, values.Max());
        return string.Concat(values.Select(v => Levels[(int)Math.Round(v / top * (Levels.Length - 1))])).PadRight(History);
    }

    /// <summary>Jobs completed per second since the frame before.</summary>
    private double Rate(DemoFrame frame)
    {
        var index = _frames.IndexOf(frame);
        if (index <= 0)
        {
            return 0;
        }

        var before = _frames[index - 1];
        var seconds = frame.Seconds - before.Seconds;
        return seconds > 0 ? (frame.Pool.Completed - before.Pool.Completed) / seconds : 0;
    }

    private static string Workers(int count) => count == 1 ? "1 worker" : Invariant($"{count} workers");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
