namespace ThreadingKoans.PathModel;

/// <summary>What one run of the koan host saw.</summary>
/// <param name="Path">Every koan, in path order (empty when the host died before it reported them).</param>
/// <param name="Results">How each koan that ran ended, by id.</param>
/// <param name="Crash">The exception that escaped a thread and ended the host, if one did.</param>
/// <param name="Hung">The koan that was running when the host stopped answering and was killed.</param>
/// <param name="Completed">Whether the host reported the end of the run.</param>
/// <param name="Errors">What the host wrote to standard error.</param>
/// <param name="StrayOutput">Lines the host printed that were not reports (a koan's own prints, outside NUnit).</param>
/// <param name="Rounds">The rounds of a repeated run.</param>
internal sealed record HostRun(
    IReadOnlyList<KoanInfo> Path,
    IReadOnlyDictionary<string, KoanFinished> Results,
    ProcessCrashing? Crash,
    KoanInfo? Hung,
    bool Completed,
    string Errors,
    IReadOnlyList<string> StrayOutput,
    IReadOnlyList<RoundDone> Rounds)
{
    /// <summary>Whether <paramref name="koan"/> passed in this run.</summary>
    public bool Passed(KoanInfo koan)
    {
        ArgumentNullException.ThrowIfNull(koan);
        return Results.TryGetValue(koan.Id, out var result) && result.Outcome == KoanOutcome.Passed;
    }

    /// <summary>How many koans of this run were taken as still passing, without running.</summary>
    public int Taken => Results.Values.Count(result => result.Taken);

    /// <summary>
    /// This run with the koans of <paramref name="stillPassing"/> (<c>Topic.Koan</c>) that did not run counted
    /// as passed: they passed before and nothing they depend on changed (see <see cref="LearnerFiles.StillPassing"/>).
    /// </summary>
    public HostRun Counting(IReadOnlySet<string> stillPassing)
    {
        ArgumentNullException.ThrowIfNull(stillPassing);
        if (stillPassing.Count == 0)
        {
            return this;
        }

        var results = Results.ToDictionary(StringComparer.Ordinal);
        foreach (var koan in Path.Where(koan => !results.ContainsKey(koan.Id) && stillPassing.Contains(koan.FullName)))
        {
            results[koan.Id] = new KoanFinished(koan.Id, KoanOutcome.Passed, null, null, null, 0) { Taken = true };
        }

        return this with { Results = results };
    }
}
