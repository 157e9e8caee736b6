using System.Text.Json;
using System.Text.Json.Serialization;
using ThreadingKoans.Engine;

namespace ThreadingKoans.Runner.Pool;

/// <summary>
/// A line of the pool host's report to the runner: the demo's frames, a benchmark's figure, a crawl's pages.
/// Written as the koan host writes its own (<see cref="HostEvent.Prefix"/>, then JSON), so that whatever the
/// learner's pool prints cannot be mistaken for a report.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(DemoFrame), "demo")]
[JsonDerivedType(typeof(AsyncDemoFrame), "async-demo")]
[JsonDerivedType(typeof(BenchFigure), "bench")]
[JsonDerivedType(typeof(CrawlBegun), "crawl-begun")]
[JsonDerivedType(typeof(CrawlPage), "crawl-page")]
[JsonDerivedType(typeof(CrawlEnded), "crawl-ended")]
internal abstract record PoolEvent
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The event as one report line.</summary>
    public string ToLine() => HostEvent.Prefix + JsonSerializer.Serialize(this, Options);

    /// <summary>The event a report line holds, or null for a line that is not a report.</summary>
    public static PoolEvent? FromLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.StartsWith(HostEvent.Prefix, StringComparison.Ordinal)
            ? JsonSerializer.Deserialize<PoolEvent>(line.AsSpan(HostEvent.Prefix.Length), Options)
            : null;
    }
}

/// <summary>What the pool demo looks like now (see <see cref="PoolDemo"/>).</summary>
/// <param name="Seconds">Since the demo began.</param>
/// <param name="Submitted">Jobs submitted so far (in the crawl, pages found).</param>
/// <param name="Pool">The pool's own snapshot.</param>
/// <param name="Finished">Whether this is the last frame: every job is done.</param>
internal sealed record DemoFrame(double Seconds, long Submitted, PoolView Pool, bool Finished) : PoolEvent;

/// <summary>What the async pool's demo looks like now (see <see cref="PoolDemo.RunAsync"/>).</summary>
/// <param name="Seconds">Since the demo began.</param>
/// <param name="Found">Pages found so far: fetched, failed, in flight or waiting in the channel.</param>
/// <param name="InFlight">Fetches begun and not ended.</param>
/// <param name="Completed">Pages the pool fetched.</param>
/// <param name="Failed">Pages whose fetch failed.</param>
/// <param name="Threads">Threads the process has now.</param>
/// <param name="Finished">Whether this is the last frame: every page is done.</param>
internal sealed record AsyncDemoFrame(double Seconds, long Found, int InFlight, long Completed, long Failed, int Threads, bool Finished) : PoolEvent;

/// <summary>One benchmark measurement (see <see cref="PoolBenchmark"/>).</summary>
/// <param name="Workload">Which jobs: <c>blocking</c>, <c>tiny</c> or <c>crawl</c>.</param>
/// <param name="Contender">Who ran them.</param>
/// <param name="Jobs">How many (for the crawl, pages).</param>
/// <param name="Seconds">Wall time from the first submit until the last job was done.</param>
/// <param name="PeakThreads">The most threads the process had meanwhile.</param>
/// <param name="Cores">The machine's processor count.</param>
internal sealed record BenchFigure(string Workload, string Contender, int Jobs, double Seconds, int PeakThreads, int Cores) : PoolEvent
{
    /// <summary>Bytes the process allocated meanwhile (<see cref="GC.GetTotalAllocatedBytes"/>).</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>The most jobs the contender may run at once; null when it sets no limit.</summary>
    public int? AtOnce { get; init; }

    /// <summary>How long each job waits (blocks, or waits for the server): zero for jobs that only compute.</summary>
    public double JobSeconds { get; init; }

    /// <summary>How the figure was taken, when not simply once: "median of 3 rounds", "measured on 20,000 jobs".</summary>
    public string? Note { get; init; }

    /// <summary>
    /// The least time the jobs can take when at most <see cref="AtOnce"/> wait at a time: jobs × wait ÷ at once
    /// (2,000 × 50 ms ÷ 16 = 6.25 s). Null when the jobs do not wait or nothing limits how many run at once.
    /// </summary>
    [JsonIgnore]
    public double? LimitSeconds => JobSeconds > 0 && AtOnce is int atOnce and > 0 ? Jobs * JobSeconds / Math.Min(atOnce, Jobs) : null;
}

/// <summary>A crawl of the learner's own choosing began (see <see cref="PoliteCrawl"/>): what robots.txt says to it.</summary>
/// <param name="Start">The address it starts from.</param>
/// <param name="Robots">How robots.txt answered (<c>robots.txt: 1 rule for every crawler</c>).</param>
/// <param name="Rules">The rules that apply to the crawl, as robots.txt writes them.</param>
internal sealed record CrawlBegun(string Start, string Robots, IReadOnlyList<string> Rules) : PoolEvent;

/// <summary>One page of a crawl is done: fetched, not HTML, a redirect, or failed.</summary>
/// <param name="Address">The address asked for.</param>
/// <param name="Outcome">What came of it.</param>
/// <param name="Status">The last HTTP status, when an answer came.</param>
/// <param name="Note">What to say about it: the redirect's target, why it failed, that it was cut.</param>
/// <param name="Links">New on-site links it gave the frontier.</param>
/// <param name="Bytes">Bytes of HTML read.</param>
/// <param name="Milliseconds">From its first request to its last byte.</param>
/// <param name="Tally">The crawl's counts once this page was done.</param>
internal sealed record CrawlPage(string Address, CrawlOutcome Outcome, int? Status, string? Note, int Links, long Bytes, double Milliseconds, CrawlTally Tally) : PoolEvent;

/// <summary>The crawl ended.</summary>
/// <param name="End">Why.</param>
/// <param name="Problem">The one sentence that says what went wrong, when it did.</param>
/// <param name="Tally">What was done.</param>
internal sealed record CrawlEnded(CrawlEnd End, string? Problem, CrawlTally Tally) : PoolEvent;
