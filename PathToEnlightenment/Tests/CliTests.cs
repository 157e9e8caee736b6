using Spectre.Console.Testing;

namespace ThreadingKoans.Tests;

/// <summary>The command line: what the runner accepts, which command each form reaches, and the usage it gives for the rest.</summary>
[TestFixture]
public sealed class CliTests
{
    private readonly List<string> _calls = [];

    /// <summary>NUnit runs every test of a fixture on one instance: each test starts with no calls.</summary>
    [SetUp]
    public void ForgetTheCalls() => _calls.Clear();

    [Test]
    public void AnUnknownOptionGetsUsageAndExitCodeTwo()
    {
        var console = new TestConsole();
        Cli.Run(["--frobnicate"], console, Recording()).ShouldBe(ExitCodes.Usage);
        console.Output.ShouldContain("Unrecognized command or argument '--frobnicate'.");
        console.Output.ShouldContain("Usage: dotnet run --project PathToEnlightenment");
        _calls.ShouldBeEmpty();
    }

    [Test]
    public void AnUnknownCommandGetsUsageAndExitCodeTwo()
    {
        var console = new TestConsole();
        Cli.Run(["enlighten"], console, Recording()).ShouldBe(ExitCodes.Usage);
        console.Output.ShouldContain("Unrecognized command or argument 'enlighten'.");
        _calls.ShouldBeEmpty();
    }

    [Test]
    public void ACommandMissingItsArgumentGetsUsageAndExitCodeTwo()
    {
        var console = new TestConsole();
        Cli.Run(["dir"], console, Recording()).ShouldBe(ExitCodes.Usage);
        console.Output.ShouldContain("Usage:");
        _calls.ShouldBeEmpty();
    }

    [Test]
    public void NoOptionsWalkThePathWithoutHints()
    {
        Cli.Run([], new TestConsole(), Recording()).ShouldBe(0);
        _calls.ShouldBe(["walk RunRequest { Hint = False, Root = , Koan =  }"]);
    }

    [Test]
    public void KoanAndRootReachTheWalk()
    {
        Cli.Run(["--root", "/tmp/x", "--koan", "AboutThreads"], new TestConsole(), Recording()).ShouldBe(0);
        _calls.ShouldBe(["walk RunRequest { Hint = False, Root = /tmp/x, Koan = AboutThreads }"]);
    }

    [Test]
    public void TheOldHintFlagPointsToTheHintCommand()
    {
        var console = new TestConsole().Width(200);
        Cli.Run(["--hint"], console, Recording()).ShouldBe(ExitCodes.Usage);
        console.Output.ShouldContain("dotnet run --project PathToEnlightenment -- hint");
        _calls.ShouldBeEmpty();
    }

    [Test]
    public void WatchReachesTheWatchCommandWithTheWalksOptions()
    {
        var commands = Recording() with { Watch = request => Record($"watch {request}") };
        Cli.Run(["--watch", "--root", "/tmp/x"], new TestConsole(), commands).ShouldBe(0);
        _calls.ShouldBe(["watch RunRequest { Hint = False, Root = /tmp/x, Koan =  }"]);
    }

    [TestCase("hint", "hint ")]
    [TestCase("list --root /r", "list /r")]
    [TestCase("reset AboutThreads.JoinWaitsForAThreadToFinish", "reset AboutThreads.JoinWaitsForAThreadToFinish ")]
    [TestCase("dir string", "dir string ")]
    [TestCase("help Thread.Join --root /r", "help Thread.Join /r")]
    public void EachCommandReachesItsAction(string args, string call)
    {
        ArgumentNullException.ThrowIfNull(args);
        Cli.Run(args.Split(' '), new TestConsole(), Recording()).ShouldBe(0);
        _calls.ShouldBe([call]);
    }

    [TestCase("demo", "demo DemoRequest { Solution = False, Seconds = 10, Root =  }")]
    [TestCase("demo --solution --seconds 3", "demo DemoRequest { Solution = True, Seconds = 3, Root =  }")]
    [TestCase("bench", "bench BenchRequest { Quick = False, Root =  }")]
    [TestCase("bench --quick --root /r", "bench BenchRequest { Quick = True, Root = /r }")]
    public void DemoAndBenchReachTheirCommands(string args, string call)
    {
        ArgumentNullException.ThrowIfNull(args);
        var commands = Recording() with { Demo = request => Record($"demo {request}"), Bench = request => Record($"bench {request}") };
        Cli.Run(args.Split(' '), new TestConsole(), commands).ShouldBe(0);
        _calls.ShouldBe([call]);
    }

    private RunnerCommands Recording() => new(
        request => Record($"walk {request}"),
        root => Record($"hint {root}"),
        root => Record($"list {root}"),
        (koan, root) => Record($"reset {koan} {root}"),
        (type, root) => Record($"dir {type} {root}"),
        (member, root) => Record($"help {member} {root}"));

    private int Record(string call)
    {
        _calls.Add(call);
        return 0;
    }
}
