using System.CommandLine;

namespace ThreadingKoans.Runner.Commands;

/// <summary>What <c>dir</c> asked for.</summary>
/// <param name="Type">The type's name, as the learner typed it: <c>string</c>, <c>Thread</c>, <c>System.Threading.Monitor</c>.</param>
internal sealed record DirSettings(string Type);

/// <summary>
/// <c>dir Type</c>: a type's public members, like Python's <c>dir()</c>. It runs without a repository too:
/// it then searches .NET alone, and says so when the type is not found.
/// </summary>
/// <param name="dir">Lists a type's members, searching a repository's built koans when there is one (<see cref="Lookup.Lookup.Dir"/>).</param>
internal sealed class DirCommand(Func<RepoLayout?, string, int> dir) : Verb<DirSettings>
{
    private readonly Argument<string> _type = new("type") { Description = "A type's name: string, Thread, System.Threading.Monitor, AboutThreads…" };

    /// <inheritdoc/>
    public override bool RunsWithoutRepository => true;

    /// <inheritdoc/>
    public override Command Describe() => new("dir", "List a type's public members, like Python's dir().") { _type };

    /// <inheritdoc/>
    public override DirSettings Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new(parse.GetRequiredValue(_type));
    }

    /// <inheritdoc/>
    public override int Execute(DirSettings settings, RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return dir(layout, settings.Type);
    }

    /// <inheritdoc/>
    public override int ExecuteWithoutRepository(DirSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return dir(null, settings.Type);
    }
}
