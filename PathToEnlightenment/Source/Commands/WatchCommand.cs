using System.CommandLine;

namespace ThreadingKoans.Runner.Commands;

/// <summary>What <c>--watch</c> asked for.</summary>
/// <param name="Koan">With <c>--koan</c>, the koan or topic to run on its own at every save; null for the walk.</param>
internal sealed record WatchSettings(string? Koan);

/// <summary>
/// <c>--watch</c>: the walk (or with <c>--koan</c>, that koan or topic alone), then again after every save
/// under <c>Koans/</c>, until Ctrl+C.
/// </summary>
/// <param name="koan">The <c>--koan</c> verb, whose option says what each run of watch mode runs.</param>
/// <param name="watch">Watches a repository's koans, running its second argument first and again after every save (<see cref="WatchMode.Run"/>).</param>
/// <param name="session">
/// The watch's one session on a repository, as the walk (or with a koan's name, that koan's run) it repeats
/// after every save (<see cref="KoanSession.Walk"/>, <see cref="KoanSession.Koan"/>).
/// </param>
/// <param name="warm">Called once after the first walk: makes the next ones quick (<see cref="KoanRunner.Warm"/>).</param>
internal sealed class WatchCommand(KoanOnlyCommand koan, Func<RepoLayout, Func<int>, int> watch, Func<RepoLayout, string?, Func<int>> session, Action warm) : Verb<WatchSettings>
{
    private readonly Option<bool> _watch = new("--watch") { Description = "Walk again after every save under Koans/, until Ctrl+C." };

    /// <inheritdoc/>
    public override IReadOnlyList<Option> RootOptions => [_watch];

    /// <summary>None: <c>--watch</c> is an option of the root command.</summary>
    public override Command? Describe() => null;

    /// <summary>Whether <paramref name="parse"/> asks for watch mode.</summary>
    public bool IsAskedFor(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(_watch);
    }

    /// <inheritdoc/>
    public override WatchSettings Read(ParseResult parse) => new(koan.Named(parse));

    /// <inheritdoc/>
    public override int Execute(WatchSettings settings, RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var walk = session(layout, settings.Koan);
        var walks = 0;
        return watch(layout, () =>
        {
            var exit = walk();
            if (walks++ == 0)
            {
                warm();
            }

            return exit;
        });
    }
}
