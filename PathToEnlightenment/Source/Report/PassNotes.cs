using ThreadingKoans.Engine;

namespace ThreadingKoans.Runner.Report;

/// <summary>What the learner is told about a koan they have just passed.</summary>
/// <param name="Koan"><c>Topic.Koan</c>.</param>
/// <param name="Explanation">Why it matters: the comment above the koan in Solutions (empty when there is none).</param>
/// <param name="Answers">What Solutions writes in each of its blanks, in source order.</param>
/// <param name="Problem">Why the answers could not be found, as a sentence without its full stop, when they could not; else null.</param>
internal sealed record PassNote(string Koan, string Explanation, IReadOnlyList<string> Answers, string? Problem);

/// <summary>
/// The notes for newly passed koans. A koan's answer comes from comparing the original koan (with its
/// blanks, from the copy the repository carries: see <see cref="OriginalKoans"/>) with Solutions, so it is
/// only ever shown for a koan that has just passed, never before.
/// </summary>
internal static class PassNotes
{
    /// <summary>At most this many passed koans are told about after one walk; the rest are counted.</summary>
    public const int MostShown = 3;

    /// <summary>The notes for the first <see cref="MostShown"/> of <paramref name="passed"/>.</summary>
    public static IReadOnlyList<PassNote> For(IEnumerable<KoanInfo> passed, RepoLayout layout, FindOriginal originals)
    {
        ArgumentNullException.ThrowIfNull(passed);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(originals);
        return passed.Take(MostShown).Select(koan => For(koan, layout, originals)).ToList();
    }

    private static PassNote For(KoanInfo koan, RepoLayout layout, FindOriginal originals)
    {
        var fileName = Path.GetFileName(koan.File.Replace('\\', '/'));
        var solutionsFile = Path.Combine(layout.Solutions, fileName);
        if (!File.Exists(solutionsFile))
        {
            // A copy without the answers (a learner may delete them on purpose) shows none, without a word.
            return new PassNote(koan.FullName, string.Empty, [], Problem: null);
        }

        var solutions = File.ReadAllText(solutionsFile);
        var explanation = KoanText.Find(solutions, koan.Topic, koan.Name)?.Explanation ?? string.Empty;
        var original = originals($"Koans/{fileName}", koan.Topic, koan.Name);
        if (original.Found is not { } found)
        {
            return new PassNote(koan.FullName, explanation, [], original.Problem);
        }

        var answers = AnswerLookup.For(found.Text, solutions, koan.Topic, koan.Name);
        return new PassNote(koan.FullName, explanation, answers, answers.Count == 0 ? $"Solutions has no answer for {koan.FullName}'s blanks" : null);
    }
}
