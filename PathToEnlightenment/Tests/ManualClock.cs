namespace ThreadingKoans.Tests;

/// <summary>
/// A clock that moves only when the test says so. Its timers fire on <see cref="Advance"/>, on the test's
/// thread; <see cref="TimerStarted"/> lets the test wait (bounded) until the code under test has started one.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly SemaphoreSlim _started = new(0);
    private DateTimeOffset _now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        _started.Release();
        return timer;
    }

    /// <summary>Waits until one more timer has been started since the last call, or fails the test after a bound.</summary>
    public async Task TimerStarted() => (await _started.WaitAsync(Bound)).ShouldBeTrue("the loop never started the timer it waits on");

    /// <summary>
    /// Moves the time on and fires the timers that became due (once each: periods are not kept), on the
    /// thread pool, so that code continuing after a timer never runs on, or blocks, the test's thread.
    /// </summary>
    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_lock)
        {
            _now += by;
            due = _timers.Where(timer => timer.Due <= _now).ToList();
            _timers.RemoveAll(due.Contains);
        }

        due.ForEach(timer => ThreadPool.QueueUserWorkItem(_ => timer.Fire()));
    }

    /// <summary>Arms <paramref name="timer"/> to fire <paramref name="dueIn"/> from now, or disarms it when null.</summary>
    private void Schedule(ManualTimer timer, TimeSpan? dueIn)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
            if (dueIn is { } wait)
            {
                timer.Due = _now + wait;
                _timers.Add(timer);
            }
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Schedule(this, dueTime == Timeout.InfiniteTimeSpan ? null : dueTime);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => clock.Schedule(this, null);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
