namespace ThreadingKoans.Engine;

/// <summary>
/// A clock that moves only when a koan moves it, so that anything measured "per second" gives the same
/// figure on every run, on any machine, however busy. Its timers (a <see cref="CancellationTokenSource"/>
/// made with it, <c>Task.Delay</c> given it) fire only when <see cref="Advance"/> moves the clock past
/// their time, on the thread that moves it, before <see cref="Advance"/> returns.
/// </summary>
public sealed class ManualTime : TimeProvider
{
    private readonly object _timersLock = new();
    private readonly List<ManualTimer> _timers = [];
    private long _ticks = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero).UtcTicks;

    /// <summary>The time now, as this clock has it.</summary>
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Moves the clock forward, and fires every timer that falls due on the way, in order.</summary>
    /// <param name="by">How far; it must not be negative.</param>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _ticks, by.Ticks);
        while (NextDue() is { } due)
        {
            due.Fire();
        }
    }

    /// <summary>A timer on this clock: it never fires by itself, only when <see cref="Advance"/> passes its time.</summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    // The earliest timer due by now, taken off the list (a periodic one is put back at its next time).
    private ManualTimer? NextDue()
    {
        lock (_timersLock)
        {
            var now = Interlocked.Read(ref _ticks);
            var due = _timers.Where(timer => timer.DueTicks <= now).MinBy(timer => timer.DueTicks);
            if (due is not null)
            {
                _timers.Remove(due);
                if (due.PeriodTicks > 0)
                {
                    due.DueTicks += due.PeriodTicks;
                    _timers.Add(due);
                }
            }

            return due;
        }
    }

    private sealed class ManualTimer(ManualTime clock, TimerCallback callback, object? state) : ITimer
    {
        public long DueTicks { get; set; }

        public long PeriodTicks { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._timersLock)
            {
                clock._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                DueTicks = Interlocked.Read(ref clock._ticks) + dueTime.Ticks;
                PeriodTicks = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
                clock._timers.Add(this);
                return true;
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._timersLock)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
