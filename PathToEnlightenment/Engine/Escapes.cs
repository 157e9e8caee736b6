using System.Runtime.ExceptionServices;

namespace ThreadingKoans.Engine;

/// <summary>
/// Catches an exception that escapes one of a koan's threads, so that the koan that was running fails
/// with it (which thread, what was thrown, where) instead of the whole test run ending with it. Only the
/// processes that run koans install it; a koan that shows what an escape does to a process shows it in a
/// child process of its own (<see cref="ChildProcess"/>), where nothing catches it.
/// </summary>
internal static class Escapes
{
    private static readonly Lock Guard = new();
    private static bool _installed;
    private static readonly ManualResetEvent Signal = new(initialState: false);

    // The koan whose body set it: its threads and tasks inherit it (a thread started, a task queued, a pool's workers).
    private static readonly AsyncLocal<string?> Owner = new();
    private static Escape? _pending;
    private static string? _running;

    /// <summary>Set while an escape waits to be taken.</summary>
    public static WaitHandle Arrived => Signal;

    /// <summary>Installs the handler once per process.</summary>
    public static void Install()
    {
        lock (Guard)
        {
            if (_installed)
            {
                return;
            }

            ExceptionHandling.SetUnhandledExceptionHandler(Catch);
            _installed = true;
        }
    }

    /// <summary>
    /// A koan begins: what escaped before it is not its own (a thread of an earlier koan, still running after that koan
    /// ended at a code blank), so it is forgotten.
    /// </summary>
    public static void Begin(string koan)
    {
        lock (Guard)
        {
            _running = koan;
            _pending = null;
            Signal.Reset();
        }
    }

    /// <summary>Called on the koan's body thread: the threads and tasks it starts are the koan's own.</summary>
    public static void Own(string koan) => Owner.Value = koan;

    /// <summary>The first escape since the last call, if any, and forgets it.</summary>
    public static Escape? Take()
    {
        lock (Guard)
        {
            var escape = _pending;
            _pending = null;
            Signal.Reset();
            return escape;
        }
    }

    private static bool Catch(Exception exception)
    {
        lock (Guard)
        {
            if (Owner.Value is { } owner && owner != _running)
            {
                // A thread of a koan that has already ended (it failed at a code blank while this thread ran on, and
                // what it used is gone): its koan has its verdict, and this one is not to blame. The thread ends.
                return true;
            }

            // Noted before the koan is woken, so that its timeline has the escape.
            Timeline.Note($"✗ ends: {exception.GetType().Name} escaped", StepMark.Failure);
            _pending ??= new Escape(exception, Bounded.Describe(Thread.CurrentThread));
            Signal.Set();
        }

        // The thread ends here; the process, and the run, go on.
        return true;
    }
}

/// <summary>An exception that escaped a thread.</summary>
/// <param name="Exception">What was thrown.</param>
/// <param name="Thread">The thread it escaped, as a message names it.</param>
internal sealed record Escape(Exception Exception, string Thread);
