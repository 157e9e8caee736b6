using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ThreadingKoans.Runner.Pool;

/// <summary>
/// The async demo's picture: the pages, the fetches in flight, the threads of the process and the pages
/// done per second, each over the last frames. Where <see cref="DemoView"/> shows workers, this shows how
/// few threads the awaited fetches need.
/// </summary>
internal sealed class AsyncDemoView(string whosePool)
{
    private static readonly string Levels = " ▁▂▃▄▅▆▇█";
    private readonly List<AsyncDemoFrame> _frames = [];

    /// <summary>The frame shown last, if any.</summary>
    public AsyncDemoFrame? Latest => _frames.Count > 0 ? _frames[^1] : null;

    /// <summary>The most threads any frame saw.</summary>
    public int MostThreads { get; private set; }

    /// <summary>Adds a frame to the history.</summary>
    public void Add(AsyncDemoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        MostThreads = Math.Max(MostThreads, frame.Threads);
        _frames.Add(frame);
        if (_frames.Count > DemoView.History)
        {
            _frames.RemoveAt(0);
        }
    }

    /// <summary>Shows the frames <paramref name="run"/> hands on, live on a terminal that can redraw, else the last one once (as <see cref="DemoView.Show{T}"/>).</summary>
    public T Show<T>(IAnsiConsole console, Func<Action<AsyncDemoFrame>, T> run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        var ended = LiveFrames.Show(console, run, Add, Render, out var drawn);
        if (!drawn && Latest is not null)
        {
            console.Write(Render());
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

        var counts = new Grid().AddColumn().AddColumn();
        counts.AddRow(new Markup("[bold]Pages[/]"), new Markup(Invariant($"{frame.Found} found · [green]{frame.Completed} fetched[/] · [red]{frame.Failed} failed[/] · {frame.Seconds:0.0} s")));
        counts.AddRow(new Markup("[bold]In flight[/]"), new Markup(Invariant($"[yellow]{Line(f => f.InFlight)}[/] {frame.InFlight} fetches")));
        counts.AddRow(new Markup("[bold]Threads[/]"), new Markup(Invariant($"[blue]{Line(f => f.Threads)}[/] {frame.Threads} in the process")));
        counts.AddRow(new Markup("[bold]Done/s[/]"), new Markup(Invariant($"[green]{Line(Rate)}[/] {Rate(frame):0} per second")));
        if (frame.Failed > 0)
        {
            counts.AddRow(new Text(string.Empty), new Markup($"[grey]{DemoView.FailedNote}[/]"));
        }

        var title = frame.Finished
            ? $"[bold]{Markup.Escape(whosePool)}[/]: every page is done"
            : $"[bold]{Markup.Escape(whosePool)}[/], crawling: fetches in flight hold no thread while they wait";
        return new Panel(counts).Header(title).Border(BoxBorder.Rounded);
    }

    private string Line(Func<AsyncDemoFrame, double> value)
    {
        var values = _frames.Select(value).ToList();
        var top = Math.Max(1, values.Max());
        return string.Concat(values.Select(v => Levels[(int)Math.Round(v / top * (Levels.Length - 1))])).PadRight(DemoView.History);
    }

    private double Rate(AsyncDemoFrame frame)
    {
        var index = _frames.IndexOf(frame);
        if (index <= 0)
        {
            return 0;
        }

        var before = _frames[index - 1];
        var seconds = frame.Seconds - before.Seconds;
        return seconds > 0 ? (frame.Completed + frame.Failed - before.Completed - before.Failed) / seconds : 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
