using Spectre.Console.Testing;
using ThreadingKoans.Runner;

namespace ThreadingKoans.Tests;

/// <summary>The command line: what the runner accepts, and the usage it gives for the rest.</summary>
[TestFixture]
public sealed class CliTests
{
    [Test]
    public void AnUnknownOptionGetsUsageAndExitCodeTwo()
    {
        var console = new TestConsole();
        var exit = Cli.Run(["--frobnicate"], console, _ => throw new InvalidOperationException("must not walk"));
        exit.ShouldBe(ExitCodes.Usage);
        console.Output.ShouldContain("Unrecognized command or argument '--frobnicate'.");
        console.Output.ShouldContain("Usage: dotnet run --project PathToEnlightenment");
    }

    [Test]
    public void HintAndRootReachTheWalk()
    {
        RunRequest? seen = null;
        var exit = Cli.Run(["--hint", "--root", "/tmp/x"], new TestConsole(), request =>
        {
            seen = request;
            return 7;
        });
        exit.ShouldBe(7);
        seen.ShouldBe(new RunRequest(Hint: true, Root: "/tmp/x"));
    }

    [Test]
    public void NoOptionsWalkThePathWithoutHints()
    {
        RunRequest? seen = null;
        Cli.Run([], new TestConsole(), request =>
        {
            seen = request;
            return 0;
        }).ShouldBe(0);
        seen.ShouldBe(new RunRequest(Hint: false, Root: null));
    }
}
