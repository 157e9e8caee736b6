using System.Text.Json;
using System.Text.Json.Serialization;

namespace ThreadingKoans.Engine;

/// <summary>One koan as the host found it, in path order.</summary>
public sealed record KoanInfo(
    string Id,
    string Topic,
    int TopicNumber,
    string TopicIntro,
    string Name,
    string File,
    int Line,
    string Hint,
    string? DeeperHint,
    int TimeoutSeconds)
{
    /// <summary><c>Topic.Koan</c>, the name learners and messages use.</summary>
    [JsonIgnore]
    public string FullName => $"{Topic}.{Name}";
}

/// <summary>How a koan ended.</summary>
public enum KoanOutcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>
/// A line of the host's report to the runner. The host writes each one as JSON on a line of its own,
/// behind <see cref="Prefix"/>, so that whatever else a koan prints cannot be mistaken for a report.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(PathFound), "path")]
[JsonDerivedType(typeof(KoanStarted), "started")]
[JsonDerivedType(typeof(KoanFinished), "finished")]
[JsonDerivedType(typeof(ProcessCrashing), "crash")]
[JsonDerivedType(typeof(RoundDone), "round")]
[JsonDerivedType(typeof(RunDone), "done")]
[JsonDerivedType(typeof(DemoFrame), "demo")]
[JsonDerivedType(typeof(AsyncDemoFrame), "async-demo")]
[JsonDerivedType(typeof(BenchFigure), "bench")]
[JsonDerivedType(typeof(CrawlBegun), "crawl-begun")]
[JsonDerivedType(typeof(CrawlPage), "crawl-page")]
[JsonDerivedType(typeof(CrawlEnded), "crawl-ended")]
public abstract record HostEvent
{
    /// <summary>What starts every report line.</summary>
    public const string Prefix = "@@koan ";

    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The event as one report line.</summary>
    public string ToLine() => Prefix + JsonSerializer.Serialize(this, Options);

    /// <summary>The event a report line holds, or null for a line that is not a report.</summary>
    public static HostEvent? FromLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.StartsWith(Prefix, StringComparison.Ordinal)
            ? JsonSerializer.Deserialize<HostEvent>(line.AsSpan(Prefix.Length), Options)
            : null;
    }
}

/// <summary>The whole path, before anything runs.</summary>
public sealed record PathFound(IReadOnlyList<KoanInfo> Koans) : HostEvent;

/// <summary>A koan began.</summary>
public sealed record KoanStarted(string Id) : HostEvent;

/// <summary>A koan ended.</summary>
/// <param name="Id">The koan.</param>
/// <param name="Outcome">Passed, failed or skipped.</param>
/// <param name="Message">Why it failed or was skipped.</param>
/// <param name="Place">Where in the koan's file it failed (<c>Koans/File.cs:17</c>), when known.</param>
/// <param name="Output">What it printed.</param>
/// <param name="Seconds">How long it ran.</param>
public sealed record KoanFinished(string Id, KoanOutcome Outcome, string? Message, string? Place, string? Output, double Seconds) : HostEvent;

/// <summary>An exception escaped a thread and is about to end the process.</summary>
public sealed record ProcessCrashing(string? Id, string Exception, string Message, string? Place, string StackTrace) : HostEvent;

/// <summary>One round of a repeated run ended (see the host's <c>--repeat</c>).</summary>
/// <param name="Round">The round, from 1.</param>
/// <param name="Passed">Koans that passed in it.</param>
/// <param name="Failed">Koans that failed in it.</param>
/// <param name="Failures">The failed koans' names and messages.</param>
public sealed record RoundDone(int Round, int Passed, int Failed, IReadOnlyList<string> Failures) : HostEvent;

/// <summary>Every koan that was asked for has run.</summary>
public sealed record RunDone : HostEvent;

/// <summary>What the pool demo looks like now (see <see cref="Pool.PoolDemo"/>).</summary>
/// <param name="Seconds">Since the demo began.</param>
/// <param name="Submitted">Jobs submitted so far (in the crawl, pages found).</param>
/// <param name="Pool">The pool's own snapshot.</param>
/// <param name="Finished">Whether this is the last frame: every job is done.</param>
public sealed record DemoFrame(double Seconds, long Submitted, Pool.PoolView Pool, bool Finished) : HostEvent;

/// <summary>What the async pool's demo looks like now (see <see cref="Pool.PoolDemo.RunAsync"/>).</summary>
/// <param name="Seconds">Since the demo began.</param>
/// <param name="Found">Pages found so far: fetched, failed, in flight or waiting in the channel.</param>
/// <param name="InFlight">Fetches begun and not ended.</param>
/// <param name="Completed">Pages the pool fetched.</param>
/// <param name="Failed">Pages whose fetch failed.</param>
/// <param name="Threads">Threads the process has now.</param>
/// <param name="Finished">Whether this is the last frame: every page is done.</param>
public sealed record AsyncDemoFrame(double Seconds, long Found, int InFlight, long Completed, long Failed, int Threads, bool Finished) : HostEvent;

/// <summary>One benchmark measurement (see <see cref="Pool.PoolBenchmark"/>).</summary>
/// <param name="Workload">Which jobs: <c>blocking</c>, <c>tiny</c> or <c>crawl</c>.</param>
/// <param name="Contender">Who ran them.</param>
/// <param name="Jobs">How many (for the crawl, pages).</param>
/// <param name="Seconds">Wall time from the first submit until the last job was done.</param>
/// <param name="PeakThreads">The most threads the process had meanwhile.</param>
/// <param name="Cores">The machine's processor count.</param>
public sealed record BenchFigure(string Workload, string Contender, int Jobs, double Seconds, int PeakThreads, int Cores) : HostEvent
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

/// <summary>A crawl of the learner's own choosing began (see <see cref="Web.PoliteCrawl"/>): what robots.txt says to it.</summary>
/// <param name="Start">The address it starts from.</param>
/// <param name="Robots">How robots.txt answered (<c>robots.txt: 1 rule for every crawler</c>).</param>
/// <param name="Rules">The rules that apply to the crawl, as robots.txt writes them.</param>
public sealed record CrawlBegun(string Start, string Robots, IReadOnlyList<string> Rules) : HostEvent;

/// <summary>One page of a crawl is done: fetched, not HTML, a redirect, or failed.</summary>
/// <param name="Address">The address asked for.</param>
/// <param name="Outcome">What came of it.</param>
/// <param name="Status">The last HTTP status, when an answer came.</param>
/// <param name="Note">What to say about it: the redirect's target, why it failed, that it was cut.</param>
/// <param name="Links">New on-site links it gave the frontier.</param>
/// <param name="Bytes">Bytes of HTML read.</param>
/// <param name="Milliseconds">From its first request to its last byte.</param>
/// <param name="Tally">The crawl's counts once this page was done.</param>
public sealed record CrawlPage(string Address, Web.CrawlOutcome Outcome, int? Status, string? Note, int Links, long Bytes, double Milliseconds, Web.CrawlTally Tally) : HostEvent;

/// <summary>The crawl ended.</summary>
/// <param name="End">Why.</param>
/// <param name="Problem">The one sentence that says what went wrong, when it did.</param>
/// <param name="Tally">What was done.</param>
public sealed record CrawlEnded(Web.CrawlEnd End, string? Problem, Web.CrawlTally Tally) : HostEvent;
