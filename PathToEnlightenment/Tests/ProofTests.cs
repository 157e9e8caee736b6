using ThreadingKoans.Engine;

namespace ThreadingKoans.Tests;

/// <summary>
/// The proof: every koan fails while its blanks are open, with the blank's message or a teaching
/// assertion, and passes once answered; both copies walk the same path, and the path is well formed.
/// </summary>
[Category(TestLanes.Process)]
[TestFixture]
public sealed partial class ProofTests
{
    [Test]
    public void EveryKoanFailsUnsolvedWithABlankOrAnAssertion()
    {
        var run = KoanRuns.Unsolved;
        run.Crash.ShouldBeNull("an unsolved koan crashed the host");
        run.Hung.ShouldBeNull("an unsolved koan hung the host");
        run.Completed.ShouldBeTrue(run.Errors);
        var wrong = run.Path
            .Select(koan => (koan, result: run.Results.GetValueOrDefault(koan.Id)))
            .Where(pair => pair.result is null || pair.result.Outcome != KoanOutcome.Failed || !Teaches(pair.result))
            .Select(pair => $"{pair.koan.FullName}: {pair.result?.Outcome} {pair.result?.Message}")
            .ToList();
        wrong.ShouldBeEmpty("these koans do not fail unsolved as they should");
        TestContext.Out.WriteLine($"{run.Path.Count} koans fail unsolved, each with a blank or an assertion.");
    }

    [Test]
    public void EveryKoanPassesSolved()
    {
        var run = KoanRuns.Solved;
        run.Crash.ShouldBeNull();
        run.Completed.ShouldBeTrue(run.Errors);
        var failing = run.Path
            .Where(koan => run.Results.GetValueOrDefault(koan.Id)?.Outcome != KoanOutcome.Passed)
            .Select(koan => $"{koan.FullName}: {run.Results.GetValueOrDefault(koan.Id)?.Message}")
            .ToList();
        failing.ShouldBeEmpty("these solved koans fail");
        TestContext.Out.WriteLine(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{run.Path.Count} koans pass solved; the whole Solutions run took {KoanRuns.SolvedTook.TotalSeconds:0.0} s (host start to exit)."));
    }

    [Test]
    public void KoansAndSolutionsWalkTheSamePath()
    {
        var koans = KoanRuns.Unsolved.Path.Select(koan => koan.FullName).ToList();
        var solutions = KoanRuns.Solved.Path.Select(koan => koan.FullName).ToList();
        koans.ShouldNotBeEmpty();
        solutions.ShouldBe(koans);
    }

    [Test]
    public void TopicsAreNumberedWithoutGapsOrDuplicates()
    {
        var topics = KoanRuns.Solved.Path
            .GroupBy(koan => koan.Topic)
            .Select(group => (topic: group.Key, numbers: group.Select(koan => koan.TopicNumber).Distinct().ToList(),
                files: group.Select(koan => SourcePlace.ShortPath(koan.File)).Distinct().ToList()))
            .ToList();
        foreach (var (topic, numbers, files) in topics)
        {
            files.Count.ShouldBe(1, $"{topic} is spread over several files: {string.Join(", ", files)}");
            Path.GetFileName(files[0]).ShouldStartWith($"{numbers[0]:00}_{topic}", customMessage: $"{topic}'s file must be named NN_{topic}.cs");
        }

        topics.Select(entry => entry.numbers.Single()).ShouldBe(Enumerable.Range(1, topics.Count), "topic numbers must run 1, 2, 3… in path order");
    }

    [Test]
    public void EveryKoanHasAUniqueNameAHintAndItsTopicAnIntro()
    {
        var path = KoanRuns.Solved.Path;
        path.Select(koan => koan.FullName).ShouldBeUnique();
        path.Where(koan => string.IsNullOrWhiteSpace(koan.Hint)).Select(koan => koan.FullName).ShouldBeEmpty("koans without a hint");
        path.Where(koan => string.IsNullOrWhiteSpace(koan.TopicIntro)).Select(koan => koan.Topic).Distinct().ShouldBeEmpty("topics without an intro");
    }

    [Test]
    public void EveryDeeperHintBelongsToAKoanOnThePathAndNoneStandsInAKoanFile()
    {
        var path = KoanRuns.Solved.Path;
        var folder = Path.Combine(RepoPaths.Root, DeeperHints.Folder);
        var topicFiles = path.Select(koan => Path.GetFileNameWithoutExtension(koan.File)).ToHashSet();
        var koans = path.Select(koan => $"{Path.GetFileNameWithoutExtension(koan.File)}.{koan.Name}").ToHashSet();
        var files = Directory.EnumerateFiles(folder, "*.json").ToList();
        files.ShouldNotBeEmpty();
        foreach (var file in files)
        {
            var topic = Path.GetFileNameWithoutExtension(file);
            topicFiles.ShouldContain(topic, $"{DeeperHints.Folder}/{Path.GetFileName(file)} is named after no topic file on the path");
            var hints = DeeperHints.Read(file);
            hints.Keys.Where(koan => !koans.Contains($"{topic}.{koan}")).ShouldBeEmpty($"deeper hints in {Path.GetFileName(file)} for koans its topic does not have");
            hints.Where(hint => string.IsNullOrWhiteSpace(hint.Value)).Select(hint => hint.Key).ShouldBeEmpty("empty deeper hints");
        }

        // The engine reads them back, so both front doors show them.
        path.Count(koan => koan.DeeperHint is not null).ShouldBe(files.Sum(file => DeeperHints.Read(file).Count));
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Koans, "*.cs"))
        {
            File.ReadAllText(file).ShouldNotContain("DeeperHint", customMessage: $"{Path.GetFileName(file)} shows a deeper hint before it is asked for");
        }
    }

    [Test]
    public void EveryKoanAttributeIsInATopicAndEveryTopicIsOnThePath()
    {
        var onPath = KoanRuns.Solved.Path.Select(koan => koan.Topic).ToHashSet();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Solutions, "*.cs"))
        {
            var text = File.ReadAllText(file);
            if (!text.Contains("[Koan(", StringComparison.Ordinal))
            {
                continue;
            }

            text.ShouldContain("[Topic(", customMessage: $"{Path.GetFileName(file)} has koans but no [Topic]");
            var topic = Path.GetFileNameWithoutExtension(file).Split('_', 2)[^1];
            onPath.ShouldContain(topic, $"{Path.GetFileName(file)} is not on the path");
        }
    }

    [Test]
    public void SolutionsPassTenRunsInARow()
    {
        const int Rounds = 10;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The two halves of the path run in two hosts side by side, each the same number of rounds.
        var run = KoanRuns.SideBySide(KoanRuns.Layout.SolutionsBuild, KoanRuns.Solved.Path, Rounds);
        clock.Stop();
        run.Completed.ShouldBeTrue(run.Errors);
        run.Rounds.Count.ShouldBe(2 * Rounds);
        run.Rounds.SelectMany(round => round.Failures).ShouldBeEmpty();
        var clean = Enumerable.Range(1, Rounds).Count(number => run.Rounds.Where(round => round.Round == number).All(round => round.Failed == 0));
        TestContext.Out.WriteLine($"Solutions: {clean}/{Rounds} runs in a row with zero failures, {run.Path.Count} koans each, {clock.Elapsed.TotalSeconds:0} s in all.");
    }

    /// <summary>
    /// A failure that teaches: a blank's message or an assertion's (the engine leaves those without their
    /// exception's name), never a time limit, an escaped exception or some other exception thrown.
    /// </summary>
    private static bool Teaches(KoanFinished result) =>
        result.Message is { } message
        && !message.Contains(KoanCommand.Abandoned, StringComparison.Ordinal)
        && !message.StartsWith("An exception escaped", StringComparison.Ordinal)
        && (message.StartsWith("NUnit.Framework.AssertionException", StringComparison.Ordinal) || !ThrownBySomethingElse().IsMatch(message));

    [System.Text.RegularExpressions.GeneratedRegex(@"^[\w.]+Exception : ")]
    private static partial System.Text.RegularExpressions.Regex ThrownBySomethingElse();
}
