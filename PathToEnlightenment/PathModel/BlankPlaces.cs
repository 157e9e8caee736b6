namespace ThreadingKoans.PathModel;

/// <summary>
/// Where a failing koan sends the learner: the first blank still left in the koan itself, then the blanks of
/// the learner's pool that the koan claims. A blank is the thing to fill whatever line the failure happened
/// on: a code blank inside a thread's body fails as a distant wait, but the blank is what needs the work.
/// </summary>
/// <param name="Koan">The koan's own first blank (<c>Koans/File.cs:17</c>), or null when it has none left.</param>
/// <param name="Pool">The pool blanks the koan claims that are still blank, in the pool files' order.</param>
internal sealed record BlankPlaces(string? Koan, IReadOnlyList<PoolNeed> Pool)
{
    /// <summary>Whether a value blank <c>__</c> is still left in the koan itself.</summary>
    public bool ValueBlankLeft { get; init; }

    /// <summary>The place to show first: the koan's own blank, else the first pool blank, else null.</summary>
    public string? First => Koan ?? (Pool.Count > 0 ? Pool[0].Place : null);

    /// <summary>The blanks still left for <paramref name="koan"/> in the repository at <paramref name="layout"/>.</summary>
    public static BlankPlaces For(KoanInfo koan, RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(koan);
        ArgumentNullException.ThrowIfNull(layout);
        var file = File.Exists(koan.File) ? koan.File : Path.Combine(layout.Koans, Path.GetFileName(koan.File));
        var block = File.Exists(file) ? KoanText.Find(File.ReadAllText(file), koan.Topic, koan.Name) : null;
        var pool = PoolClaims.In(layout.Koans)
            .Select(blank => (blank, claim: blank.Claims.FirstOrDefault(claim => claim.Koan == koan.FullName)))
            .Where(pair => pair.claim is not null)
            .Select(pair => new PoolNeed(pair.blank.Place, pair.claim!.Need))
            .ToList();
        return new BlankPlaces(block?.FirstBlankLine is { } line ? $"{SourcePlace.ShortPath(file)}:{line}" : null, pool) { ValueBlankLeft = block?.HasValueBlank == true };
    }
}

/// <summary>A blank of the learner's pool that a koan needs, and what its comment asks for there.</summary>
/// <param name="Place"><c>Koans/WorkerPool.cs:40</c>, <c>Koans/AsyncWorkerPool.cs:70</c>.</param>
/// <param name="Need">What is needed, in the comment's words.</param>
internal sealed record PoolNeed(string Place, string Need);
