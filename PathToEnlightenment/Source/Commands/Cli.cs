using System.CommandLine;
using Spectre.Console;

namespace ThreadingKoans.Runner.Commands;

/// <summary>
/// The runner's command line: the root command assembled from the verbs (see <see cref="IVerb"/>), what
/// it accepts, and the usage it prints for anything else. The repository a verb works on is found here,
/// once per command.
/// </summary>
internal static class Cli
{
    public const string Usage =
        "Usage: dotnet run --project PathToEnlightenment [-- [--watch] [--koan <Topic[.Koan]>] [--root <folder>]]\n" +
        "       dotnet run --project PathToEnlightenment -- hint | list | reset <Topic.Koan> | dir <Type> | help <Type.Member>\n" +
        "       dotnet run --project PathToEnlightenment -- demo [--solution] [--seconds <N>]\n" +
        "       dotnet run -c Release --project PathToEnlightenment -- bench [--quick]\n" +
        "       dotnet run --project PathToEnlightenment -- crawl <url> [--async] [--pages <N>] [--max-in-flight <N>] [--solution]";

    /// <summary>All a verb says, before exiting with <see cref="ExitCodes.KoansLeft"/>, when there is no repository to work on.</summary>
    public const string NoRepository = "No Koans folder was found here or above: run this from the ThreadingKoans folder, the one that holds Koans/.";

    /// <summary>Runs what <paramref name="args"/> ask for, on the repository at <c>--root</c> or around the working folder (<see cref="RepoLayout.For"/>).</summary>
    /// <inheritdoc cref="Run(string[], IAnsiConsole, IReadOnlyList{IVerb}, Func{string?, RepoLayout?})"/>
    public static int Run(string[] args, IAnsiConsole console, IReadOnlyList<IVerb> verbs) => Run(args, console, verbs, RepoLayout.For);

    /// <summary>Runs what <paramref name="args"/> ask for; returns the process's exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="console">Where the usage, the errors and the verbs write.</param>
    /// <param name="verbs">
    /// The runner's verbs, in the order their options and subcommands appear in <c>--help</c>. A
    /// <see cref="WalkCommand"/> is needed: it runs when no verb is named. <see cref="WatchCommand"/>
    /// needs the <see cref="KoanOnlyCommand"/> it was made with.
    /// </param>
    /// <param name="findRepository">The repository for the value of <c>--root</c> (null without it), or null when there is none.</param>
    public static int Run(string[] args, IAnsiConsole console, IReadOnlyList<IVerb> verbs, Func<string?, RepoLayout?> findRepository)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(verbs);
        ArgumentNullException.ThrowIfNull(findRepository);
        var walk = verbs.OfType<WalkCommand>().SingleOrDefault()
            ?? throw new ArgumentException("The runner's verbs need one WalkCommand: it runs when no verb is named.", nameof(verbs));
        var watch = verbs.OfType<WatchCommand>().SingleOrDefault();
        var koan = verbs.OfType<KoanOnlyCommand>().SingleOrDefault();

        // Hints have one way in, the hint command; the old flag says where to go.
        var hint = new Option<bool>("--hint") { Description = "Replaced by the hint command.", Hidden = true };
        var root = new Option<string?>("--root") { Description = "Use the ThreadingKoans folder at this path (default: the one around the current folder).", Recursive = true };
        var command = new RootCommand("Walks the path to enlightenment: builds your koans and shows the next one to meditate on.") { hint };
        foreach (var option in verbs.SelectMany(verb => verb.RootOptions))
        {
            command.Options.Add(option);
        }

        command.Options.Add(root);

        // The actions are set before parsing: a root command with subcommands and no action of its own
        // would make "no command" a parse error ("Required command was not provided").
        foreach (var verb in verbs)
        {
            if (verb.Describe() is { } subcommand)
            {
                subcommand.SetAction(parse => Execute(verb, parse));
                command.Subcommands.Add(subcommand);
            }
        }

        command.SetAction(parse =>
        {
            if (parse.GetValue(hint))
            {
                console.MarkupLine($"Hints have a command of their own: [bold]{Markup.Escape(Essentials.HintCommand)}[/] (ask again for a second, more concrete one).");
                return ExitCodes.Usage;
            }

            // The root command's forms: --watch (which may name a --koan to watch), else --koan, else the walk.
            IVerb form = watch is not null && watch.IsAskedFor(parse) ? watch
                : koan is not null && koan.IsAskedFor(parse) ? koan
                : walk;
            return Execute(form, parse);
        });
        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                console.MarkupLineInterpolated($"[red]{error.Message}[/]");
            }

            console.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = console.Profile.Out.Writer, Error = console.Profile.Out.Writer });

        // The one place the repository is found: once per command, for the verb that runs.
        int Execute(IVerb verb, ParseResult parse)
        {
            var layout = findRepository(parse.GetValue(root));
            if (layout is null && !verb.RunsWithoutRepository)
            {
                console.MarkupLine($"[red]{Markup.Escape(NoRepository)}[/]");
                return ExitCodes.KoansLeft;
            }

            return verb.Execute(parse, layout);
        }
    }
}
