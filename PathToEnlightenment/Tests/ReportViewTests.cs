using Spectre.Console.Testing;
using ThreadingKoans.Engine;

namespace ThreadingKoans.Tests;

/// <summary>The runner's output, pinned: what a learner reads for each kind of verdict.</summary>
[TestFixture]
public sealed class ReportViewTests
{
    private const string Source = """
        namespace Koans;

        public class AboutTea
        {
            // Tea takes time.
            [Koan("How many cups?")]
            public void TeaIsServedInCups()
            {
                var cups = 2;
                cups.ShouldBe(__);
            }
        }
        """;

    private string _root = null!;

    [SetUp]
    public void WriteAKoanFile()
    {
        _root = Directory.CreateTempSubdirectory("view-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, "Koans"));
        File.WriteAllText(Path.Combine(_root, "Koans", "03_AboutTea.cs"), Source.ReplaceLineEndings("\n"));
    }

    [TearDown]
    public void DeleteIt() => Directory.Delete(_root, recursive: true);

    [Test]
    public void AFailingKoanShowsItsMessagePlaceSourceAndProgress()
    {
        var (exit, output) = Show(new KoanFailing(
            Tea, "Fill in the blank at Koans/03_AboutTea.cs:10: replace __ with the answer that makes this koan true.",
            "Koans/03_AboutTea.cs:10", Output: null, new Progress(12, 40, "AboutTea", 3, 1, 4, 5)));
        exit.ShouldBe(1);
        output.ShouldBe("""
            ── 03 AboutTea ─────────────────────────────────────────────────────────────────
            
            AboutTea.TeaIsServedInCups has damaged your karma.
            
              Fill in the blank at Koans/03_AboutTea.cs:10: replace __ with the answer that
              makes this koan true.
            
            Meditate on Koans/03_AboutTea.cs:10
            The koan asks: How many cups?
               7     public void TeaIsServedInCups()
               8     {
               9         var cups = 2;
            > 10         cups.ShouldBe(__);
              11     }
              12 }
            
            Path 12/40  █████████░░░░░░░░░░░░░░░░░░░░░  topic 3 of 5: 1/4
            Every master was once a beginner who kept going.
            Stuck? dotnet run --project PathToEnlightenment -- hint
            
            """);
    }

    [Test]
    public void ArrivingAtATopicShowsItsIntroAndWhatTheKoanPrinted()
    {
        var (_, output) = Show(new KoanFailing(
            Tea, "cups\r\n    should be\r\n3\r\n    but was\r\n2", "Koans/03_AboutTea.cs:10",
            Output: "pouring\n", new Progress(0, 40, "AboutTea", 3, 0, 4, 5)));
        output.ShouldBe("""
            ── 03 AboutTea ─────────────────────────────────────────────────────────────────
            What this topic is about: Everything about tea.
            
            AboutTea.TeaIsServedInCups has damaged your karma.
            
              cups
                  should be
              3
                  but was
              2
            
            It printed:
              pouring
            
            Meditate on Koans/03_AboutTea.cs:10
            The koan asks: How many cups?
               7     public void TeaIsServedInCups()
               8     {
               9         var cups = 2;
            > 10         cups.ShouldBe(__);
              11     }
              12 }
            
            Path 0/40  ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░  topic 3 of 5: 0/4
            Stuck? dotnet run --project PathToEnlightenment -- hint
            
            """);
    }

    [Test]
    public void ACompileErrorShowsTheFirstErrorsWithTheirSource()
    {
        var errors = new[] { new CompileError("Koans/03_AboutTea.cs", 10, 26, "CS1002", "; expected") };
        var (exit, output) = Show(new CompileFailed(errors, string.Empty));
        exit.ShouldBe(1);
        output.ShouldBe("""
            ── The koans do not compile yet ────────────────────────────────────────────────
            Fix this first, then run again:
            
            Koans/03_AboutTea.cs:10: CS1002: ; expected
               7     public void TeaIsServedInCups()
               8     {
               9         var cups = 2;
            > 10         cups.ShouldBe(__);
              11     }
              12 }
            
            """);
    }

    [Test]
    public void ACrashNamesTheExceptionAndWhereItWasThrown()
    {
        var (_, output) = Show(new KoanCrashed(Tea, "System.InvalidOperationException", "boom", "Koans/03_AboutTea.cs:9", "stack", new Progress(1, 40, "AboutTea", 3, 1, 4, 5)));
        output.ShouldBe("""
            ── 03 AboutTea ─────────────────────────────────────────────────────────────────
            
            AboutTea.TeaIsServedInCups crashed the process that runs the koans.
            
              An exception escaped a thread: System.InvalidOperationException: boom
              Nothing catches an exception that leaves a thread's body, so it ends the whole
              process. Catch it inside the thread.
            
            Thrown at Koans/03_AboutTea.cs:9
              6     [Koan("How many cups?")]
              7     public void TeaIsServedInCups()
              8     {
            > 9         var cups = 2;
             10         cups.ShouldBe(__);
             11     }
             12 }
            
            Path 1/40  ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░  topic 3 of 5: 1/4
            A failing koan is a question, not a verdict.
            Stuck? dotnet run --project PathToEnlightenment -- hint
            
            """);
    }

    [Test]
    public void AHangNamesTheKoanAndWhatToSuspect()
    {
        var (_, output) = Show(new KoanHanging(Tea, new Progress(1, 40, "AboutTea", 3, 1, 4, 5)));
        output.ShouldBe("""
            ── 03 AboutTea ─────────────────────────────────────────────────────────────────
            
            AboutTea.TeaIsServedInCups never finished, so it was stopped.
            
              It went on past its time limit of 5 s. Something in it waits forever or loops
              without end: a Join or Wait without a timeout, a signal nobody sends, a lock
              nobody releases?
            
            Meditate on Koans/03_AboutTea.cs:10
            The koan asks: How many cups?
               7     public void TeaIsServedInCups()
               8     {
               9         var cups = 2;
            > 10         cups.ShouldBe(__);
              11     }
              12 }
            
            Path 1/40  ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░  topic 3 of 5: 1/4
            A failing koan is a question, not a verdict.
            Stuck? dotnet run --project PathToEnlightenment -- hint
            
            """);
    }

    [Test]
    public void EnlightenmentExitsWithZero()
    {
        var (exit, output) = Show(new Enlightened(212, 17));
        exit.ShouldBe(0);
        output.ShouldBe("""
            ──────────────────────────────── Enlightenment ─────────────────────────────────
            All 212 koans of all 17 topics pass. Every one was checked again just now.
            You have walked the whole path: from a string to a pool of threads of your own.
            Path 212/212  ██████████████████████████████
            
            """);
    }

    [Test]
    public void ALongSourceLineWrapsBesideTheGutterAndIsNeverCut()
    {
        var file = Path.Combine(_root, "Koans", "03_AboutTea.cs");
        var lines = File.ReadAllLines(file);
        lines[8] = "        var cups = 2; // " + string.Concat(Enumerable.Repeat("steeped slowly, ", 10));
        File.WriteAllLines(file, lines);
        var (_, output) = Show(new KoanFailing(Tea, "cups", "Koans/03_AboutTea.cs:10", Output: null, new Progress(0, 40, "AboutTea", 3, 0, 4, 5)));
        output.Split('\n').ShouldAllBe(line => line.Length <= 80);
        var shown = output.Split('\n').SkipWhile(line => !line.StartsWith("   9 ", StringComparison.Ordinal)).TakeWhile(line => !line.StartsWith("> 10", StringComparison.Ordinal));
        string.Join(' ', string.Join(' ', shown).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ShouldBe("9 var cups = 2; // " + string.Join(' ', Enumerable.Repeat("steeped slowly,", 10)), "the whole line, wrapped");
    }

    [Test]
    public void AKoanThatNeedsAPieceOfThePoolShowsWhereItIsAndWhatItAsks()
    {
        File.WriteAllText(Path.Combine(_root, "Koans", "WorkerPool.cs"), """
            namespace Koans;

            public sealed class Teapot
            {
                public void Pour()
                {
                    // AboutTea.TeaIsServedInCups: pour one cup for every guest,
                    // then put the pot back.
                    ___();
                }
            }
            """.ReplaceLineEndings("\n"));
        var (_, output) = Show(new KoanFailing(Tea, "cups", "Koans/03_AboutTea.cs:10", Output: null, new Progress(0, 40, "AboutTea", 3, 0, 4, 5)));
        output.ShouldContain("""
            Then your pool: this koan needs a piece of it that is still blank:
            Koans/WorkerPool.cs:9: pour one cup for every guest, then put the pot back.
              6     {
              7         // AboutTea.TeaIsServedInCups: pour one cup for every guest,
              8         // then put the pot back.
            > 9         ___();
             10     }
             11 }
            """);
    }

    [Test]
    public void AKoanThatNeedsAPieceOfTheAsyncPoolIsSentToThatFile()
    {
        File.WriteAllText(Path.Combine(_root, "Koans", "AsyncWorkerPool.cs"), """
            namespace Koans;

            public sealed class Kettle
            {
                public async Task BoilAsync()
                {
                    // AboutTea.TeaIsServedInCups: boil the water, and wait without standing by.
                    ___();
                }
            }
            """.ReplaceLineEndings("\n"));
        var (_, output) = Show(new KoanFailing(Tea, "cups", "Koans/03_AboutTea.cs:10", Output: null, new Progress(0, 40, "AboutTea", 3, 0, 4, 5)));
        output.ShouldContain("Koans/AsyncWorkerPool.cs:8: boil the water, and wait without standing by.");
    }

    private static KoanInfo Tea { get; } = new(
        "1", "AboutTea", 3, "Everything\nabout tea.", "TeaIsServedInCups", "/somewhere/Koans/03_AboutTea.cs", 6,
        "How many cups?", "Count them.", 5);

    private (int Exit, string Output) Show(Verdict verdict)
    {
        var console = new TestConsole();
        var exit = new ReportView(console, new RepoLayout(_root)).Show(verdict);
        // Spectre pads some lines to the console's width; the trailing blanks are invisible, so not pinned.
        var lines = console.Output.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd(' '));
        return (exit, string.Join('\n', lines));
    }
}
