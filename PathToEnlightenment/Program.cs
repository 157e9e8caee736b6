using Spectre.Console;

// The runner's executable is also the pool host, the child process that runs a learner's pool (demo, bench, crawl).
if (args is [PoolHost.Command, .. var poolCommand])
{
    return PoolHost.Run(poolCommand);
}

var console = AnsiConsole.Console;

// Ctrl+C cancels this in watch mode (see WatchMode); a walk's build and koan host stop with it.
using var stop = new CancellationTokenSource();
var limits = HostLimits.Default;
var buildLimit = TimeSpan.FromMinutes(5);

// The one way koans are built and run, for every command of this process; its koan host stops at the end.
using var runner = new KoanRunner(console, limits, buildLimit, stop.Token);
KoanSession Session(RepoLayout layout) => KoanSession.With(console, layout, runner);
var lookup = new Lookup(console);
var koan = new KoanOnlyCommand((layout, name) => Session(layout).Koan(name));
return Cli.Run(args, console,
[
    new WalkCommand(layout => Session(layout).Walk()),
    new WatchCommand(
        koan,
        new WatchMode(console, stop).Run,
        (layout, name) =>
        {
            var session = Session(layout);
            return name is null ? () => session.Walk() : () => session.Koan(name);
        },
        runner.Warm),
    koan,
    new HintCommand(layout => Session(layout).Hint()),
    new TimelineCommand((layout, name) => Session(layout).Timeline(name)),
    new ListCommand(layout => Session(layout).List()),
    new ResetCommand((layout, name) => Session(layout).Reset(name)),
    new DirCommand(lookup.Dir),
    new HelpCommand(lookup.Help),
    new DemoCommand(
        (layout, solution, seconds) => new PoolDemoCommand(console, stop.Token).Run(Session(layout), solution, seconds),
        (layout, solution, seconds) => new PoolDemoCommand(console, stop.Token).Run(Session(layout), solution, seconds, asyncPool: true)),
    new BenchCommand(new PoolBenchCommand(console, buildLimit, stop.Token).Run),
    new CrawlCommand((layout, settings) => new PoolCrawl(console, stop).Run(Session(layout), settings)),
]);
