namespace ThreadingKoans.Runner.Session;

/// <summary>What a command that runs the learner's pool needs (<c>demo</c>, <c>crawl</c>), and how it is named to them.</summary>
/// <param name="Purpose">How the not-ready sentence ends: <c>for the demo</c>, <c>to crawl</c>.</param>
/// <param name="Async">Whether it runs the async pool (topic 21) rather than the pool of threads.</param>
/// <param name="Topics">The topics whose koans must pass first.</param>
/// <param name="WithReference">The command that runs it with the reference pools instead, ready to copy.</param>
internal sealed record PoolUse(string Purpose, bool Async, IReadOnlyList<string> Topics, string WithReference)
{
    /// <summary>The topics whose koans the pool of threads needs: a loop, waiting, monitoring and growth.</summary>
    public static IReadOnlyList<string> PoolTopics { get; } = ["AboutWorkerLoops", "AboutWaitingForWork", "AboutMonitoring", "AboutThrottling"];

    /// <summary>The topic whose koans build the async pool.</summary>
    public const string AsyncPoolTopic = "AboutChannels";

    /// <summary>Which pool, as the learner calls it.</summary>
    public string Pool => Async ? "async pool" : "pool";
}
