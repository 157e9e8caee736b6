namespace ThreadingKoans.Runner.Running;

/// <summary>What building and running the koans gave: the host's run, or the verdict that came before it.</summary>
/// <param name="Run">The host's run, when the koans were built and run.</param>
/// <param name="Stopped">The verdict that stopped the walk before the koans ran (a broken layout, a compile error).</param>
internal sealed record Meditation(HostRun? Run, Verdict? Stopped)
{
    /// <summary>The verdict: the one that stopped the walk, or else the one the host's run gives.</summary>
    public Verdict Read(Func<HostRun, Verdict> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return Run is { } run ? read(run) : Stopped ?? throw new InvalidOperationException("A meditation has either a run or a verdict.");
    }
}

/// <summary>Which koans to run.</summary>
/// <param name="Only">The koans or topics (<c>Topic[.Koan][,…]</c>) to run; null for the whole path.</param>
/// <param name="RunAll">Run every one of them whatever fails before it (a koan or topic asked for alone); else stop at the first failure.</param>
/// <param name="StillPassing">Koans (<c>Topic.Koan</c>) not to run again: they passed and nothing they depend on changed since. They count as passed.</param>
internal sealed record KoanSelection(string? Only, bool RunAll, IReadOnlySet<string> StillPassing)
{
    /// <summary>Whether every koan's timeline comes back, a passed koan's too (<c>timeline</c>), not only a failed koan's.</summary>
    public bool Timelines { get; init; }

    /// <summary>The whole path, stopping at the first failure, without running again the koans of <paramref name="stillPassing"/>.</summary>
    public static KoanSelection Path(IReadOnlySet<string> stillPassing) => new(null, RunAll: false, stillPassing);

    /// <summary>These koans or topics alone, every one of them.</summary>
    public static KoanSelection Alone(string only) => new(only, RunAll: true, new HashSet<string>());
}

/// <summary>Builds the learner's koans and runs them as <paramref name="selection"/> asks.</summary>
internal delegate Meditation Meditate(RepoLayout layout, KoanSelection selection);
