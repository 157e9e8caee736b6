using System.CommandLine;

namespace ThreadingKoans.Runner.Commands;

/// <summary>What <c>help</c> asked for.</summary>
/// <param name="Member">The member or type, as the learner typed it: <c>string.PadLeft</c>, <c>Thread.Join</c>, <c>Monitor</c>.</param>
internal sealed record HelpSettings(string Member);

/// <summary>
/// <c>help Type.Member</c>: a member's documentation, like Python's <c>help()</c>. It runs without a
/// repository too: it then searches .NET alone, and says so when the type is not found.
/// </summary>
/// <param name="help">Shows a member's documentation, searching a repository's built koans when there is one (<see cref="Lookup.Lookup.Help"/>).</param>
internal sealed class HelpCommand(Func<RepoLayout?, string, int> help) : Verb<HelpSettings>
{
    private readonly Argument<string> _member = new("member") { Description = "A member's name: string.PadLeft, Thread.Join, Monitor.Wait…" };

    /// <inheritdoc/>
    public override bool RunsWithoutRepository => true;

    /// <inheritdoc/>
    public override Command Describe() => new("help", "Show a member's documentation, like Python's help().") { _member };

    /// <inheritdoc/>
    public override HelpSettings Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new(parse.GetRequiredValue(_member));
    }

    /// <inheritdoc/>
    public override int Execute(HelpSettings settings, RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return help(layout, settings.Member);
    }

    /// <inheritdoc/>
    public override int ExecuteWithoutRepository(HelpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return help(null, settings.Member);
    }
}
