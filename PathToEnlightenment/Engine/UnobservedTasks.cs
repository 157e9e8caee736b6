using System.Collections.Concurrent;

namespace ThreadingKoans.Engine;

/// <summary>
/// Finds the tasks a koan let fail without anyone looking: a task keeps its exception until someone
/// awaits it, waits for it or reads its <see cref="Task.Exception"/>, and one nobody looked at is reported
/// only when the garbage collector finds the task, which could be in any later koan. After each koan the
/// engine collects at once, so such an exception is reported against the koan that left it.
/// </summary>
internal static class UnobservedTasks
{
    private static readonly ConcurrentQueue<Exception> Seen = new();
    private static int _installed;

    /// <summary>Listens for unobserved task exceptions, once per process.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
        {
            TaskScheduler.UnobservedTaskException += (_, unobserved) =>
            {
                Seen.Enqueue(unobserved.Exception.InnerExceptions.Count == 1 ? unobserved.Exception.InnerExceptions[0] : unobserved.Exception);
                unobserved.SetObserved();
            };
        }
    }

    /// <summary>Where a koan starts: what <see cref="Sweep"/> needs to know to collect only what the koan made.</summary>
    public static int Mark() => GC.CollectionCount(1);

    /// <summary>
    /// Collects every task that nothing refers to any more, and gives the exceptions that none of them had
    /// had looked at, forgetting them. Everything made since <paramref name="mark"/> is still in the young
    /// generations unless a collection of generation 1 has happened since; only then is a full one needed.
    /// </summary>
    public static IReadOnlyList<Exception> Sweep(int mark)
    {
        GC.Collect(GC.CollectionCount(1) == mark ? 1 : GC.MaxGeneration);
        GC.WaitForPendingFinalizers();
        var found = new List<Exception>();
        while (Seen.TryDequeue(out var exception))
        {
            found.Add(exception);
        }

        return found;
    }
}
