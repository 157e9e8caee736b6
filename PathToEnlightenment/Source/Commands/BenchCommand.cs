using System.CommandLine;

namespace ThreadingKoans.Runner.Commands;

/// <summary>What <c>bench</c> asked for.</summary>
/// <param name="Quick">Small workloads: a check that every contender runs, not a measurement.</param>
internal sealed record BenchSettings(bool Quick);

/// <summary><c>bench [--quick]</c>: the reference pool against the .NET ThreadPool and a thread per job.</summary>
/// <param name="bench">Runs the benchmark on a repository, quick or not (<see cref="PoolBenchCommand.Run"/>).</param>
internal sealed class BenchCommand(Func<RepoLayout, bool, int> bench) : Verb<BenchSettings>
{
    private readonly Option<bool> _quick = new("--quick") { Description = "Small workloads: check that everything runs." };

    /// <inheritdoc/>
    public override Command Describe() => new("bench", "Time the reference pool against the .NET ThreadPool and a thread per job.") { _quick };

    /// <inheritdoc/>
    public override BenchSettings Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new(parse.GetValue(_quick));
    }

    /// <inheritdoc/>
    public override int Execute(BenchSettings settings, RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return bench(layout, settings.Quick);
    }
}
