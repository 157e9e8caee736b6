namespace ThreadingKoans.Engine;

/// <summary>
/// Keeps a learner's run to one failure: once a koan fails, every later koan of the same run is skipped
/// with "not yet: first meditate on …". Maintainers switch it off with the environment variable
/// <c>KOANS_UNGATED=1</c> to see every koan's own result.
/// </summary>
public static class Gate
{
    /// <summary>The environment variable that switches the gate off when set to 1.</summary>
    public const string UngatedVariable = "KOANS_UNGATED";

    private static string? _blocker;

    /// <summary>Whether later koans wait for the first failing one.</summary>
    public static bool Enabled { get; set; } = Environment.GetEnvironmentVariable(UngatedVariable) != "1";

    /// <summary>The first koan that failed in this run (<c>Topic.Koan</c>), if any.</summary>
    public static string? Blocker => Volatile.Read(ref _blocker);

    /// <summary>Remembers the first failing koan; later failures do not replace it.</summary>
    public static void RecordFailure(string koan) => Interlocked.CompareExchange(ref _blocker, koan, null);

    /// <summary>Forgets the failures seen so far (for a host that runs the path more than once).</summary>
    public static void Reset() => Volatile.Write(ref _blocker, null);
}
