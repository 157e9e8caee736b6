using Spectre.Console;
using ThreadingKoans.Runner;

var console = AnsiConsole.Console;
var runner = new PathRunner(console, HostLimits.Default, buildLimit: TimeSpan.FromMinutes(5));
return Cli.Run(args, console, runner.Run);
