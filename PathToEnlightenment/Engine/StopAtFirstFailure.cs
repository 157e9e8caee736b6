namespace ThreadingKoans.Engine;

/// <summary>
/// Keeps a learner's run to one failure: once a koan fails, every later koan of the same run is skipped
/// with "not yet: first meditate on …". Maintainers run every koan instead with the environment variable
/// <c>KOANS_RUN_ALL=1</c> (or <see cref="KoanRequest.RunAll"/>) to see each koan's own result.
/// </summary>
public static class StopAtFirstFailure
{
    /// <summary>The environment variable that, set to 1, runs every koan whatever fails before it.</summary>
    public const string RunAllVariable = "KOANS_RUN_ALL";

    private static string? _firstFailure;

    /// <summary>Whether later koans wait for the first failing one.</summary>
    public static bool Enabled { get; set; } = Environment.GetEnvironmentVariable(RunAllVariable) != "1";

    /// <summary>The first koan that failed in this run (<c>Topic.Koan</c>), if any.</summary>
    public static string? FirstFailure => Volatile.Read(ref _firstFailure);

    /// <summary>Remembers the first failing koan; later failures do not replace it.</summary>
    public static void Record(string koan) => Interlocked.CompareExchange(ref _firstFailure, koan, null);

    /// <summary>Forgets the failures seen so far (for a host that runs the path more than once).</summary>
    public static void Reset() => Volatile.Write(ref _firstFailure, null);
}
