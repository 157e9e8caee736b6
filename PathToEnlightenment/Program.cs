using Spectre.Console;

var console = AnsiConsole.Console;

// Ctrl+C cancels this in watch mode (see WatchMode); a walk's build and koan host stop with it.
using var stop = new CancellationTokenSource();
var limits = HostLimits.Default;
var buildLimit = TimeSpan.FromMinutes(5);
var clock = TimeProvider.System;
var runner = new PathRunner(console, limits, buildLimit, clock, stop.Token);

// Watch mode compiles in-process and keeps one koan host up between saves (see FastMeditation).
using var fast = new FastMeditation(console, limits, buildLimit, stop.Token);
var watching = new PathRunner(console, fast.Run, layout => new OriginalKoans(layout.Root).Find, clock);
var lookup = new Lookup(console);
var koan = new KoanOnlyCommand(runner.Run);
return Cli.Run(args, console,
[
    new WalkCommand(runner.Run),
    new WatchCommand(koan, new WatchMode(console, stop).Run, watching.Run),
    koan,
    new HintCommand(runner.Hint),
    new ListCommand(runner.List),
    new ResetCommand(runner.Reset),
    new DirCommand(lookup.Dir),
    new HelpCommand(lookup.Help),
    new DemoCommand(new PoolDemoCommand(console, limits, buildLimit, stop.Token).Run),
    new BenchCommand(new PoolBenchCommand(console, buildLimit, stop.Token).Run),
]);
