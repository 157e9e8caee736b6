using System.CommandLine;

namespace ThreadingKoans.Runner.Commands;

/// <summary>What <c>timeline</c> asked for.</summary>
/// <param name="Koan">The koan to draw (<c>Topic.Koan</c>), or null for the one the learner is on.</param>
internal sealed record TimelineSettings(string? Koan);

/// <summary>
/// <c>timeline [Topic.Koan]</c>: runs the koan the learner is on (or the one named, a koan already passed, say) once more
/// and draws what its threads did, one lane per thread (see <see cref="KoanSession.Timeline"/>).
/// </summary>
/// <param name="timeline">Draws a koan's timeline on a repository.</param>
internal sealed class TimelineCommand(Func<RepoLayout, string?, int> timeline) : Verb<TimelineSettings>
{
    private readonly Argument<string?> _koan = new("Topic.Koan") { Description = "The koan to draw; without it, the one you are on.", Arity = ArgumentArity.ZeroOrOne };

    /// <inheritdoc/>
    public override Command Describe() => new("timeline", "Run the koan once more and draw what each of its threads did, in the order they did it.") { _koan };

    /// <inheritdoc/>
    public override TimelineSettings Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new(parse.GetValue(_koan));
    }

    /// <inheritdoc/>
    public override int Execute(TimelineSettings settings, RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return timeline(layout, settings.Koan);
    }
}
