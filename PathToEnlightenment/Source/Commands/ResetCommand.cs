using System.CommandLine;

namespace ThreadingKoans.Runner.Commands;

/// <summary>What <c>reset</c> asked for.</summary>
/// <param name="Koan">The koan to put back: <c>Topic.Koan</c>.</param>
internal sealed record ResetSettings(string Koan);

/// <summary><c>reset Topic.Koan</c>: that koan's original text back, the learner's other answers kept.</summary>
/// <param name="reset">Puts a koan of a repository back (<see cref="KoanSession.Reset"/>).</param>
internal sealed class ResetCommand(Func<RepoLayout, string, int> reset) : Verb<ResetSettings>
{
    private readonly Argument<string> _koan = new("Topic.Koan") { Description = "The koan whose original text to restore." };

    /// <inheritdoc/>
    public override Command Describe() => new("reset", "Put one koan back as it was, keeping your other answers.") { _koan };

    /// <inheritdoc/>
    public override ResetSettings Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new(parse.GetRequiredValue(_koan));
    }

    /// <inheritdoc/>
    public override int Execute(ResetSettings settings, RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return reset(layout, settings.Koan);
    }
}
