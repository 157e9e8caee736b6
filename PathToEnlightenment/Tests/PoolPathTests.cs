using ThreadingKoans.Engine;

namespace ThreadingKoans.Tests;

/// <summary>
/// The pools the learner builds (<c>Koans/WorkerPool.cs</c>, then <c>Koans/AsyncWorkerPool.cs</c>), walked the
/// way the learner walks them: every blank there is claimed by exactly one koan, and after answering the pool blanks
/// claimed up to a koan (and no further) that koan passes, while the next koan that claims a pool blank
/// still fails.
/// </summary>
[Category(TestLanes.Process)]
[TestFixture]
[NonParallelizable]
public sealed class PoolPathTests
{
    private static IReadOnlyList<PoolBlank> Blanks => PoolClaims.In(RepoPaths.Koans);

    private static IReadOnlyList<KoanInfo> PoolKoans =>
        KoanRuns.Solved.Path.Where(koan => koan.TopicNumber >= PoolPath.FirstTopic).ToList();

    [Test]
    public void EveryPoolFileIsThereWithBlanks()
    {
        foreach (var file in PoolClaims.FileNames)
        {
            File.Exists(Path.Combine(RepoPaths.Solutions, file)).ShouldBeTrue($"Solutions/{file} is missing");
            PoolClaims.In(RepoPaths.Koans, file).Count.ShouldBeGreaterThanOrEqualTo(3, $"Koans/{file} has (almost) no blanks");
        }

        PoolClaims.In(RepoPaths.Koans, "WorkerPool.cs").Count.ShouldBeGreaterThanOrEqualTo(15);
    }

    [Test]
    public void EveryPoolBlankIsClaimedByKoansOnThePath()
    {
        var names = PoolKoans.Select(koan => $"{koan.Topic}.{koan.Name}").ToHashSet();
        Blanks.Where(blank => blank.Koans.Count == 0).Select(blank => blank.Place).ShouldBeEmpty("pool blanks that no koan claims");
        Blanks.Where(blank => blank.Koans.Count > 1)
            .Select(blank => $"{blank.Place} ({string.Join(", ", blank.Koans)})")
            .ShouldBeEmpty("pool blanks claimed by more than one koan: one blank is one koan's, so that each koan fails until its own blank is answered");
        Blanks.SelectMany(blank => blank.Koans).Where(koan => !names.Contains(koan)).ShouldBeEmpty("claims naming koans that are not pool koans on the path");
        Blanks.Where(blank => string.IsNullOrWhiteSpace(blank.Need)).Select(blank => blank.Place).ShouldBeEmpty("claims that do not say what is needed");
    }

    [Test]
    public void EachPoolKoanPassesWithThePoolAnsweredUpToItAndTheNextClaimFailsWithout()
    {
        var path = PoolKoans.Select(koan => $"{koan.Topic}.{koan.Name}").ToList();
        var order = path.Select((name, index) => (name, index)).ToDictionary(pair => pair.name, pair => pair.index);
        var koansTexts = PoolClaims.FileNames.ToDictionary(file => file, file => File.ReadAllText(Path.Combine(RepoPaths.Koans, file)));
        var answers = PoolClaims.FileNames
            .SelectMany(file => BlankSync.Of(koansTexts[file], File.ReadAllText(Path.Combine(RepoPaths.Solutions, file)), $"Koans/{file}", $"Solutions/{file}")
                .AllAnswers.Select(answer => (file, answer)))
            .ToDictionary(pair => (pair.file, pair.answer.Blank.Line, pair.answer.Blank.Column), pair => pair.answer);
        var blanks = Blanks;
        var firstClaim = blanks.ToDictionary(blank => blank.Place, blank => blank.Koans.Min(koan => order[koan]));
        var claimers = firstClaim.Values.Distinct().Order().ToList();

        using var copy = new AnsweredCopy();
        var problems = new List<string>();
        var stages = 0;
        for (var stage = 0; stage <= claimers.Count; stage++)
        {
            var answeredUpTo = stage == 0 ? -1 : claimers[stage - 1];
            var passFrom = stage == 0 ? 0 : claimers[stage - 1];
            var passTo = stage < claimers.Count ? claimers[stage] : path.Count;
            var answered = blanks.Where(blank => firstClaim[blank.Place] <= answeredUpTo).ToList();
            foreach (var file in PoolClaims.FileNames)
            {
                var filled = Fill(koansTexts[file], answered.Where(blank => blank.File == file).Select(blank => answers[(file, blank.Line, blank.Column)]));
                File.WriteAllText(copy.KoansFile(file), filled);
            }

            copy.Rebuild();
            var mustPass = path.Skip(passFrom).Take(passTo - passFrom).ToList();
            var mustFail = stage < claimers.Count ? path[claimers[stage]] : null;
            var run = copy.Run(mustFail is null ? mustPass : [.. mustPass, mustFail]);
            run.Crash.ShouldBeNull($"stage {stage}: the host crashed: {run.Crash}");
            run.Hung.ShouldBeNull($"stage {stage}: the host hung in {run.Hung?.FullName}");
            var results = run.Path.ToDictionary(koan => $"{koan.Topic}.{koan.Name}", koan => run.Results.GetValueOrDefault(koan.Id));
            problems.AddRange(mustPass
                .Where(koan => results.GetValueOrDefault(koan)?.Outcome != KoanOutcome.Passed)
                .Select(koan => $"{koan} does not pass with the pool answered up to it ({answered.Count} pool blanks): {results.GetValueOrDefault(koan)?.Message}"));
            if (mustFail is not null)
            {
                var result = results.GetValueOrDefault(mustFail);
                if (result?.Outcome != KoanOutcome.Failed)
                {
                    problems.Add($"{mustFail} passes before its pool blank is answered");
                }
                else if (result.Message?.Contains(KoanCommand.Abandoned, StringComparison.Ordinal) == true)
                {
                    problems.Add($"{mustFail} fails by its time limit, not a bounded wait: {result.Message}");
                }
            }

            stages++;
        }

        TestContext.Out.WriteLine($"The pool path in {stages} stages, {blanks.Count} pool blanks claimed by {claimers.Count} koans first.");
        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));
    }

    /// <summary>The Koans text with the given blanks answered as Solutions answers them (the rest stay blank).</summary>
    private static string Fill(string koansText, IEnumerable<BlankAnswer> answers)
    {
        var lines = koansText.ReplaceLineEndings("\n").Split('\n').ToList();
        foreach (var answer in answers.OrderByDescending(answer => answer.Blank.Line).ThenByDescending(answer => answer.Blank.Column))
        {
            var line = lines[answer.Blank.Line - 1];
            var at = answer.Blank.Column - 1;
            var length = answer.Blank.Kind == BlankKind.Value ? "__".Length : "___();".Length;
            line.Substring(at, length).ShouldBe(answer.Blank.Kind == BlankKind.Value ? "__" : "___();");
            var indent = new string(' ', at);
            var text = answer.Text.ReplaceLineEndings("\n").Replace("\n", "\n" + indent, StringComparison.Ordinal);
            lines[answer.Blank.Line - 1] = string.Concat(line.AsSpan(0, at), text, line.AsSpan(at + length));
        }

        return string.Join('\n', lines);
    }
}
