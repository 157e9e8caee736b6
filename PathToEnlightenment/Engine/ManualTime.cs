namespace ThreadingKoans.Engine;

/// <summary>
/// A clock that moves only when a koan moves it, so that anything measured "per second" gives the same
/// figure on every run, on any machine, however busy.
/// </summary>
public sealed class ManualTime : TimeProvider
{
    private long _ticks = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero).UtcTicks;

    /// <summary>The time now, as this clock has it.</summary>
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Moves the clock forward.</summary>
    /// <param name="by">How far; it must not be negative.</param>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _ticks, by.Ticks);
    }
}
