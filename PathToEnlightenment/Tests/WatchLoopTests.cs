using System.Threading.Channels;
using Spectre.Console;
using Spectre.Console.Testing;

namespace ThreadingKoans.Tests;

/// <summary>
/// Watch mode's loop without real builds or files: the saves come through a channel, the time from a
/// <see cref="ManualClock"/>, and a walk is a function that writes its number. Every wait is bounded.
/// </summary>
[TestFixture]
public sealed class WatchLoopTests
{
    /// <summary>The ANSI sequence that clears the screen (the console then also clears the scrollback and homes the cursor).</summary>
    private const string ClearScreen = "\u001b[2J";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan JustUnderQuiet = WatchLoop.Quiet - TimeSpan.FromMilliseconds(1);

    private ManualClock _clock = null!;
    private Channel<DateTimeOffset> _saves = null!;
    private TestConsole _console = null!;
    private SemaphoreSlim _walked = null!;
    private CancellationTokenSource _stop = null!;
    private int _walks;
    private Action<int>? _during;

    [SetUp]
    public void Begin()
    {
        _clock = new ManualClock();
        _saves = Channel.CreateUnbounded<DateTimeOffset>();
        _console = new TestConsole();
        _walked = new SemaphoreSlim(0);
        _stop = new CancellationTokenSource();
        _walks = 0;
        _during = null;
    }

    [TearDown]
    public void End()
    {
        _stop.Dispose();
        _walked.Dispose();
        _console.Dispose();
    }

    [Test]
    public async Task ABurstOfSavesBecomesOneWalkOnAClearedScreenWithTheTimeSinceTheSave()
    {
        _during = walk =>
        {
            if (walk == 2)
            {
                _clock.Advance(TimeSpan.FromSeconds(5.45));
            }
        };
        var loop = Start();
        await Walked(1);

        // Three saves, each within the quiet time of the one before: each restarts it, so nothing walks until
        // the quiet time after the last.
        Save();
        await _clock.TimerStarted();
        _clock.Advance(WatchLoop.Quiet * 2 / 3);
        Save();
        await _clock.TimerStarted();
        _clock.Advance(WatchLoop.Quiet * 2 / 3);
        Save();
        await _clock.TimerStarted();
        _clock.Advance(JustUnderQuiet);
        _walks.ShouldBe(1);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await Walked(2);

        (await Finish(loop)).ShouldBe(ExitCodes.KoansLeft);
        _walks.ShouldBe(2);
        _console.Output.ShouldBe(
            "walk 1\n" +
            "verdict 0.0 s after the start\n" +
            "Watching Koans/ for saves; Ctrl+C stops.\n" +
            ClearScreen + "\u001b[3J\u001b[1;1H" +
            "walk 2\n" +
            "verdict 5.6 s after your save\n" +
            "Watching Koans/ for saves; Ctrl+C stops.\n");
    }

    [Test]
    public async Task TheScreenIsClearedBeforeEveryWalkButTheFirst()
    {
        var loop = Start();
        await Walked(1);
        Save();
        await _clock.TimerStarted();
        _clock.Advance(WatchLoop.Quiet);
        await Walked(2);
        Save();
        await _clock.TimerStarted();
        _clock.Advance(WatchLoop.Quiet);
        await Walked(3);
        await Finish(loop);

        var screens = _console.Output.Split(ClearScreen);
        screens.Length.ShouldBe(3);
        screens[0].ShouldContain("walk 1");
        screens[1].ShouldContain("walk 2");
        screens[1].ShouldNotContain("walk 1");
        screens[2].ShouldContain("walk 3");
    }

    [Test]
    public async Task SavesDuringAWalkCauseExactlyOneMoreWalk()
    {
        _during = walk =>
        {
            if (walk == 2)
            {
                Save();
                Save();
                _clock.Advance(TimeSpan.FromSeconds(1));
                Save();
            }
        };
        var loop = Start();
        await Walked(1);
        Save();
        await _clock.TimerStarted();
        _clock.Advance(WatchLoop.Quiet);
        await Walked(2);

        // The three saves made while walk 2 ran wait for the quiet time, then walk once.
        await _clock.TimerStarted();
        _clock.Advance(WatchLoop.Quiet);
        await Walked(3);

        (await Finish(loop)).ShouldBe(ExitCodes.KoansLeft);
        _walks.ShouldBe(3);
        _console.Output.ShouldContain("walk 3\nverdict 1.1 s after your save\n");
    }

    [Test]
    public async Task CtrlCWhileWaitingForASaveEndsTheLoopWithExitCodeZero()
    {
        var loop = Start();
        await Walked(1);
        await _stop.CancelAsync();

        (await loop.WaitAsync(Bound)).ShouldBe(ExitCodes.Done);
        _console.Output.ShouldEndWith("\nStopped watching (Ctrl+C).\n");
        _walks.ShouldBe(1);
    }

    [Test]
    public async Task CtrlCDuringAWalkEndsTheWalkAndTheLoop()
    {
        using var walking = new SemaphoreSlim(0);
        _during = walk =>
        {
            if (walk == 2)
            {
                // As the real walk does: it waits on its build or koan host until cancelled, then throws.
                walking.Release();
                _stop.Token.WaitHandle.WaitOne(Bound).ShouldBeTrue("the walk was never cancelled");
                _stop.Token.ThrowIfCancellationRequested();
            }
        };
        var loop = Start();
        await Walked(1);
        Save();
        await _clock.TimerStarted();
        _clock.Advance(WatchLoop.Quiet);
        (await walking.WaitAsync(Bound)).ShouldBeTrue("walk 2 never started");
        await _stop.CancelAsync();

        (await loop.WaitAsync(Bound)).ShouldBe(ExitCodes.Done);
        _console.Output.ShouldEndWith("walk 2\n\nStopped watching (Ctrl+C).\n");
    }

    [TestCase("01_AboutAsserts.cs", true)]
    [TestCase("Topics/01_AboutAsserts.cs", true)]
    [TestCase("01_AboutAsserts.cs~", false)]
    [TestCase(".01_AboutAsserts.cs.swp", false)]
    [TestCase("obj/Debug/net10.0/Koans.AssemblyInfo.cs", false)]
    [TestCase("bin/Debug/Generated.cs", false)]
    public void OnlyKoanSourcesOutsideBinAndObjCountAsSaves(string file, bool counts)
    {
        ArgumentNullException.ThrowIfNull(file);
        var koans = Path.Combine(Path.GetTempPath(), "Koans");
        KoanSaves.IsKoanSource(koans, Path.Combine(koans, file)).ShouldBe(counts);
    }

    private Task<int> Start() => Task.Run(() => new WatchLoop(_console, Walk, _saves.Reader, _clock).RunAsync(_stop.Token));

    private int Walk()
    {
        var walk = Interlocked.Increment(ref _walks);
        _console.WriteLine($"walk {walk}");
        _during?.Invoke(walk);
        _walked.Release();
        return ExitCodes.KoansLeft;
    }

    private void Save() => _saves.Writer.TryWrite(_clock.GetUtcNow()).ShouldBeTrue();

    private async Task Walked(int walk)
    {
        (await _walked.WaitAsync(Bound)).ShouldBeTrue($"walk {walk} never ended");
        _walks.ShouldBe(walk);
    }

    /// <summary>Ends the saves, which ends the loop with the last walk's exit code.</summary>
    private async Task<int> Finish(Task<int> loop)
    {
        _saves.Writer.Complete();
        return await loop.WaitAsync(Bound);
    }
}
