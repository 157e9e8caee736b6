using System.CommandLine;

namespace ThreadingKoans.Runner.Commands;

/// <summary>What <c>--koan</c> asked for.</summary>
/// <param name="Koan">The koan or topic to run on its own: <c>Topic</c> or <c>Topic.Koan</c>.</param>
internal sealed record KoanSettings(string Koan);

/// <summary>
/// <c>--koan Topic[.Koan]</c>: that koan or topic alone, every koan of it, shown instead of the next one. Named so
/// beside the engine's <c>ThreadingKoans.Engine.KoanCommand</c>, which runs one koan inside the host.
/// </summary>
/// <param name="run">A koan's or topic's run on a repository (<see cref="KoanSession.Koan"/>).</param>
internal sealed class KoanOnlyCommand(Func<RepoLayout, string, int> run) : Verb<KoanSettings>
{
    private readonly Option<string?> _koan = new("--koan") { Description = "Run this koan (Topic.Koan) or topic first and show it." };

    /// <inheritdoc/>
    public override IReadOnlyList<Option> RootOptions => [_koan];

    /// <summary>None: <c>--koan</c> is an option of the root command.</summary>
    public override Command? Describe() => null;

    /// <summary>The koan or topic that <c>--koan</c> names in <paramref name="parse"/>, or null without it (<see cref="WatchCommand"/> reads it too).</summary>
    public string? Named(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(_koan);
    }

    /// <summary>Whether <paramref name="parse"/> asks for a koan or topic alone.</summary>
    public bool IsAskedFor(ParseResult parse) => Named(parse) is not null;

    /// <inheritdoc/>
    public override KoanSettings Read(ParseResult parse) =>
        new(Named(parse) ?? throw new InvalidOperationException("--koan was not given, so there is no koan to run alone."));

    /// <inheritdoc/>
    public override int Execute(KoanSettings settings, RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return run(layout, settings.Koan);
    }
}
