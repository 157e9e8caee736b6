using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ThreadingKoans.Tests;

/// <summary>
/// How much of a value blank a reader can tell before reading the koan's code: a random sample of value blanks
/// (drawn with a stated seed) shown as cards with only what a learner sees first (the koan's name, the comment above
/// it, its question and the blank's line), and a reader's answers scored by whether the koan passes with them.
/// A maintainer's measure, run by hand with a reader who has seen neither <c>Koans/</c> nor <c>Solutions/</c>:
/// <code>
/// KOANS_BLIND_SEED=2026 KOANS_BLIND_CARDS=cards.md dotnet test PathToEnlightenment/Tests --filter Name=WriteTheBlindReadersCards
/// KOANS_BLIND_SEED=2026 KOANS_BLIND_ANSWERS=answers.json dotnet test PathToEnlightenment/Tests --filter Name=ScoreTheBlindReadersAnswers --logger "console;verbosity=detailed"
/// </code>
/// (<c>KOANS_BLIND_COUNT</c>, 60 by default, and <c>KOANS_BLIND_FROM</c>, the first topic, 6 by default.) The answers file
/// is a JSON object of card numbers to the reader's answers (<c>{"1": "new[] { 3, 1 }"}</c>). Our tests check that the
/// sample is drawn the same way every time and that a card says nothing more than it should.
/// </summary>
[TestFixture]
public sealed class BlindReaderTests
{
    [Test]
    public void TheSampleIsTheSameForTheSameSeedAndItsCardsShowNoAnswer()
    {
        var first = Sample(seed: 1, count: 60, fromTopic: 6);
        Sample(seed: 1, count: 60, fromTopic: 6).ShouldBe(first);
        first.Count.ShouldBe(60);
        first.Select(blank => blank.Place).ShouldBeUnique();
        first.ShouldAllBe(blank => blank.TopicNumber >= 6);
        var cards = Cards(first);
        cards.ShouldNotContain("Solutions", Case.Sensitive);
        foreach (var blank in first)
        {
            blank.BlankLine.ShouldContain("__", customMessage: $"the card of {blank.Place} shows the blank's line as the learner has it");
        }
    }

    [Test]
    [Explicit("a maintainer's measure: run by name, with KOANS_BLIND_SEED and KOANS_BLIND_CARDS")]
    public void WriteTheBlindReadersCards()
    {
        var cards = Cards(Sample(Setting("KOANS_BLIND_SEED", 0), Setting("KOANS_BLIND_COUNT", 60), Setting("KOANS_BLIND_FROM", 6)));
        if (Environment.GetEnvironmentVariable("KOANS_BLIND_CARDS") is { Length: > 0 } file)
        {
            File.WriteAllText(file, cards);
        }

        TestContext.Out.WriteLine(cards);
    }

    [Test]
    [Explicit("a maintainer's measure: run by name, with KOANS_BLIND_SEED and KOANS_BLIND_ANSWERS")]
    [Category(TestLanes.Process)]
    public void ScoreTheBlindReadersAnswers()
    {
        var sample = Sample(Setting("KOANS_BLIND_SEED", 0), Setting("KOANS_BLIND_COUNT", 60), Setting("KOANS_BLIND_FROM", 6));
        var file = Environment.GetEnvironmentVariable("KOANS_BLIND_ANSWERS").ShouldNotBeNull("KOANS_BLIND_ANSWERS names the reader's answers");
        var given = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)).ShouldNotBeNull();
        var guesses = sample.Select((blank, index) => (Card: index + 1, Blank: blank, Guess: given.GetValueOrDefault((index + 1).ToString(CultureInfo.InvariantCulture))))
            .ToList();

        var exact = Exact(guesses);
        foreach (var (card, blank, guess) in guesses)
        {
            TestContext.Out.WriteLine($"{card,3} {(exact.Contains(card) ? "exact" : "     ")}  {blank.Place,-40} {blank.Koan}: guessed `{guess}`, answer `{blank.Answer}`");
        }

        TestContext.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{exact.Count} of {sample.Count} cards answered exactly from the card alone ({(double)exact.Count / sample.Count:P0}); seed {Setting("KOANS_BLIND_SEED", 0)}"));
    }

    [Test]
    [Category(TestLanes.Process)]
    public void TheScoringCountsAnAnswerWrittenAnotherWayAsExactAndAWrongOneAsNot()
    {
        // The measure itself, checked: Solutions' own answers, each written another way (so that the koan has to run with it),
        // are exact; the same answers with a digit or a letter changed, or not C# at all, are not.
        var sample = Sample(seed: 7, count: 8, fromTopic: 6);
        var rewritten = sample.Select((blank, index) => (Card: index + 1, Blank: blank, Guess: (string?)$"({blank.Answer})")).ToList();
        Exact(rewritten).Count.ShouldBe(sample.Count, "Solutions' answers in brackets make their koans pass");
        var wrong = sample.Select((blank, index) => (Card: index + 1, Blank: blank, Guess: (string?)((index % 2 == 0 ? null : Changed(blank.Answer)) ?? $"{blank.Answer} +"))).ToList();
        Exact(wrong).Select(card => $"{wrong[card - 1].Blank.Place}: `{wrong[card - 1].Guess}`").ShouldBeEmpty("an answer that is not C#, or not the answer, is not exact");
    }

    /// <summary>
    /// The cards whose guess is exact: written as Solutions writes it (whitespace aside), or else making the koan pass when
    /// put in its place in an answered copy (compiled in-process, a few guesses a round, never two of one koan).
    /// </summary>
    private static HashSet<int> Exact(IReadOnlyList<(int Card, ValueBlank Blank, string? Guess)> guesses)
    {
        var exact = guesses.Where(guess => guess.Guess is { } text && Same(text, guess.Blank.Answer)).Select(guess => guess.Card).ToHashSet();
        var tried = guesses.Where(guess => guess.Guess is { Length: > 0 } && !exact.Contains(guess.Card)).ToList();
        if (tried.Count == 0)
        {
            return exact;
        }

        using var copy = new AnsweredCopy();
        foreach (var round in tried.GroupBy(guess => guess.Blank.Koan).SelectMany(koan => koan.Select((guess, index) => (guess, index))).GroupBy(pair => pair.index, pair => pair.guess))
        {
            copy.Answer();

            // From the bottom of each file up, so that a guess of another length moves no line still to be found.
            foreach (var guess in round.OrderByDescending(guess => guess.Blank.SolutionsLine))
            {
                Put(copy.Repo, guess.Blank, guess.Guess!);
            }

            if (!copy.TryRebuild())
            {
                // A guess that does not compile is not the answer; the round's others are tried one by one.
                foreach (var guess in round)
                {
                    copy.Answer();
                    Put(copy.Repo, guess.Blank, guess.Guess!);
                    if (copy.TryRebuild() && Passes(copy, guess.Blank))
                    {
                        exact.Add(guess.Card);
                    }
                }

                continue;
            }

            foreach (var guess in round.Where(guess => Passes(copy, guess.Blank)))
            {
                exact.Add(guess.Card);
            }
        }

        return exact;
    }

    /// <summary>The answer with its first digit moved on by one, or else a letter put in its first string: another value of the same kind; null for an answer with neither.</summary>
    private static string? Changed(string answer)
    {
        var at = answer.IndexOfAny("0123456789".ToCharArray());
        if (at >= 0)
        {
            return string.Concat(answer.AsSpan(0, at), ((answer[at] - '0' + 1) % 10).ToString(CultureInfo.InvariantCulture), answer.AsSpan(at + 1));
        }

        var quote = answer.IndexOf('"', StringComparison.Ordinal);
        return quote >= 0 ? answer.Insert(quote + 1, "x") : null;
    }

    /// <summary>The sample: <paramref name="count"/> value blanks of topics <paramref name="fromTopic"/> on, drawn with <paramref name="seed"/>.</summary>
    internal static IReadOnlyList<ValueBlank> Sample(int seed, int count, int fromTopic)
    {
        var all = ValueBlanks.All.Where(blank => blank.TopicNumber >= fromTopic).ToList();
        return [.. new Random(seed).GetItems([.. Enumerable.Range(0, all.Count)], all.Count).Distinct().Take(count).Order().Select(index => all[index])];
    }

    /// <summary>The cards of a sample, numbered: what a learner reads before the koan's code, and nothing else.</summary>
    internal static string Cards(IReadOnlyList<ValueBlank> sample)
    {
        var text = new StringBuilder("""
            # Cards

            Each card shows what a learner sees of a koan before reading its code: its name (a fact), the comment above
            it, its question, and the line with the blank `__`. Write the C# expression you would put in place of `__`.

            """);
        foreach (var (blank, index) in sample.Select((blank, index) => (blank, index)))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## Card {index + 1}: {blank.Topic}.{blank.Koan}\n\n")
                .Append(CultureInfo.InvariantCulture, $"// {blank.Comment}\n")
                .Append(CultureInfo.InvariantCulture, $"Question: {blank.Question}\n\n")
                .Append(CultureInfo.InvariantCulture, $"    {blank.BlankLine}\n");
            if (blank.WhichOnTheLine is { OnTheLine: > 1 } which)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n(This card asks for blank {which.Ordinal} of the {which.OnTheLine} on that line.)\n");
            }
        }

        return text.ToString();
    }

    private static bool Passes(AnsweredCopy copy, ValueBlank blank)
    {
        var run = copy.Run([$"{blank.Topic}.{blank.Koan}"]);
        var koan = run.Path.Single(koan => koan.Name == blank.Koan && koan.Topic == blank.Topic);
        return run.Passed(koan);
    }

    /// <summary>Puts <paramref name="guess"/> in the answered copy in place of Solutions' answer to <paramref name="blank"/>.</summary>
    private static void Put(TempRepo repo, ValueBlank blank, string guess)
    {
        var file = Path.Combine(repo.Koans, blank.File);
        var text = File.ReadAllText(file);
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(text);
        var answer = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax>()
            .Where(expression => tree.GetLineSpan(expression.Span).StartLinePosition.Line + 1 == blank.SolutionsLine)
            .FirstOrDefault(expression => Same(expression.ToString(), blank.Answer))
            .ShouldNotBeNull($"the answer to {blank.Place} is not where Solutions has it (line {blank.SolutionsLine}: `{blank.Answer}`)");
        File.WriteAllText(file, string.Concat(text.AsSpan(0, answer.SpanStart), guess, text.AsSpan(answer.Span.End)));
    }

    private static bool Same(string guess, string answer) =>
        string.Concat(guess.Where(c => !char.IsWhiteSpace(c))) == string.Concat(answer.Where(c => !char.IsWhiteSpace(c)));

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
