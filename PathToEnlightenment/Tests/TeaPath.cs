using ThreadingKoans.Engine;

namespace ThreadingKoans.Tests;

/// <summary>
/// A small path of two made-up topics (tea and coffee, five koans) in a throw-away folder without git, with
/// the originals a repository carries, and host runs of it made by hand: the navigation commands are
/// tested on it without building anything.
/// </summary>
internal sealed class TeaPath : IDisposable
{
    public const string Tea = """
        namespace Koans;

        [Topic("Everything about tea.")]
        public class AboutTea
        {
            // Tea is served in cups, and cups can be counted.
            [Koan("How many cups?")]
            public void TeaIsServedInCups()
            {
                var cups = 2;
                cups.ShouldBe(__);
            }

            // The water boils before anything else happens.
            [Koan("What comes first?")]
            public void WaterBoilsFirst()
            {
                var steps = new List<string>();
                ___();
                steps.ShouldBe(["boil", "pour"]);
            }

            // Green tea turns bitter when it steeps too long.
            [Koan("How many minutes?")]
            public void GreenTeaSteepsBriefly()
            {
                var minutes = 2;
                minutes.ShouldBe(__);
            }
        }
        """;

    /// <summary>The tea topic's deeper hints, kept out of its file as the path keeps them.</summary>
    public const string TeaDeeperHints = """
        {
          "TeaIsServedInCups": "Count them.",
          "GreenTeaSteepsBriefly": "Fewer than three."
        }
        """;

    public const string Coffee = """
        namespace Koans;

        [Topic("Everything about coffee.")]
        public class AboutCoffee
        {
            // Coffee is bitter, and that is why some add sugar.
            [Koan("How does it taste?")]
            public void CoffeeIsBitter()
            {
                var taste = "bitter";
                taste.ShouldBe(__);
            }

            // An espresso is a small coffee.
            [Koan("How many millilitres?")]
            public void EspressoIsSmall()
            {
                var millilitres = 30;
                millilitres.ShouldBe(__);
            }
        }
        """;

    public TeaPath()
    {
        Root = Directory.CreateTempSubdirectory("tea-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "Koans"));
        Directory.CreateDirectory(Path.Combine(Root, "Solutions"));
        File.WriteAllText(Path.Combine(Root, "Koans", "Koans.csproj"), "<Project />\n");
        File.WriteAllText(Path.Combine(Root, "Koans", "01_AboutTea.cs"), Lf(Tea));
        File.WriteAllText(Path.Combine(Root, "Koans", "02_AboutCoffee.cs"), Lf(Coffee));
        File.WriteAllText(Path.Combine(Root, "Solutions", "01_AboutTea.cs"), Lf(Answered(Tea)));
        File.WriteAllText(Path.Combine(Root, "Solutions", "02_AboutCoffee.cs"), Lf(Answered(Coffee)));
        Directory.CreateDirectory(Path.Combine(Root, "PathToEnlightenment", "DeeperHints"));
        File.WriteAllText(Path.Combine(Root, "PathToEnlightenment", "DeeperHints", "01_AboutTea.json"), Lf(TeaDeeperHints));
        Directory.CreateDirectory(Path.Combine(Root, "PathToEnlightenment", "OriginalKoans"));
        File.WriteAllText(Original("01_AboutTea.cs"), Lf(Tea));
        File.WriteAllText(Original("02_AboutCoffee.cs"), Lf(Coffee));
        Koans =
        [
            Info("1", "AboutTea", 1, "TeaIsServedInCups", "How many cups?", "Count them."),
            Info("2", "AboutTea", 1, "WaterBoilsFirst", "What comes first?", null),
            Info("3", "AboutTea", 1, "GreenTeaSteepsBriefly", "How many minutes?", "Fewer than three."),
            Info("4", "AboutCoffee", 2, "CoffeeIsBitter", "How does it taste?", null),
            Info("5", "AboutCoffee", 2, "EspressoIsSmall", "How many millilitres?", null),
        ];
    }

    public string Root { get; }

    public RepoLayout Layout => new(Root);

    /// <summary>The five koans, in path order.</summary>
    public IReadOnlyList<KoanInfo> Koans { get; }

    /// <summary>The learner's copy of a topic file: <c>Koans/01_AboutTea.cs</c>.</summary>
    public string KoanFile(string name) => Path.Combine(Root, "Koans", name);

    /// <summary>The original of a topic file, as the repository carries it: <c>PathToEnlightenment/OriginalKoans/01_AboutTea.cs.txt</c>.</summary>
    public string Original(string name) => Path.Combine(Root, "PathToEnlightenment", "OriginalKoans", name + ".txt");

    /// <summary>Where a koan fails: the line of its blank, as the host reports it.</summary>
    public string PlaceOf(KoanInfo koan)
    {
        ArgumentNullException.ThrowIfNull(koan);
        var source = Lf(koan.Topic == "AboutTea" ? Tea : Coffee).Split('\n');
        var line = Array.FindIndex(source, koan.Line, text => text.Contains("__", StringComparison.Ordinal)) + 1;
        return $"Koans/{Path.GetFileName(koan.File)}:{line}";
    }

    /// <summary>
    /// A gated run of the whole path in which the first <paramref name="passed"/> koans pass, the next
    /// fails at its blank (at <paramref name="place"/> when given) and the rest are skipped.
    /// </summary>
    public HostRun Run(int passed, string? place = null)
    {
        var results = new Dictionary<string, KoanFinished>(StringComparer.Ordinal);
        for (var index = 0; index < Koans.Count; index++)
        {
            var koan = Koans[index];
            var at = place ?? PlaceOf(koan);
            results[koan.Id] = index < passed
                ? new KoanFinished(koan.Id, KoanOutcome.Passed, null, null, null, 0.01)
                : index == passed
                    ? new KoanFinished(koan.Id, KoanOutcome.Failed, $"Fill in the blank at {at}: replace __ with the answer that makes this koan true.", at, null, 0.01)
                    : new KoanFinished(koan.Id, KoanOutcome.Skipped, $"not yet: first meditate on {Koans[passed].FullName}", null, null, 0);
        }

        return new HostRun(Koans, results, null, null, Completed: true, string.Empty, [], []);
    }

    /// <summary>A run of only the koans of <paramref name="only"/> (a topic or a koan), all passing or all failing.</summary>
    public HostRun RunOnly(string only, bool pass)
    {
        var results = Koans
            .Where(koan => koan.FullName == only || koan.Topic == only)
            .ToDictionary(
                koan => koan.Id,
                koan => pass
                    ? new KoanFinished(koan.Id, KoanOutcome.Passed, null, null, null, 0.01)
                    : new KoanFinished(koan.Id, KoanOutcome.Failed, "taste\n    should be\n\"sweet\"\n    but was\n\"bitter\"", PlaceOf(koan), null, 0.01),
                StringComparer.Ordinal);
        return new HostRun(Koans, results, null, null, Completed: true, string.Empty, [], []);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    public static string Lf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>A topic file as Solutions has it: every blank answered.</summary>
    private static string Answered(string source) => source
        .Replace("cups.ShouldBe(__)", "cups.ShouldBe(2)", StringComparison.Ordinal)
        .Replace("        ___();", "        steps.Add(\"boil\");\n        steps.Add(\"pour\");", StringComparison.Ordinal)
        .Replace("minutes.ShouldBe(__)", "minutes.ShouldBe(2)", StringComparison.Ordinal)
        .Replace("taste.ShouldBe(__)", "taste.ShouldBe(\"bitter\")", StringComparison.Ordinal)
        .Replace("millilitres.ShouldBe(__)", "millilitres.ShouldBe(30)", StringComparison.Ordinal);

    private KoanInfo Info(string id, string topic, int number, string name, string hint, string? deeper)
    {
        var file = Path.Combine(Root, "Koans", number == 1 ? "01_AboutTea.cs" : "02_AboutCoffee.cs");
        var source = Lf(number == 1 ? Tea : Coffee).Split('\n');
        var line = Array.FindIndex(source, text => text.Contains($"void {name}()", StringComparison.Ordinal));
        return new KoanInfo(id, topic, number, number == 1 ? "Everything about tea." : "Everything about coffee.", name, file, line, hint, deeper, 5);
    }
}

/// <summary>A clock the test sets.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
