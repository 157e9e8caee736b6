using System.CommandLine;

namespace ThreadingKoans.Runner.Commands;

/// <summary>
/// One verb of the runner's command line, in the manner of Spectre.Console.Cli: it declares its own
/// symbols, reads its typed settings from what was parsed, and executes them on the repository that
/// <see cref="Cli"/> found for it. Each verb derives from <see cref="Verb{TSettings}"/>.
/// </summary>
internal interface IVerb
{
    /// <summary>Whether the verb runs where no repository was found (<c>dir</c> and <c>help</c> then search .NET alone); <see cref="Cli"/> runs the others only on one.</summary>
    bool RunsWithoutRepository { get; }

    /// <summary>The options the verb adds to the root command: those that ask for a form of the root command (<c>--watch</c>, <c>--koan</c>).</summary>
    IReadOnlyList<Option> RootOptions { get; }

    /// <summary>
    /// The verb's subcommand: its word, its description, its arguments and options. Null for a form of the
    /// root command, which has no word of its own (a walk, <c>--watch</c>, <c>--koan</c>).
    /// </summary>
    Command? Describe();

    /// <summary>Reads the verb's settings from <paramref name="parse"/> and executes them on <paramref name="layout"/>, null only when <see cref="RunsWithoutRepository"/>.</summary>
    int Execute(ParseResult parse, RepoLayout? layout);
}

/// <summary>A verb whose settings are a <typeparamref name="TSettings"/>, read from the symbols it declares.</summary>
/// <typeparam name="TSettings">The verb's settings: a small record of what the learner asked.</typeparam>
internal abstract class Verb<TSettings> : IVerb
{
    /// <inheritdoc/>
    public virtual bool RunsWithoutRepository => false;

    /// <inheritdoc/>
    public virtual IReadOnlyList<Option> RootOptions => [];

    /// <inheritdoc/>
    public abstract Command? Describe();

    /// <summary>The verb's settings, from the values of its symbols in <paramref name="parse"/>.</summary>
    public abstract TSettings Read(ParseResult parse);

    /// <summary>Does what <paramref name="settings"/> ask on the repository <paramref name="layout"/>; returns the process's exit code.</summary>
    public abstract int Execute(TSettings settings, RepoLayout layout);

    /// <summary>Does what <paramref name="settings"/> ask where no repository was found; only a verb that <see cref="RunsWithoutRepository"/> is asked to.</summary>
    public virtual int ExecuteWithoutRepository(TSettings settings) =>
        throw new InvalidOperationException($"{GetType().Name} runs only on a repository, and none was found.");

    /// <inheritdoc/>
    int IVerb.Execute(ParseResult parse, RepoLayout? layout)
    {
        var settings = Read(parse);
        return layout is null ? ExecuteWithoutRepository(settings) : Execute(settings, layout);
    }
}

/// <summary>The settings of a verb that takes none (a walk, <c>hint</c>, <c>list</c>), like Spectre.Console.Cli's <c>EmptyCommandSettings</c>.</summary>
internal sealed record NoSettings;

/// <summary>A verb that is one word and takes nothing more (<c>hint</c>, <c>list</c>).</summary>
/// <param name="word">The verb's word.</param>
/// <param name="description">What it does, for the usage.</param>
/// <param name="run">Does it on a repository.</param>
internal abstract class WordVerb(string word, string description, Func<RepoLayout, int> run) : Verb<NoSettings>
{
    /// <inheritdoc/>
    public override Command Describe() => new(word, description);

    /// <inheritdoc/>
    public override NoSettings Read(ParseResult parse) => new();

    /// <inheritdoc/>
    public override int Execute(NoSettings settings, RepoLayout layout) => run(layout);
}
