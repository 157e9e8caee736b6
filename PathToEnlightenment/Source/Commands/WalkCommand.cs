using System.CommandLine;

namespace ThreadingKoans.Runner.Commands;

/// <summary>No verb at all: a walk along the path (check the files, build, run, show the next koan).</summary>
/// <param name="run">A walk or a koan's run on a repository (<see cref="PathRunner.Run"/>); the walk is asked for with no koan.</param>
internal sealed class WalkCommand(Func<RepoLayout, string?, int> run) : Verb<NoSettings>
{
    /// <summary>None: the walk is the root command itself, asked for by no option.</summary>
    public override Command? Describe() => null;

    /// <inheritdoc/>
    public override NoSettings Read(ParseResult parse) => new();

    /// <inheritdoc/>
    public override int Execute(NoSettings settings, RepoLayout layout) => run(layout, null);
}
