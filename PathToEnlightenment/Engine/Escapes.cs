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
    private static Escape? _pending;

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
        Timeline.Note($"✗ ends: {exception.GetType().Name} escaped", StepMark.Failure);
        lock (Guard)
        {
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
