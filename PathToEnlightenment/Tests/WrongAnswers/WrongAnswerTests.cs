using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ThreadingKoans.Engine;

namespace ThreadingKoans.Tests.WrongAnswers;

/// <summary>
/// Plausible wrong answers, applied to a copy of the Solutions: each must make its koan fail within the
/// koan's bound, with a message that names the mistake's symptom.
/// </summary>
[Category(TestLanes.Process)]
[TestFixture]
[NonParallelizable]
public sealed class WrongAnswerTests
{
    /// <summary>At least this many wrong answers are checked (the threading path's promise).</summary>
    private const int AtLeast = 12;

    private static readonly Lazy<IReadOnlyDictionary<WrongAnswer, KoanFinished?>> Verdicts = new(RunAll);

    private static IEnumerable<TestCaseData> Cases =>
        Selected.Select(wrong => new TestCaseData(wrong).SetArgDisplayNames($"{wrong.Koan}: {wrong.Mistake}"));

    internal static IReadOnlyList<WrongAnswer> All { get; } = typeof(IWrongAnswers).Assembly.GetTypes()
        .Where(type => type.IsClass && typeof(IWrongAnswers).IsAssignableFrom(type))
        .OrderBy(type => type.Name, StringComparer.Ordinal)
        .SelectMany(type => ((IWrongAnswers)Activator.CreateInstance(type)!).All)
        .ToList();

    /// <summary>
    /// The wrong answers this run checks: all of them, or, for a maintainer's quick look at the topics being edited,
    /// those of the topics named in <c>KOANS_WRONG_ANSWERS</c> (<c>AboutTasks,AboutAsyncAwait</c>).
    /// </summary>
    private static IReadOnlyList<WrongAnswer> Selected { get; } =
        Environment.GetEnvironmentVariable("KOANS_WRONG_ANSWERS") is { Length: > 0 } topics
            ? All.Where(wrong => topics.Split(',', StringSplitOptions.TrimEntries).Contains(wrong.Koan.Split('.')[0], StringComparer.Ordinal)).ToList()
            : All;

    [TestCaseSource(nameof(Cases))]
    public void AWrongAnswerFailsItsKoanNamingTheSymptom(WrongAnswer wrong)
    {
        ArgumentNullException.ThrowIfNull(wrong);
        var result = Verdicts.Value[wrong];
        // Each case prints its row of the table of wrong answers (what CI's detailed log shows).
        var message = result?.Message?.ReplaceLineEndings(" ") ?? "(no result)";
        TestContext.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{wrong.Koan} | {(wrong.KnownToPass ? "known to pass: " : "")}{wrong.Mistake} | {result?.Outcome} in {result?.Seconds:0.00} s | {message[..Math.Min(message.Length, 160)]}"));
        result.ShouldNotBeNull($"{wrong.Koan} did not report a result with this mistake");
        if (wrong.KnownToPass)
        {
            result.Outcome.ShouldBe(
                KoanOutcome.Passed,
                $"{wrong.Koan} is listed as passing with this mistake ({wrong.Mistake}), but it does not pass ({result.Message}): if a koan catches it now, name its symptom and drop KnownToPass");
            return;
        }

        result.Outcome.ShouldBe(KoanOutcome.Failed, $"{wrong.Koan} should fail when the learner made this mistake: {wrong.Mistake}");
        result.Message.ShouldNotBeNull();
        result.Message.ShouldNotContain(KoanCommand.Abandoned, customMessage: "the mistake must be caught by a bounded wait, not by the koan's time limit");
        result.Message.ShouldContain(wrong.Symptom, Case.Insensitive, $"the message should name the symptom of: {wrong.Mistake}");
    }

    [Test]
    public void EveryThreadingTopicHasWrongAnswersAndThereAreEnough()
    {
        All.Count.ShouldBeGreaterThanOrEqualTo(AtLeast);
        All.Select(wrong => (wrong.Koan, wrong.Find, wrong.Replace)).ShouldBeUnique("the same wrong answer is listed twice");
        var topics = All.Select(wrong => wrong.Koan.Split('.')[0]).ToHashSet();
        var threading = KoanRuns.Solved.Path.Where(koan => koan.TopicNumber >= ThreadingPath.FirstTopic).Select(koan => koan.Topic).Distinct();
        threading.Where(topic => !topics.Contains(topic)).ShouldBeEmpty("threading topics without wrong answers");
    }

    /// <summary>
    /// Applies the wrong answers in rounds (no koan twice in a round), each round to the answered copy
    /// compiled again in-process, and runs just the koans it broke.
    /// </summary>
    private static IReadOnlyDictionary<WrongAnswer, KoanFinished?> RunAll()
    {
        var verdicts = new Dictionary<WrongAnswer, KoanFinished?>();
        // A mistake in the pool changes what every pool koan sees, so each has a round of its own.
        var rounds = Selected
            .Where(wrong => wrong.InPool is null)
            .GroupBy(wrong => wrong.Koan)
            .SelectMany(group => group.Select((wrong, index) => (wrong, index)))
            .GroupBy(pair => pair.index, pair => pair.wrong)
            .Select(round => round.ToList())
            .Concat(Selected.Where(wrong => wrong.InPool is not null).Select(wrong => new List<WrongAnswer> { wrong }));
        using var copy = new AnsweredCopy();
        foreach (var round in rounds)
        {
            copy.Answer();
            foreach (var wrong in round)
            {
                Apply(copy.Repo, wrong);
            }

            copy.Rebuild();
            var run = copy.Run(round.Select(wrong => wrong.Koan));
            run.Crash.ShouldBeNull($"a wrong answer crashed the host: {run.Crash}");
            run.Hung.ShouldBeNull($"a wrong answer hung the host: {run.Hung?.FullName}");
            var byName = run.Path.ToDictionary(koan => koan.FullName, koan => koan.Id);
            foreach (var wrong in round)
            {
                byName.ShouldContainKey(wrong.Koan, $"{wrong.Koan} is not a koan on the path");
                verdicts[wrong] = run.Results.GetValueOrDefault(byName[wrong.Koan]);
            }
        }

        return verdicts;
    }

    /// <summary>
    /// Replaces <see cref="WrongAnswer.Find"/>, found exactly once inside the koan's own method (or the pool
    /// member named by <see cref="WrongAnswer.InPool"/>), in the answered copy.
    /// </summary>
    private static void Apply(TempRepo repo, WrongAnswer wrong)
    {
        var file = FileOf(repo.Koans, wrong);
        File.WriteAllText(file, Broken(File.ReadAllText(file).ReplaceLineEndings("\n"), wrong));
    }

    /// <summary>The file of <paramref name="directory"/> (Koans or Solutions) that holds what <paramref name="wrong"/> edits.</summary>
    internal static string FileOf(string directory, WrongAnswer wrong) => wrong.InPool is { } pool
        ? PoolFileDeclaring(directory, pool.Split('.')[0])
        : Directory.GetFiles(directory, $"*_{wrong.Koan.Split('.')[0]}.cs").Single();

    /// <summary>The solved file's <paramref name="text"/> with <paramref name="wrong"/> written into its koan (or pool member).</summary>
    internal static string Broken(string text, WrongAnswer wrong)
    {
        var (topic, koan) = (wrong.Koan.Split('.')[0], wrong.Koan.Split('.')[1]);
        var (type, member) = wrong.InPool is { } pool ? (pool.Split('.')[0], pool.Split('.')[1]) : (topic, koan);
        var method = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantNodes().OfType<MemberDeclarationSyntax>()
            .Where(declaration => declaration.Parent is TypeDeclarationSyntax parent && parent.Identifier.ValueText == type && Named(declaration) == member)
            .ShouldHaveSingleItem($"{type} has no single member named {member}");
        var body = text.Substring(method.SpanStart, method.Span.Length);
        var at = body.IndexOf(wrong.Find, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0, $"{wrong.Koan} ({wrong.Mistake}): the text to replace is not in the solved koan:\n{wrong.Find}");
        body.IndexOf(wrong.Find, at + 1, StringComparison.Ordinal).ShouldBe(-1, $"{wrong.Koan} ({wrong.Mistake}): the text to replace is there more than once");
        var broken = string.Concat(body.AsSpan(0, at), wrong.Replace, body.AsSpan(at + wrong.Find.Length));
        return string.Concat(text.AsSpan(0, method.SpanStart), broken, text.AsSpan(method.Span.End));
    }

    /// <summary>The learner's pool file (<c>WorkerPool.cs</c>, <c>AsyncWorkerPool.cs</c>) that declares the type <paramref name="type"/>.</summary>
    private static string PoolFileDeclaring(string directory, string type) =>
        PoolClaims.FileNames.Select(name => Path.Combine(directory, name)).Where(File.Exists)
            .Where(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>().Any(declaration => declaration.Identifier.ValueText == type))
            .ShouldHaveSingleItem($"no single pool file declares {type}");

    private static string? Named(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText,
        _ => null,
    };
}

/// <summary>
/// The quick lane's check of every wrong answer's edit: its text is in the solved koan (or pool member) exactly once,
/// so that a change to the Solutions that moves it fails here, in seconds, not in the run of every wrong answer.
/// </summary>
[TestFixture]
public sealed class WrongAnswerTextTests
{
    private static IEnumerable<TestCaseData> Cases =>
        WrongAnswerTests.All.Select(wrong => new TestCaseData(wrong).SetArgDisplayNames($"{wrong.Koan}: {wrong.Mistake}"));

    [TestCaseSource(nameof(Cases))]
    public void AWrongAnswersTextIsInItsSolvedKoanOnce(WrongAnswer wrong)
    {
        ArgumentNullException.ThrowIfNull(wrong);
        var file = WrongAnswerTests.FileOf(RepoPaths.Solutions, wrong);
        var solved = File.ReadAllText(file).ReplaceLineEndings("\n");
        WrongAnswerTests.Broken(solved, wrong).ShouldNotBe(solved, $"{wrong.Koan} ({wrong.Mistake}) changes nothing");
    }
}

/// <summary>Where the threading path begins.</summary>
internal static class ThreadingPath
{
    /// <summary>The number of the first threading topic, AboutThreads.</summary>
    public const int FirstTopic = 6;
}
