namespace ThreadingKoans.PathModel;

/// <summary>What a koan's threads did (its <see cref="TimelineStep"/>s), and why it ended as it did.</summary>
/// <param name="Steps">The steps, in the order they happened.</param>
/// <param name="Dropped">How many steps before these the koan did not keep.</param>
/// <param name="Why">Why it failed; null for a koan that passed.</param>
internal sealed record KoanTimeline(IReadOnlyList<TimelineStep> Steps, int Dropped, FailureKind? Why)
{
    /// <summary>
    /// The timeline of a finished koan, when it may be shown: never while the koan still has a value blank of its own
    /// (the steps could show the order or the count the blank asks for), and for a failing koan only when it failed
    /// where the threads are the story: a bounded wait that ran out, an exception that escaped a thread, a code blank
    /// reached, the time limit. A koan that passed shows it whenever it recorded a step; a timeline without steps is never offered.
    /// </summary>
    public static KoanTimeline? Offered(KoanFinished result, BlankPlaces blanks)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(blanks);
        if (result.Steps is not { Count: > 0 } steps)
        {
            return null;
        }

        var offered = result.Outcome == KoanOutcome.Passed
            || (!blanks.ValueBlankLeft && result.Why is FailureKind.Wait or FailureKind.Escape or FailureKind.CodeBlank or FailureKind.Hang);
        return offered ? new KoanTimeline(steps, result.StepsDropped, result.Why) : null;
    }
}
