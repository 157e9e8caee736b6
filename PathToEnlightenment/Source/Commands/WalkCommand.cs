using System.CommandLine;

namespace ThreadingKoans.Runner.Commands;

/// <summary>No verb at all: a walk along the path (check the files, build, run, show the next koan).</summary>
/// <param name="walk">A walk on a repository (<see cref="KoanSession.Walk"/>).</param>
internal sealed class WalkCommand(Func<RepoLayout, int> walk) : Verb<NoSettings>
{
    /// <summary>None: the walk is the root command itself, asked for by no option.</summary>
    public override Command? Describe() => null;

    /// <inheritdoc/>
    public override NoSettings Read(ParseResult parse) => new();

    /// <inheritdoc/>
    public override int Execute(NoSettings settings, RepoLayout layout) => walk(layout);
}
