namespace ThreadingKoans.Runner.Running;

/// <summary>How long the runner waits for the host.</summary>
/// <param name="Load">For the host to start, load the koans and report the path, or between two koans.</param>
/// <param name="Grace">Beyond a koan's own time limit, before the host is judged stuck and killed.</param>
/// <param name="Exit">For the host to exit once its input closed, before it is killed.</param>
internal sealed record HostLimits(TimeSpan Load, TimeSpan Grace, TimeSpan Exit)
{
    public static HostLimits Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
}
