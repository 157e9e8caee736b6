using System.CommandLine;
using Spectre.Console;

namespace ThreadingKoans.Runner;

/// <summary>The runner's command line: what it accepts, and the usage it prints for anything else.</summary>
internal static class Cli
{
    public static int Run(string[] args, IAnsiConsole console, Func<RunRequest, int> walk)
    {
        var hint = new Option<bool>("--hint") { Description = "Show a nudge for the koan you are on." };
        var root = new Option<string?>("--root") { Description = "Use the ThreadingKoans folder at this path (default: the one around the current folder)." };
        var command = new RootCommand("Walks the path to enlightenment: builds your koans and shows the next one to meditate on.")
        {
            hint,
            root,
        };
        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                console.MarkupLineInterpolated($"[red]{error.Message}[/]");
            }

            console.WriteLine("Usage: dotnet run --project PathToEnlightenment [-- --hint] [-- --root <folder>] [-- --help]");
            return ExitCodes.Usage;
        }

        command.SetAction(result => walk(new RunRequest(result.GetValue(hint), result.GetValue(root))));
        return parsed.Invoke(new InvocationConfiguration { Output = console.Profile.Out.Writer, Error = console.Profile.Out.Writer });
    }
}
