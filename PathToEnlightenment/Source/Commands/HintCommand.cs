using System.CommandLine;

namespace ThreadingKoans.Runner.Commands;

/// <summary><c>hint</c>: the current koan's next hint.</summary>
/// <param name="hint">Shows the next hint on a repository (<see cref="KoanSession.Hint"/>).</param>
internal sealed class HintCommand(Func<RepoLayout, int> hint) : Verb<NoSettings>
{
    /// <inheritdoc/>
    public override Command Describe() => new("hint", "Show the current koan's first hint; ask again for the next, more concrete one.");

    /// <inheritdoc/>
    public override NoSettings Read(ParseResult parse) => new();

    /// <inheritdoc/>
    public override int Execute(NoSettings settings, RepoLayout layout) => hint(layout);
}
