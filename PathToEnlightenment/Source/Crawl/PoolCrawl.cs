using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace ThreadingKoans.Runner.Crawl;

/// <summary>How long a crawl's requests and the whole crawl may take.</summary>
/// <param name="Page">One request, answer and body.</param>
/// <param name="Total">The whole crawl; the engine child is stopped a little after it.</param>
internal sealed record CrawlLimits(TimeSpan Page, TimeSpan Total)
{
    public static CrawlLimits Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));
}

/// <summary>
/// <c>crawl</c>: the learner's pool (threads and blocking requests, or with <c>--async</c> the async pool of
/// topic 21) crawls a site of their choosing, in an engine child process the runner can stop at once. Like
/// the demo it runs only once the pool koans it needs pass, and names the koan to finish first otherwise;
/// <c>--solution</c> uses the reference pools. Each page is printed as it is done, then a summary; Ctrl+C
/// stops the crawl at once and prints what was done. Exit codes: <see cref="CrawlExitCodes"/>.
/// </summary>
/// <param name="console">Where the crawl is printed.</param>
/// <param name="stop">Cancelled by Ctrl+C (which <see cref="Run"/> hooks while it runs) or by the caller.</param>
/// <param name="crawlLimits">How long a request and the crawl may take (<see cref="CrawlLimits.Default"/> when null).</param>
internal sealed class PoolCrawl(IAnsiConsole console, CancellationTokenSource stop, CrawlLimits? crawlLimits = null)
{
    /// <summary>The most requests at once <c>--max-in-flight</c> may ask for: a crawl of someone's site stays polite.</summary>
    public const int MostInFlightAllowed = 8;

    /// <summary>The largest page budget <c>--pages</c> may ask for.</summary>
    public const int MostPagesAllowed = 10_000;

    private readonly CrawlLimits _limits = crawlLimits ?? CrawlLimits.Default;

    /// <summary>What a crawl with the pool of threads needs, and what <c>--async</c> needs: those, and the channels that build the async pool.</summary>
    public static PoolUse Use(CrawlSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reference = $"crawl {settings.Address} --solution{(settings.Async ? " --async" : "")}";
        return settings.Async
            ? new PoolUse("to crawl", Async: true, [.. PoolUse.PoolTopics, PoolUse.AsyncPoolTopic], reference)
            : new PoolUse("to crawl", Async: false, PoolUse.PoolTopics, reference);
    }

    /// <summary>Runs <paramref name="settings"/> in <paramref name="session"/>, with Ctrl+C stopping it.</summary>
    public int Run(KoanSession session, CrawlSettings settings)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(settings);
        if (BadInput(settings) is { } bad)
        {
            Say($"[red]{bad}[/]");
            return CrawlExitCodes.BadInput;
        }

        ConsoleCancelEventHandler onCtrlC = (_, e) =>
        {
            // The runner stays up to stop the child and say what was done.
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCtrlC;
        try
        {
            var build = session.PoolFor(Use(settings), settings.Solution);
            stop.Token.ThrowIfCancellationRequested();
            return build is null ? CrawlExitCodes.PoolNotReady : Crawl(build, Whose(settings, settings.Solution ? "the reference" : "your"), settings);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            SayMarkup("[yellow]Stopped (Ctrl+C) before the crawl began.[/]");
            return CrawlExitCodes.Interrupted;
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }
    }

    /// <summary>Why <paramref name="settings"/> cannot be crawled, in one sentence, or null when they can.</summary>
    public static string? BadInput(CrawlSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Pages is < 1 or > MostPagesAllowed)
        {
            return $"--pages must be between 1 and {MostPagesAllowed:N0}, not {settings.Pages}.";
        }

        if (settings.MaxInFlight is < 1 or > MostInFlightAllowed)
        {
            return $"--max-in-flight must be between 1 and {MostInFlightAllowed} (a polite crawler asks for little at once), not {settings.MaxInFlight}.";
        }

        return Start(settings.Address, out var problem) is null ? problem : null;
    }

    /// <summary>The address to start from, or null with <paramref name="problem"/> saying why there is none.</summary>
    public static Uri? Start(string typed, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var text = typed.Trim();
        problem = null;
        if (text.Length == 0)
        {
            problem = "crawl needs an address to start from, such as http://localhost:8080/.";
            return null;
        }

        if (!text.Contains("://", StringComparison.Ordinal) && !text.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"'{text}' has no scheme: crawl starts from an http:// or https:// address (did you mean http://{text}?).";
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var address))
        {
            problem = $"'{text}' is not an address crawl can read.";
            return null;
        }

        if (address.Scheme is not ("http" or "https"))
        {
            problem = $"'{text}' is not a web address ({address.Scheme}:): crawl starts from an http:// or https:// address.";
            return null;
        }

        if (address.Host.Length == 0)
        {
            problem = $"'{text}' names no host.";
            return null;
        }

        return address;
    }

    private static string Whose(CrawlSettings settings, string whose) =>
        settings.Async ? $"{whose} AsyncWorkerPool (awaited HttpClient.SendAsync)" : $"{whose} WorkerPool (threads, blocking HttpClient.Send)";

    /// <summary>Crawls with the pool of the built koans <paramref name="build"/>, in an engine child; prints each page and the summary.</summary>
    /// <param name="build">The built koans (or solutions) whose pool crawls.</param>
    /// <param name="whosePool">Whose pool it is, for the first line (<c>your WorkerPool (…)</c>).</param>
    /// <param name="settings">What to crawl, and how.</param>
    public int Crawl(ProjectOutput build, string whosePool, CrawlSettings settings)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(settings);
        if (Start(settings.Address, out var problem) is not { } start)
        {
            Say($"[red]{problem}[/]");
            return CrawlExitCodes.BadInput;
        }

        Say($"Crawling [bold]{start}[/] with {whosePool}: at most {settings.MaxInFlight} request{(settings.MaxInFlight == 1 ? "" : "s")} at once, {settings.Pages} page{(settings.Pages == 1 ? "" : "s")}, same host only.");
        Say($"[grey]User-Agent: {PoliteCrawl.UserAgent}[/]");
        var clock = Stopwatch.StartNew();
        var tally = new CrawlTally(0, 0, 0, 1, 0, 0, 0);
        CrawlEnded? ended = null;
        string[] arguments =
        [
            settings.Async ? "async" : "threads", start.ToString(), Number(settings.Pages), Number(settings.MaxInFlight),
            Number(_limits.Page.TotalSeconds), Number(_limits.Total.TotalSeconds),
        ];
        PoolEnd end;
        try
        {
            end = PoolChild.Run(build, PoolHost.CrawlCommand, arguments, _limits.Total + TimeSpan.FromSeconds(15), report =>
            {
                switch (report)
                {
                    case CrawlBegun begun:
                        Say($"[grey]{begun.Robots}{(begun.Rules.Count > 0 ? ": " + string.Join(", ", begun.Rules) : "")}[/]");
                        break;
                    case CrawlPage page:
                        tally = page.Tally;
                        if (!(page.Address == start.ToString() && page.Outcome != CrawlOutcome.Page))
                        {
                            Print(page);
                        }

                        break;
                    case CrawlEnded last:
                        ended = last;
                        tally = last.Tally;
                        break;
                }
            }, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return Interrupted(clock.Elapsed, tally);
        }

        // On a terminal Ctrl+C reaches the child too, which may end before the runner hears of it.
        if (ended is null && !end.TimedOut && (end.ExitCode == CrawlExitCodes.Interrupted || stop.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(500))))
        {
            return Interrupted(clock.Elapsed, tally);
        }

        if (ended is null || !end.Succeeded)
        {
            SayMarkup(end.TimedOut
                ? $"[red]The crawl did not end within {_limits.Total.TotalMinutes:0.#} min and was stopped:[/] {Markup.Escape(Counts(tally))}."
                : "[red]The crawl's pool failed:[/]");
            if (end.Errors.Trim() is { Length: > 0 } errors)
            {
                SayMarkup(Markup.Escape(errors.Split('\n')[0].Trim()));
            }

            return CrawlExitCodes.PoolNotReady;
        }

        switch (ended.End)
        {
            case CrawlEnd.StartFailed:
                Say($"[red]{ended.Problem}[/]");
                return CrawlExitCodes.StartFailed;
            case CrawlEnd.PoolFailed:
                Say($"[red]{ended.Problem}[/]");
                Say($"{Counts(tally)}.");
                return CrawlExitCodes.PoolNotReady;
            case CrawlEnd.Budget:
                Say($"[green]The page budget ({settings.Pages}) is spent[/] after {tally.Seconds:0.0} s: {Counts(tally)} (--pages to crawl more).");
                break;
            case CrawlEnd.TimeLimit:
                Say($"[yellow]Time is up ({_limits.Total.TotalMinutes:0.#} min):[/] {Counts(tally)}.");
                break;
            default:
                Say($"[green]Done[/] in {tally.Seconds:0.0} s: {Counts(tally)}.");
                break;
        }

        Say($"[grey]At most {tally.MostInFlight} request{(tally.MostInFlight == 1 ? "" : "s")} in flight at once.[/]");
        return CrawlExitCodes.Crawled;
    }

    private int Interrupted(TimeSpan after, CrawlTally tally)
    {
        Say($"[yellow]Stopped (Ctrl+C) after {after.TotalSeconds:0.0} s:[/] {Counts(tally)}.");
        return CrawlExitCodes.Interrupted;
    }

    /// <summary>One page as a line: its status, its path, and what came of it.</summary>
    private void Print(CrawlPage page)
    {
        var path = Uri.TryCreate(page.Address, UriKind.Absolute, out var address) ? address.PathAndQuery : page.Address;
        var status = page.Status?.ToString(CultureInfo.InvariantCulture) ?? "---";
        var (colour, what) = page.Outcome switch
        {
            CrawlOutcome.Page => ("green", $"{Links(page.Links)}, {Size(page.Bytes)}, {page.Milliseconds:0} ms{(page.Note is { } note ? "; " + note : "")}"),
            CrawlOutcome.Failed => ("red", $"failed: {page.Note}"),
            _ => ("grey", page.Note ?? ""),
        };
        SayMarkup($"  [{colour}]{status}[/]  {Markup.Escape(path)}  [grey]{Markup.Escape(what)}[/]");
    }

    private static string Links(int links) => links == 1 ? "1 new link" : $"{links} new links";

    private static string Size(long bytes) => bytes >= 1024 ? $"{bytes / 1024.0:0.0} KB" : $"{bytes} bytes";

    /// <summary>What was done, as the summary says it.</summary>
    public static string Counts(CrawlTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return $"{Plural(tally.Fetched, "page")} fetched, {tally.NotHtml} not HTML, {tally.Failed} failed, {tally.Frontier} left in the frontier, {tally.KeptOut} kept out by robots.txt";
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>Writes a line whose arguments are text, not markup.</summary>
    private void Say(FormattableString line) => SayMarkup(line.ToString(EscapingFormat.Instance));

    /// <summary>Writes a line of markup: in colour on a terminal, as plain text, never wrapped, when the output is redirected.</summary>
    private void SayMarkup(string markup)
    {
        if (console.Profile.Capabilities.Ansi)
        {
            console.MarkupLine(markup);
        }
        else
        {
            console.Profile.Out.Writer.WriteLine(Markup.Remove(markup));
        }
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats each argument as the invariant culture writes it, escaped for markup.</summary>
    private sealed class EscapingFormat : IFormatProvider, ICustomFormatter
    {
        public static EscapingFormat Instance { get; } = new();

        public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : null;

        public string Format(string? format, object? arg, IFormatProvider? formatProvider) =>
            Markup.Escape(arg is IFormattable formattable ? formattable.ToString(format, CultureInfo.InvariantCulture) : arg?.ToString() ?? "");
    }
}
