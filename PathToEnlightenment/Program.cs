using Spectre.Console;
using ThreadingKoans.Runner;

var console = AnsiConsole.Console;
var runner = new PathRunner(console, HostLimits.Default, buildLimit: TimeSpan.FromMinutes(5));
var commands = new RunnerCommands(
    runner.Run,
    Hint: runner.Hint,
    List: runner.List,
    Reset: runner.Reset,
    Dir: new Lookup(console).Dir,
    Help: new Lookup(console).Help);
return Cli.Run(args, console, commands);
