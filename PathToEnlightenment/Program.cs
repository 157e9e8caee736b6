using Spectre.Console;

var console = AnsiConsole.Console;

// Ctrl+C cancels this in watch mode (see WatchMode); a walk's build and koan host stop with it.
using var stop = new CancellationTokenSource();
using var runner = new KoanRunner(console, HostLimits.Default, TimeSpan.FromMinutes(5), stop.Token);
KoanSession? Session(string? root)
{
    if (RepoLayout.For(root) is not { } layout)
    {
        console.MarkupLine("[red]No Koans folder was found here or above: run this from the ThreadingKoans folder, the one that holds Koans/.[/]");
        return null;
    }

    return new KoanSession(console, layout, runner.Run, new OriginalKoans(layout.Root).Find, TimeProvider.System);
}

var commands = new RunnerCommands(
    request => Session(request.Root) is { } session ? (request.Koan is { } koan ? session.Koan(koan) : session.Walk()) : ExitCodes.KoansLeft,
    Hint: root => Session(root)?.Hint() ?? ExitCodes.KoansLeft,
    List: root => Session(root)?.List() ?? ExitCodes.KoansLeft,
    Reset: (koan, root) => Session(root)?.Reset(koan) ?? ExitCodes.KoansLeft,
    Dir: new Lookup(console).Dir,
    Help: new Lookup(console).Help,
    Watch: request => Session(request.Root) is { } session
        ? new WatchMode(console, stop).Run(request, _ => session.Walk())
        : ExitCodes.KoansLeft,
    Demo: new PoolDemoCommand(console, HostLimits.Default, TimeSpan.FromMinutes(5), stop.Token).Run,
    Bench: new PoolBenchCommand(console, TimeSpan.FromMinutes(5), stop.Token).Run);
return Cli.Run(args, console, commands);
