using System.Collections.Concurrent;
using Shouldly;

namespace ThreadingKoans.Engine;

/// <summary>
/// Waits that always end. Each one gives up after <see cref="Timeout"/> and fails the koan with a message
/// that says which thread waited, for what, and what it found instead, so a wrong answer fails in about
/// a second and never hangs the run.
/// </summary>
public static class Bounded
{
    private static string? _currentWait;

    /// <summary>How long any bounded wait waits. A correct answer never comes near it.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long to watch for something that must <em>not</em> happen. Proving a negative needs a wait that
    /// runs out; this one is short, and koans use it only after the positive case has been shown.
    /// </summary>
    public static TimeSpan Brief { get; } = TimeSpan.FromMilliseconds(50);

    /// <summary>What the koan is waiting for right now, for the message of a koan that is abandoned.</summary>
    internal static string? CurrentWait
    {
        get => Volatile.Read(ref _currentWait);
        set => Volatile.Write(ref _currentWait, value);
    }

    /// <summary>Waits for <paramref name="thread"/> to finish; fails with its name and state if it does not.</summary>
    /// <param name="thread">The thread to wait for.</param>
    /// <param name="because">What the learner should suspect when it does not finish.</param>
    public static void Join(Thread thread, string because)
    {
        ArgumentNullException.ThrowIfNull(thread);
        if (thread.ThreadState.HasFlag(ThreadState.Unstarted))
        {
            throw Failure($"{Waiter()} wanted to wait for {Describe(thread)}, but it was never started: {because}");
        }

        Watch($"{Describe(thread)} to finish", () => thread.Join(Timeout),
            () => $"{Describe(thread)} was still {thread.ThreadState} after {Seconds}: {because}");
    }

    /// <summary>Waits until <paramref name="signal"/> is set.</summary>
    public static void Wait(ManualResetEventSlim signal, string what)
    {
        ArgumentNullException.ThrowIfNull(signal);
        Watch(what, () => signal.Wait(Timeout), () => Missed(what));
    }

    /// <summary>Waits until <paramref name="handle"/> is signalled.</summary>
    public static void Wait(WaitHandle handle, string what)
    {
        ArgumentNullException.ThrowIfNull(handle);
        Watch(what, () => handle.WaitOne(Timeout), () => Missed(what));
    }

    /// <summary>Waits until <paramref name="countdown"/> reaches zero.</summary>
    public static void Wait(CountdownEvent countdown, string what)
    {
        ArgumentNullException.ThrowIfNull(countdown);
        Watch(what, () => countdown.Wait(Timeout),
            () => $"{Missed(what)} The countdown still needed {countdown.CurrentCount} of {countdown.InitialCount} signals.");
    }

    /// <summary>Waits to enter <paramref name="semaphore"/>.</summary>
    public static void Wait(SemaphoreSlim semaphore, string what)
    {
        ArgumentNullException.ThrowIfNull(semaphore);
        Watch(what, () => semaphore.Wait(Timeout), () => $"{Missed(what)} No place in the semaphore came free.");
    }

    /// <summary>Arrives at <paramref name="barrier"/> and waits for the other participants.</summary>
    public static void SignalAndWait(Barrier barrier, string what)
    {
        ArgumentNullException.ThrowIfNull(barrier);
        Watch(what, () => barrier.SignalAndWait(Timeout),
            () => $"{Missed(what)} {barrier.ParticipantsRemaining} of {barrier.ParticipantCount} participants never arrived at the barrier.");
    }

    /// <summary>Takes the next item of <paramref name="queue"/>, waiting for one to arrive.</summary>
    public static T Take<T>(BlockingCollection<T> queue, string what)
    {
        ArgumentNullException.ThrowIfNull(queue);
        T item = default!;
        Watch(what, () => queue.TryTake(out item!, Timeout),
            () => queue.IsAddingCompleted
                ? $"{Missed(what)} The queue is empty and marked complete: nothing more will come."
                : $"{Missed(what)} The queue stayed empty: nobody put anything in.");
        return item;
    }

    /// <summary>
    /// Awaits <paramref name="task"/>, but no longer than <see cref="Timeout"/>: what the task threw is
    /// thrown here, as <c>await</c> throws it; a task still running after that fails the koan with its status.
    /// </summary>
    /// <param name="task">The task to await.</param>
    /// <param name="what">What the koan awaits, for the message ("the fetch to finish once released").</param>
    public static async Task Await(Task task, string what)
    {
        ArgumentNullException.ThrowIfNull(task);
        await Ended(task, what).ConfigureAwait(false);
        await task.ConfigureAwait(false);
    }

    /// <summary>Awaits <paramref name="task"/> and gives its result, but no longer than <see cref="Timeout"/>.</summary>
    /// <param name="task">The task to await.</param>
    /// <param name="what">What the koan awaits, for the message.</param>
    public static async Task<T> Await<T>(Task<T> task, string what)
    {
        ArgumentNullException.ThrowIfNull(task);
        await Ended(task, what).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    /// <summary>
    /// Blocks until <paramref name="task"/> has ended, whether it ran to completion, failed or was canceled,
    /// but no longer than <see cref="Timeout"/>. It throws nothing of the task's own: read its
    /// <see cref="Task.Status"/> or <see cref="Task.Exception"/> afterwards.
    /// </summary>
    public static void Wait(Task task, string what)
    {
        ArgumentNullException.ThrowIfNull(task);
        Watch(what, () => ((IAsyncResult)task).AsyncWaitHandle.WaitOne(Timeout), () => StillRunning(task, what));
    }

    private static async Task Ended(Task task, string what)
    {
        // The await is the awaiting thread's step, whichever thread the rest of the method comes back on.
        var lane = Timeline.CurrentLane();
        CurrentWait = $"{what} (awaited by the koan)";
        try
        {
            await task.WaitAsync(Timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            CurrentWait = null;
        }

        if (task.IsCompleted)
        {
            Timeline.Note(lane, $"awaited {what}", StepMark.Waited);
        }
        else
        {
            Timeline.Note(lane, $"gave up awaiting {what}", StepMark.Failure);
            // If it fails later, nobody will look: observe it now so it cannot surface in another koan.
            _ = task.ContinueWith(static ended => _ = ended.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw Failure(StillRunning(task, what));
        }
    }

    private static string StillRunning(Task task, string what) =>
        $"The koan waited {Seconds} for {what}, in vain: the task was still {Describe(task.Status)}.";

    private static string Describe(TaskStatus status) => status switch
    {
        TaskStatus.WaitingForActivation => "waiting (WaitingForActivation: it awaits something that has not happened, or nobody will complete it)",
        TaskStatus.WaitingToRun => "waiting for a thread to run it (WaitingToRun)",
        TaskStatus.Created => "never started (Created)",
        TaskStatus.Running => "running (Running)",
        TaskStatus.WaitingForChildrenToComplete => "waiting for its children (WaitingForChildrenToComplete)",
        _ => status.ToString(),
    };

    /// <summary>Waits until <paramref name="condition"/> holds (checked often, never slept on).</summary>
    public static void Until(Func<bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        Watch(what, () => SpinWait.SpinUntil(condition, Timeout), () => Missed(what));
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> has held on every check for <see cref="Steady"/> in a row:
    /// for a thread's state, which can flicker (a thread that spins before it blocks passes through short
    /// sleeps) before it settles.
    /// </summary>
    public static void UntilSteady(Func<bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var since = (long?)null;
        Watch(what, () => SpinWait.SpinUntil(() =>
        {
            if (!condition())
            {
                since = null;
                return false;
            }

            since ??= Environment.TickCount64;
            return Environment.TickCount64 - since >= Steady.TotalMilliseconds;
        }, Timeout), () => Missed(what));
    }

    /// <summary>How long <see cref="UntilSteady"/> wants its condition to hold.</summary>
    public static TimeSpan Steady { get; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Watches <paramref name="signal"/> for <see cref="Brief"/> and says whether it stayed unset: the way a
    /// koan shows that something did <em>not</em> happen.
    /// </summary>
    public static bool StaysUnset(ManualResetEventSlim signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return !signal.Wait(Brief);
    }

    /// <summary>The name a failure message uses for a thread.</summary>
    public static string Describe(Thread thread)
    {
        ArgumentNullException.ThrowIfNull(thread);
        return thread.Name is { Length: > 0 } name ? $"thread '{name}'" : $"thread #{thread.ManagedThreadId}";
    }

    private static string Seconds => $"{Timeout.TotalSeconds:0.#} s";

    private static string Waiter() =>
        Thread.CurrentThread.Name is { } name && name.StartsWith("koan ", StringComparison.Ordinal)
            ? "the koan"
            : Describe(Thread.CurrentThread);

    private static string Missed(string what) => $"{Waiter()} waited {Seconds} for {what}, in vain.";

    private static void Watch(string what, Func<bool> wait, Func<string> explain)
    {
        CurrentWait = $"{what} (in {Waiter()})";
        bool arrived;
        try
        {
            arrived = wait();
        }
        catch (ThreadInterruptedException)
        {
            // A code blank the koan reached woke it: the wait neither got what it waited for nor ran out.
            Timeline.Note($"was waiting for {what}", StepMark.Step);
            throw;
        }
        finally
        {
            CurrentWait = null;
        }

        if (!arrived)
        {
            Timeline.Note($"gave up waiting for {what}", StepMark.Failure);
            throw Failure(explain());
        }

        Timeline.Note($"waited for {what}", StepMark.Waited);
    }

    private static BoundedWaitException Failure(string message) => new(message);
}

/// <summary>A bounded wait that ran out: the koan fails with what the wait was for and what it found instead.</summary>
public sealed class BoundedWaitException : ShouldAssertException
{
    public BoundedWaitException(string? message)
        : base(message)
    {
    }

    public BoundedWaitException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
