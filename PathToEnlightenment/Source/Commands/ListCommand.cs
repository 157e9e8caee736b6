using System.CommandLine;

namespace ThreadingKoans.Runner.Commands;

/// <summary><c>list</c>: the topics, each with its koans done of its koans.</summary>
/// <param name="list">Lists the topics of a repository (<see cref="KoanSession.List"/>).</param>
internal sealed class ListCommand(Func<RepoLayout, int> list) : Verb<NoSettings>
{
    /// <inheritdoc/>
    public override Command Describe() => new("list", "List the topics with how many koans of each you have done.");

    /// <inheritdoc/>
    public override NoSettings Read(ParseResult parse) => new();

    /// <inheritdoc/>
    public override int Execute(NoSettings settings, RepoLayout layout) => list(layout);
}
