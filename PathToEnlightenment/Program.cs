using Spectre.Console;

var console = AnsiConsole.Console;

// Ctrl+C cancels this in watch mode (see WatchMode); a walk's build and koan host stop with it.
using var stop = new CancellationTokenSource();
var runner = new PathRunner(console, HostLimits.Default, buildLimit: TimeSpan.FromMinutes(5), cancel: stop.Token);

// Watch mode compiles in-process and keeps one koan host up between saves (see FastMeditation).
using var fast = new FastMeditation(console, HostLimits.Default, TimeSpan.FromMinutes(5), stop.Token);
var watching = new PathRunner(console, fast.Run, layout => new OriginalKoans(layout.Root).Find, TimeProvider.System);
var commands = new RunnerCommands(
    runner.Run,
    Hint: runner.Hint,
    List: runner.List,
    Reset: runner.Reset,
    Dir: new Lookup(console).Dir,
    Help: new Lookup(console).Help,
    Watch: request => new WatchMode(console, stop).Run(request, watching.Run),
    Demo: new PoolDemoCommand(console, HostLimits.Default, TimeSpan.FromMinutes(5), stop.Token).Run,
    Bench: new PoolBenchCommand(console, TimeSpan.FromMinutes(5), stop.Token).Run);
return Cli.Run(args, console, commands);
