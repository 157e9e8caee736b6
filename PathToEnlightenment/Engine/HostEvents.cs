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
/// <param name="Message">Why it failed (its teaching words) or was skipped.</param>
/// <param name="Place">
/// Where it failed as it ran (<c>Koans/File.cs:17</c>): the code blank of its own it reached, else the deepest line of its
/// file the failure passed through; null when neither is known. Where to meditate is the path model's to say.
/// </param>
/// <param name="Output">What it printed.</param>
/// <param name="Seconds">How long it ran.</param>
public sealed record KoanFinished(string Id, KoanOutcome Outcome, string? Message, string? Place, string? Output, double Seconds) : HostEvent
{
    /// <summary>It did not run: it passed before, and neither its file nor the learner's code it uses has changed since.</summary>
    public bool Taken { get; init; }

    /// <summary>It was still running at its time limit, and was abandoned.</summary>
    public bool Abandoned { get; init; }

    /// <summary>What an abandoned koan was last seen waiting for, when it was in a bounded wait.</summary>
    public string? WaitingFor { get; init; }

    /// <summary>Why a failed koan failed; null for one that did not fail.</summary>
    public FailureKind? Why { get; init; }

    /// <summary>Its timeline (see <see cref="Timeline"/>): sent for a koan that failed, or for every koan when asked.</summary>
    public IReadOnlyList<TimelineStep>? Steps { get; init; }

    /// <summary>How many of its first steps its timeline does not keep.</summary>
    public int StepsDropped { get; init; }
}

/// <summary>Why a koan failed.</summary>
public enum FailureKind
{
    /// <summary>A value blank <c>__</c> was read.</summary>
    ValueBlank,

    /// <summary>A code blank <c>___();</c> of its own was reached.</summary>
    CodeBlank,

    /// <summary>An assertion did not hold: a wrong answer, or a teaching assertion.</summary>
    Assertion,

    /// <summary>A bounded wait or await ran out.</summary>
    Wait,

    /// <summary>An exception escaped one of its threads.</summary>
    Escape,

    /// <summary>It was still running at its time limit.</summary>
    Hang,

    /// <summary>A task it left failed with nobody looking.</summary>
    Unobserved,

    /// <summary>Something else was thrown.</summary>
    Exception,
}

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
