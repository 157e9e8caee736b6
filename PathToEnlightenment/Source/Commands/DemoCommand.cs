using System.CommandLine;

namespace ThreadingKoans.Runner.Commands;

/// <summary>What <c>demo</c> asked for.</summary>
/// <param name="Solution">Show the reference pool from Solutions instead of the learner's.</param>
/// <param name="Seconds">About how long the crawl lasts.</param>
/// <param name="Async">Show the async pool instead of the pool of threads.</param>
internal sealed record DemoSettings(bool Solution, double Seconds, bool Async = false);

/// <summary><c>demo [--solution] [--async] [--seconds N]</c>: the learner's pool (or the reference one) crawling a loopback site, live.</summary>
/// <param name="demo">Runs the demo on a repository: whether the reference pool, and for about how many seconds (<see cref="PoolDemoCommand.Run"/>).</param>
/// <param name="asyncDemo">Runs the async pool's demo the same way; without it <c>--async</c> is refused.</param>
internal sealed class DemoCommand(Func<RepoLayout, bool, double, int> demo, Func<RepoLayout, bool, double, int>? asyncDemo = null) : Verb<DemoSettings>
{
    private readonly Option<bool> _async = new("--async") { Description = "Watch your async pool (AsyncWorkerPool, topic 21) crawl instead: fetches in flight, threads." };
    private readonly Option<bool> _solution = new("--solution") { Description = "Show the reference pool from Solutions instead of yours." };
    private readonly Option<double> _seconds = new("--seconds") { Description = "About how long the crawl lasts (default 10).", DefaultValueFactory = _ => 10 };

    /// <inheritdoc/>
    public override Command Describe() => new("demo", "Watch your worker pool crawl a web site: the queue, the workers and how it grows, live.") { _solution, _async, _seconds };

    /// <inheritdoc/>
    public override DemoSettings Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new(parse.GetValue(_solution), parse.GetValue(_seconds), parse.GetValue(_async));
    }

    /// <inheritdoc/>
    public override int Execute(DemoSettings settings, RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.Async)
        {
            return demo(layout, settings.Solution, settings.Seconds);
        }

        if (asyncDemo is null)
        {
            Console.Error.WriteLine("demo --async is not available here.");
            return ExitCodes.Usage;
        }

        return asyncDemo(layout, settings.Solution, settings.Seconds);
    }
}
