using System.CommandLine;

namespace ThreadingKoans.Runner.Commands;

/// <summary>What <c>demo</c> asked for.</summary>
/// <param name="Solution">Show the reference pool from Solutions instead of the learner's.</param>
/// <param name="Seconds">How long pages keep arriving.</param>
internal sealed record DemoSettings(bool Solution, double Seconds);

/// <summary><c>demo [--solution] [--seconds N]</c>: the learner's pool (or the reference one) at work on a crawl, live.</summary>
/// <param name="demo">Runs the demo on a repository: whether the reference pool, and for how many seconds (<see cref="PoolDemoCommand.Run"/>).</param>
internal sealed class DemoCommand(Func<RepoLayout, bool, double, int> demo) : Verb<DemoSettings>
{
    private readonly Option<bool> _solution = new("--solution") { Description = "Show the reference pool from Solutions instead of yours." };
    private readonly Option<double> _seconds = new("--seconds") { Description = "How long pages keep arriving (default 10).", DefaultValueFactory = _ => 10 };

    /// <inheritdoc/>
    public override Command Describe() => new("demo", "Watch your worker pool crawl: the queue, the workers and how it grows, live.") { _solution, _seconds };

    /// <inheritdoc/>
    public override DemoSettings Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new(parse.GetValue(_solution), parse.GetValue(_seconds));
    }

    /// <inheritdoc/>
    public override int Execute(DemoSettings settings, RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return demo(layout, settings.Solution, settings.Seconds);
    }
}
