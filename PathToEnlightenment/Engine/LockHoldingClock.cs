namespace ThreadingKoans.Engine;

/// <summary>
/// A clock that can be told to stop whoever reads it, so that a koan can hold a lock it cannot reach: code
/// that reads the clock while it holds a lock (a pool's snapshot stamps itself with the time under the
/// pool's lock) keeps that lock until the koan lets go. How a koan shows that a waiter lets the lock go
/// while it waits, or forces two threads to look at the same moment.
/// </summary>
public sealed class LockHoldingClock : TimeProvider, IDisposable
{
    private readonly ManualResetEventSlim _holding = new();
    private ManualResetEventSlim? _release;

    /// <summary>What the reader threw after it had let go, if anything: only the lock it held on the way matters.</summary>
    public Exception? ReaderThrew { get; private set; }

    /// <summary>The time; while a hold is on, the reader waits here (with its lock) until the koan lets go.</summary>
    public override DateTimeOffset GetUtcNow()
    {
        if (Volatile.Read(ref _release) is { } release)
        {
            _holding.Set();
            release.Wait(Bounded.Timeout);
        }

        return base.GetUtcNow();
    }

    /// <summary>
    /// Runs <paramref name="readUnderTheLock"/> on a thread of its own and returns once it has taken its lock
    /// and reached this clock; it stays there until the returned hold is disposed.
    /// </summary>
    /// <param name="readUnderTheLock">Code that takes the lock and reads this clock while it holds it.</param>
    /// <param name="lockName">The lock, as the failure names it when it is never reached ("the pool's lock").</param>
    public IDisposable Hold(Action readUnderTheLock, string lockName)
    {
        ArgumentNullException.ThrowIfNull(readUnderTheLock);
        _holding.Reset();
        var release = new ManualResetEventSlim();
        Volatile.Write(ref _release, release);
        var holder = new Thread(() => Read(readUnderTheLock)) { IsBackground = true, Name = "lock holder" };
        holder.Start();
        Bounded.Wait(_holding, $"the lock holder to take {lockName}, which should be free: nobody may keep it while waiting (Monitor.Wait lets it go)");
        return new LetGo(() =>
        {
            Volatile.Write(ref _release, null);
            release.Set();
            Bounded.Join(holder, "its clock was let go");
            release.Dispose();
        });
    }

    public void Dispose() => _holding.Dispose();

    private void Read(Action readUnderTheLock)
    {
        try
        {
            readUnderTheLock();
        }
#pragma warning disable CA1031 // A reader that fails after it let go still held the lock on the way; the koan may look at what it threw.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ReaderThrew = exception;
        }
    }

    private sealed class LetGo(Action letGo) : IDisposable
    {
        public void Dispose() => letGo();
    }
}
