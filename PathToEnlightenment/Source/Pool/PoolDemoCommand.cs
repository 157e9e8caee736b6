using Spectre.Console;
using ThreadingKoans.Engine.Web;

namespace ThreadingKoans.Runner.Pool;

/// <summary>
/// <c>demo</c>: the learner's own pool at work on a real crawl of a loopback site (started here, in the
/// runner's process), drawn live. It runs only once the pool koans up to the scaling ones pass (with
/// <c>--async</c>, the koans of the async pool), so that what the learner sees is their pool working, not a
/// blank failing; otherwise it names the koan to finish first. <c>--solution</c> shows the reference pool.
/// </summary>
internal sealed class PoolDemoCommand(IAnsiConsole console, CancellationToken cancel)
{
    /// <summary>What the demo of the pool of threads needs: a loop, waiting, monitoring and growth.</summary>
    public static PoolUse Use { get; } = new("for the demo", Async: false, PoolUse.PoolTopics, "demo --solution");

    /// <summary>What the async pool's demo needs: the channels that build <c>AsyncWorkerPool</c>.</summary>
    public static PoolUse AsyncUse { get; } = new("for the demo", Async: true, [PoolUse.AsyncPoolTopic], "demo --solution --async");

    /// <summary>How long the server takes over each page of the demo's site.</summary>
    public static TimeSpan Latency { get; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Every how many pages one links to a page that is not there: the demo's few failures.</summary>
    public const int BrokenLinkEvery = 37;

    /// <summary>The site's pages for a crawl of about <paramref name="seconds"/> at <see cref="PoolDemo.MostAtOnce"/> fetches at a time.</summary>
    public static int Pages(double seconds) => (int)Math.Clamp(seconds * PoolDemo.MostAtOnce / Latency.TotalSeconds * 0.8, 40, 200_000);

    /// <summary>Runs the demo in <paramref name="session"/>.</summary>
    /// <param name="session">The learner's session on the repository: it says whether the pool is ready.</param>
    /// <param name="solution">Show the reference pool from Solutions instead of the learner's.</param>
    /// <param name="seconds">About how long the crawl lasts: the site has that many seconds of pages.</param>
    /// <param name="asyncPool">Show the async pool (<c>AsyncWorkerPool</c>) crawling instead of the pool of threads.</param>
    public int Run(KoanSession session, bool solution, double seconds, bool asyncPool = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.PoolFor(asyncPool ? AsyncUse : Use, solution) is { } build
            ? Show(build, $"{(solution ? "The reference" : "Your")} {(asyncPool ? "async pool" : "pool")}", seconds, asyncPool)
            : ExitCodes.KoansLeft;
    }

    private int Show(ProjectOutput output, string whosePool, double seconds, bool asyncPool)
    {
        using var site = LoopbackSite.Start(new SiteOptions { Pages = Pages(seconds), Latency = Latency, BrokenLinkEvery = BrokenLinkEvery });
        string[] arguments = [site.Page("/pages/0").ToString(), .. asyncPool ? [PoolDemo.AsyncOption] : Array.Empty<string>()];
        var limit = TimeSpan.FromSeconds((seconds * 3) + 30);
        PoolEnd Crawl(Action<PoolEvent> onReport) => PoolChild.Run(output, PoolHost.DemoCommand, arguments, limit, onReport, cancel);
        bool finished;
        string done;
        PoolEnd end;
        if (asyncPool)
        {
            var view = new AsyncDemoView(whosePool);
            end = view.Show(console, onFrame => Crawl(report =>
            {
                if (report is AsyncDemoFrame frame)
                {
                    onFrame(frame);
                }
            }));
            finished = view.Latest is { Finished: true };
            done = view.Latest is { } last
                ? Invariant($"[green]{last.Completed + last.Failed} of {last.Found} pages done by {PoolDemo.MostAtOnce} readers[/] (at most {view.MostThreads} threads in the crawling process; the site runs in the runner).")
                : "";
        }
        else
        {
            var view = new DemoView(whosePool);
            end = view.Show(console, onFrame => Crawl(report =>
            {
                if (report is DemoFrame frame)
                {
                    onFrame(frame);
                }
            }));
            finished = view.Latest is { Finished: true };
            done = view.Latest is { } last
                ? Invariant($"[green]{last.Pool.Completed + last.Pool.Failed} of {last.Submitted} pages done by {last.Pool.Workers.Count} workers[/] (the pool started with 2 and grew when more than 10 waited).")
                : "";
        }

        if (end is { Succeeded: true } && finished)
        {
            console.MarkupLine(done);
            return ExitCodes.Done;
        }

        console.MarkupLine(end is { TimedOut: true }
            ? "[red]The demo's pool stopped answering and was stopped: is a worker, WaitForIdle or CompleteAsync waiting forever?[/]"
            : "[red]The demo's pool failed:[/]");
        if (end is { Errors.Length: > 0 } failed)
        {
            console.WriteLine(failed.Errors.TrimEnd());
        }

        return ExitCodes.KoansLeft;
    }

    private static string Invariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
