using System.CommandLine;
using Spectre.Console.Testing;

namespace ThreadingKoans.Tests;

/// <summary>
/// The command line: what the runner accepts, which verb each form reaches with which settings, the
/// repository found once for it, and the usage it gives for the rest. The verbs are the real ones, given
/// work that only records what it was asked.
/// </summary>
[TestFixture]
public sealed class CliTests
{
    /// <summary>The repository the tests' finder gives when no <c>--root</c> is given.</summary>
    private const string Here = "/here";

    private readonly List<string> _calls = [];
    private readonly List<string?> _searches = [];

    /// <summary>NUnit runs every test of a fixture on one instance: each test starts with no calls.</summary>
    [SetUp]
    public void ForgetTheCalls()
    {
        _calls.Clear();
        _searches.Clear();
    }

    [Test]
    public void AnUnknownOptionGetsUsageAndExitCodeTwo()
    {
        var console = new TestConsole();
        Run(console, "--frobnicate").ShouldBe(ExitCodes.Usage);
        console.Output.ShouldContain("Unrecognized command or argument '--frobnicate'.");
        console.Output.ShouldContain("Usage: dotnet run --project PathToEnlightenment");
        _calls.ShouldBeEmpty();
        _searches.ShouldBeEmpty();
    }

    [Test]
    public void AnUnknownCommandGetsUsageAndExitCodeTwo()
    {
        var console = new TestConsole();
        Run(console, "enlighten").ShouldBe(ExitCodes.Usage);
        console.Output.ShouldContain("Unrecognized command or argument 'enlighten'.");
        _calls.ShouldBeEmpty();
    }

    [Test]
    public void ACommandMissingItsArgumentGetsUsageAndExitCodeTwo()
    {
        var console = new TestConsole();
        Run(console, "dir").ShouldBe(ExitCodes.Usage);
        console.Output.ShouldContain("Usage:");
        _calls.ShouldBeEmpty();
    }

    [Test]
    public void TheOldHintFlagPointsToTheHintCommand()
    {
        var console = new TestConsole().Width(200);
        Run(console, "--hint").ShouldBe(ExitCodes.Usage);
        console.Output.ShouldContain("dotnet run --project PathToEnlightenment -- hint");
        _calls.ShouldBeEmpty();
    }

    [TestCase("", "walk /here")]
    [TestCase("--root /tmp/x", "walk /tmp/x")]
    [TestCase("--root /tmp/x --koan AboutThreads", "koan AboutThreads /tmp/x")]
    [TestCase("--koan AboutThreads.JoinWaitsForAThreadToFinish", "koan AboutThreads.JoinWaitsForAThreadToFinish /here")]
    [TestCase("hint", "hint /here")]
    [TestCase("list --root /r", "list /r")]
    [TestCase("reset AboutThreads.JoinWaitsForAThreadToFinish", "reset AboutThreads.JoinWaitsForAThreadToFinish /here")]
    [TestCase("dir string", "dir string /here")]
    [TestCase("help Thread.Join --root /r", "help Thread.Join /r")]
    [TestCase("demo", "demo solution=False seconds=10 /here")]
    [TestCase("demo --solution --seconds 3", "demo solution=True seconds=3 /here")]
    [TestCase("bench", "bench quick=False /here")]
    [TestCase("bench --quick --root /r", "bench quick=True /r")]
    public void EachFormReachesItsVerbOnTheRepositoryFoundOnce(string args, string call)
    {
        ArgumentNullException.ThrowIfNull(args);
        Run(new TestConsole(), args).ShouldBe(0);
        _calls.ShouldBe([call]);
        _searches.Count.ShouldBe(1);
    }

    [Test]
    public void WatchRunsTheWalkOnTheRepositoryFoundOnce()
    {
        Run(new TestConsole(), "--watch --root /tmp/x").ShouldBe(0);
        _calls.ShouldBe(["watch /tmp/x", "walk /tmp/x", "warm"]);
        _searches.ShouldBe(["/tmp/x"]);
    }

    [Test]
    public void WatchWithAKoanRunsThatKoanAtEverySave()
    {
        Run(new TestConsole(), "--koan AboutThreads --watch").ShouldBe(0);
        _calls.ShouldBe(["watch /here", "koan AboutThreads /here", "warm"]);
        _searches.ShouldBe([null]);
    }

    [TestCase("")]
    [TestCase("--watch")]
    [TestCase("--koan AboutThreads")]
    [TestCase("hint")]
    [TestCase("list")]
    [TestCase("reset AboutThreads.JoinWaitsForAThreadToFinish")]
    [TestCase("demo --solution")]
    [TestCase("bench --quick")]
    public void WithoutARepositoryAVerbSaysSoInOneWayAndExitsWithOne(string args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var console = new TestConsole().Width(200);
        Cli.Run(Split(args), console, Recording(), Nowhere).ShouldBe(ExitCodes.KoansLeft);
        console.Output.Trim().ShouldBe("No Koans folder was found here or above: run this from the ThreadingKoans folder, the one that holds Koans/.");
        _calls.ShouldBeEmpty();
    }

    [TestCase("dir Thread", "dir Thread (no repository)")]
    [TestCase("help Thread.Join", "help Thread.Join (no repository)")]
    public void DirAndHelpRunWithoutARepository(string args, string call)
    {
        ArgumentNullException.ThrowIfNull(args);
        var console = new TestConsole();
        Cli.Run(Split(args), console, Recording(), Nowhere).ShouldBe(0);
        console.Output.ShouldBeEmpty();
        _calls.ShouldBe([call]);
    }

    [Test]
    public void EachVerbReadsItsTypedSettings()
    {
        var verbs = Recording();
        Settings<ResetCommand, ResetSettings>(verbs, "reset AboutThreads.JoinWaitsForAThreadToFinish").ShouldBe(new ResetSettings("AboutThreads.JoinWaitsForAThreadToFinish"));
        Settings<DirCommand, DirSettings>(verbs, "dir List<T>").ShouldBe(new DirSettings("List<T>"));
        Settings<HelpCommand, HelpSettings>(verbs, "help Monitor.Wait").ShouldBe(new HelpSettings("Monitor.Wait"));
        Settings<DemoCommand, DemoSettings>(verbs, "demo --seconds 2.5").ShouldBe(new DemoSettings(Solution: false, Seconds: 2.5));
        Settings<BenchCommand, BenchSettings>(verbs, "bench --quick").ShouldBe(new BenchSettings(Quick: true));
        Settings<KoanOnlyCommand, KoanSettings>(verbs, "--koan AboutStrings").ShouldBe(new KoanSettings("AboutStrings"));
        Settings<WatchCommand, WatchSettings>(verbs, "--watch").ShouldBe(new WatchSettings(Koan: null));
        Settings<WatchCommand, WatchSettings>(verbs, "--watch --koan AboutStrings").ShouldBe(new WatchSettings("AboutStrings"));
        Settings<HintCommand, NoSettings>(verbs, "hint").ShouldBe(new NoSettings());
    }

    [Test]
    public void TheVerbsNeedAWalk() =>
        Should.Throw<ArgumentException>(() => Cli.Run([], new TestConsole(), [.. Recording().Where(verb => verb is not WalkCommand)]));

    /// <summary>The settings <typeparamref name="TVerb"/> of <paramref name="verbs"/> reads from <paramref name="args"/>, parsed as <see cref="Cli"/> would.</summary>
    private static TSettings Settings<TVerb, TSettings>(IReadOnlyList<IVerb> verbs, string args)
        where TVerb : Verb<TSettings>
    {
        // With subcommands and no action of its own, the root command would need one of them.
        var root = new RootCommand();
        root.SetAction(_ => 0);
        foreach (var verb in verbs)
        {
            foreach (var option in verb.RootOptions)
            {
                root.Options.Add(option);
            }

            if (verb.Describe() is { } subcommand)
            {
                root.Subcommands.Add(subcommand);
            }
        }

        var parse = root.Parse(Split(args));
        parse.Errors.ShouldBeEmpty();
        return verbs.OfType<TVerb>().Single().Read(parse);
    }

    private int Run(TestConsole console, string args) => Cli.Run(Split(args), console, Recording(), Find);

    private static string[] Split(string args) => args.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The repository at <c>--root</c>, or else <see cref="Here"/>; each search is remembered.</summary>
    private RepoLayout? Find(string? root)
    {
        _searches.Add(root);
        return new RepoLayout(root ?? Here);
    }

    /// <summary>No repository, wherever the command is run.</summary>
    private RepoLayout? Nowhere(string? root)
    {
        _searches.Add(root);
        return null;
    }

    /// <summary>The runner's verbs, in <c>Program</c>'s order, each recording what it was asked to do.</summary>
    private IReadOnlyList<IVerb> Recording()
    {
        var koan = new KoanOnlyCommand((layout, name) => Record($"koan {name} {layout.Root}"));
        return
        [
            new WalkCommand(layout => Record($"walk {layout.Root}")),
            new WatchCommand(
                koan,
                (layout, walk) =>
                {
                    Record($"watch {layout.Root}");
                    return walk();
                },
                (layout, name) => () => Record(name is null ? $"walk {layout.Root}" : $"koan {name} {layout.Root}"),
                () => Record("warm")),
            koan,
            new HintCommand(layout => Record($"hint {layout.Root}")),
            new ListCommand(layout => Record($"list {layout.Root}")),
            new ResetCommand((layout, name) => Record($"reset {name} {layout.Root}")),
            new DirCommand((layout, type) => Record($"dir {type} {layout?.Root ?? "(no repository)"}")),
            new HelpCommand((layout, member) => Record($"help {member} {layout?.Root ?? "(no repository)"}")),
            new DemoCommand((layout, solution, seconds) => Record($"demo solution={solution} seconds={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} {layout.Root}")),
            new BenchCommand((layout, quick) => Record($"bench quick={quick} {layout.Root}")),
        ];
    }

    private int Record(string call)
    {
        _calls.Add(call);
        return 0;
    }
}
