using System.CommandLine;
using Spectre.Console;

namespace ThreadingKoans.Runner.Commands;

/// <summary>What the learner asked a walk along the path for.</summary>
/// <param name="Hint">Show the next koan's hints with it.</param>
/// <param name="Root">The repository to use instead of the one around the working folder.</param>
/// <param name="Koan">Run this koan or topic (<c>Topic</c> or <c>Topic.Koan</c>) first and show it, instead of the next one.</param>
internal sealed record RunRequest(bool Hint, string? Root, string? Koan = null);

/// <summary>The runner's commands, as <c>Program</c> composes them. Each returns the process's exit code.</summary>
/// <param name="Walk">No command: build, run, and show the next koan.</param>
/// <param name="Hint"><c>hint</c>: the current koan's next hint. Takes the root.</param>
/// <param name="List"><c>list</c>: the topics with done/total. Takes the root.</param>
/// <param name="Reset"><c>reset Topic.Koan</c>: that koan's original text back. Takes the koan and the root.</param>
/// <param name="Dir"><c>dir Type</c>: a type's public members. Takes the type and the root.</param>
/// <param name="Help"><c>help Type.Member</c>: a member's documentation. Takes the member and the root.</param>
/// <param name="Watch"><c>--watch</c>: the walk, then again after every save under <c>Koans/</c>, until Ctrl+C.</param>
/// <param name="Demo"><c>demo [--solution] [--seconds N]</c>: the learner's pool (or the reference one) at work, live.</param>
/// <param name="Bench"><c>bench [--quick]</c>: the reference pool against the ThreadPool and a thread per job.</param>
internal sealed record RunnerCommands(
    Func<RunRequest, int> Walk,
    Func<string?, int> Hint,
    Func<string?, int> List,
    Func<string, string?, int> Reset,
    Func<string, string?, int> Dir,
    Func<string, string?, int> Help,
    Func<RunRequest, int>? Watch = null,
    Func<DemoRequest, int>? Demo = null,
    Func<BenchRequest, int>? Bench = null);

/// <summary>The runner's command line: what it accepts, and the usage it prints for anything else.</summary>
internal static class Cli
{
    public const string Usage =
        "Usage: dotnet run --project PathToEnlightenment [-- [--watch] [--koan <Topic[.Koan]>] [--root <folder>]]\n" +
        "       dotnet run --project PathToEnlightenment -- hint | list | reset <Topic.Koan> | dir <Type> | help <Type.Member>\n" +
        "       dotnet run --project PathToEnlightenment -- demo [--solution] [--seconds <N>]\n" +
        "       dotnet run -c Release --project PathToEnlightenment -- bench [--quick]";

    public static int Run(string[] args, IAnsiConsole console, RunnerCommands commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        // Hints have one way in, the hint command; the old flag says where to go.
        var hint = new Option<bool>("--hint") { Description = "Replaced by the hint command.", Hidden = true };
        var watch = new Option<bool>("--watch") { Description = "Walk again after every save under Koans/, until Ctrl+C." };
        var koan = new Option<string?>("--koan") { Description = "Run this koan (Topic.Koan) or topic first and show it." };
        var root = new Option<string?>("--root") { Description = "Use the ThreadingKoans folder at this path (default: the one around the current folder).", Recursive = true };
        var resetKoan = new Argument<string>("Topic.Koan") { Description = "The koan whose original text to restore." };
        var type = new Argument<string>("type") { Description = "A type's name: string, Thread, System.Threading.Monitor, AboutThreads…" };
        var member = new Argument<string>("member") { Description = "A member's name: string.PadLeft, Thread.Join, Monitor.Wait…" };
        var hintCommand = new Command("hint", "Show the current koan's first hint; ask again for the next, more concrete one.");
        var listCommand = new Command("list", "List the topics with how many koans of each you have done.");
        var resetCommand = new Command("reset", "Put one koan back as it was, keeping your other answers.") { resetKoan };
        var dirCommand = new Command("dir", "List a type's public members, like Python's dir().") { type };
        var helpCommand = new Command("help", "Show a member's documentation, like Python's help().") { member };
        var solution = new Option<bool>("--solution") { Description = "Show the reference pool from Solutions instead of yours." };
        var seconds = new Option<double>("--seconds") { Description = "How long pages keep arriving (default 10).", DefaultValueFactory = _ => 10 };
        var quick = new Option<bool>("--quick") { Description = "Small workloads: check that everything runs." };
        var demoCommand = new Command("demo", "Watch your worker pool crawl: the queue, the workers and how it grows, live.") { solution, seconds };
        var benchCommand = new Command("bench", "Time the reference pool against the .NET ThreadPool and a thread per job.") { quick };
        var command = new RootCommand("Walks the path to enlightenment: builds your koans and shows the next one to meditate on.")
        {
            hint, watch, koan, root, hintCommand, listCommand, resetCommand, dirCommand, helpCommand, demoCommand, benchCommand,
        };

        // The actions are set before parsing: a root command with subcommands and no action of its own
        // would make "no command" a parse error ("Required command was not provided").
        command.SetAction(result =>
        {
            if (result.GetValue(hint))
            {
                console.MarkupLine($"Hints have a command of their own: [bold]{Markup.Escape(Essentials.HintCommand)}[/] (ask again for a second, more concrete one).");
                return ExitCodes.Usage;
            }

            var request = new RunRequest(Hint: false, result.GetValue(root), result.GetValue(koan));
            if (!result.GetValue(watch))
            {
                return commands.Walk(request);
            }

            return commands.Watch is { } watching
                ? watching(request)
                : throw new InvalidOperationException("--watch was given, but the runner was composed without a Watch command.");
        });
        hintCommand.SetAction(result => commands.Hint(result.GetValue(root)));
        listCommand.SetAction(result => commands.List(result.GetValue(root)));
        resetCommand.SetAction(result => commands.Reset(result.GetValue(resetKoan)!, result.GetValue(root)));
        dirCommand.SetAction(result => commands.Dir(result.GetValue(type)!, result.GetValue(root)));
        helpCommand.SetAction(result => commands.Help(result.GetValue(member)!, result.GetValue(root)));
        demoCommand.SetAction(result => (commands.Demo ?? throw new InvalidOperationException("demo was asked for, but the runner was composed without it."))(
            new DemoRequest(result.GetValue(solution), result.GetValue(seconds), result.GetValue(root))));
        benchCommand.SetAction(result => (commands.Bench ?? throw new InvalidOperationException("bench was asked for, but the runner was composed without it."))(
            new BenchRequest(result.GetValue(quick), result.GetValue(root))));
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
    }
}
