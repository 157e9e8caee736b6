namespace ThreadingKoans.Engine;

/// <summary>One step of a koan's timeline: which thread did what, in the order the steps happened.</summary>
/// <param name="Lane">The thread, by the name the koan gave it: <c>koan</c> for the koan's own thread, <c>pool thread</c> for any of the ThreadPool's.</param>
/// <param name="Text">What it did, in a few words: <c>waits: the worker to start</c>, <c>read balance 100</c>, <c>runs a job</c>.</param>
/// <param name="Mark">What kind of step it is, for the drawing.</param>
public sealed record TimelineStep(string Lane, string Text, StepMark Mark = StepMark.Step);

/// <summary>What kind of step a <see cref="TimelineStep"/> is.</summary>
public enum StepMark
{
    /// <summary>An ordinary step.</summary>
    Step,

    /// <summary>A wait or an await ended with what it waited for.</summary>
    Waited,

    /// <summary>A thread began.</summary>
    Starts,

    /// <summary>What went wrong: a wait that gave up, an exception that escaped, a code blank reached, the koan's failure.</summary>
    Failure,
}

/// <summary>
/// What a koan's threads did, as the koan library sees it from where it already stands between the koan and its
/// threads: the threads it starts for the koan (<see cref="Background.Started"/>), every bounded wait and await, an
/// exception escaping a thread, a code blank reached; the learner's pools mark theirs in their given code, and
/// koans whose lesson is an interleaving mark their steps (<see cref="Step"/>). Recorded while a koan runs, and only
/// then; a koan keeps its last <see cref="MostSteps"/> steps, and counts the ones before them. A step is noted where
/// its order is forced: a thread's start by the thread that starts it, a wait when it ends (after whatever ended it),
/// so that a koan that orders its events with gates has the same timeline on every run.
/// </summary>
internal static class Timeline
{
    /// <summary>The most steps a koan keeps: the newest; the older ones are counted.</summary>
    public const int MostSteps = 200;

    /// <summary>The environment variable that, set to <c>off</c>, records nothing (to measure what recording costs).</summary>
    public const string Variable = "KOANS_TIMELINE";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(Variable) != "off";
    private static readonly Lock Guard = new();
    private static readonly Queue<TimelineStep> Steps = new();
    private static readonly Dictionary<Thread, string> Unnamed = [];
    private static Thread? _koan;
    private static int _dropped;

    /// <summary>A koan whose body runs on <paramref name="body"/> begins: its timeline starts empty.</summary>
    public static void Begin(Thread body)
    {
        lock (Guard)
        {
            Steps.Clear();
            Unnamed.Clear();
            _dropped = 0;
            _koan = Enabled ? body : null;
        }
    }

    /// <summary>The koan has ended: its steps, and how many older ones were not kept. Recording stops.</summary>
    public static (IReadOnlyList<TimelineStep> Steps, int Dropped) End()
    {
        lock (Guard)
        {
            _koan = null;
            Unnamed.Clear();
            return ([.. Steps], _dropped);
        }
    }

    /// <summary>Notes a step of the thread that calls, if a koan is running.</summary>
    public static void Note(string text, StepMark mark = StepMark.Step) => Note(lane: null, text, mark);

    /// <summary>
    /// Notes a step on the lane <paramref name="lane"/> (the calling thread's when null), if a koan is running: the thread
    /// that starts another notes the new thread's start, so that it stands where the start happened.
    /// </summary>
    public static void Note(string? lane, string text, StepMark mark)
    {
        if (Volatile.Read(ref _koan) is null)
        {
            return;
        }

        lock (Guard)
        {
            if (_koan is not { } koan)
            {
                return;
            }

            if (Steps.Count == MostSteps)
            {
                Steps.Dequeue();
                _dropped++;
            }

            Steps.Enqueue(new TimelineStep(lane ?? Lane(Thread.CurrentThread, koan), text, mark));
        }
    }

    /// <summary>The calling thread's lane, if a koan is running (null otherwise).</summary>
    public static string? CurrentLane()
    {
        lock (Guard)
        {
            return _koan is { } koan ? Lane(Thread.CurrentThread, koan) : null;
        }
    }

    /// <summary>
    /// The lane of <paramref name="thread"/>: the koan's own, the name the koan gave it, or for a pool thread or a thread without a name
    /// "pool thread 1", "pool thread 2", "thread 1", … in the order they first noted a step (so a run ordered by gates
    /// names them the same every time). Called under the guard.
    /// </summary>
    private static string Lane(Thread thread, Thread koan)
    {
        if (thread == koan)
        {
            return "koan";
        }

        // The pool names its threads itself (".NET TP Worker"), all alike: they are told apart by number.
        if (!thread.IsThreadPoolThread && thread.Name is { Length: > 0 } name)
        {
            return name;
        }

        if (!Unnamed.TryGetValue(thread, out var lane))
        {
            var kind = thread.IsThreadPoolThread ? "pool thread" : "thread";
            lane = $"{kind} {Unnamed.Keys.Count(known => known.IsThreadPoolThread == thread.IsThreadPoolThread) + 1}";
            Unnamed[thread] = lane;
        }

        return lane;
    }
}

/// <summary>
/// A koan's marks in its timeline, one word each, where its lesson is an interleaving: what a thread read, wrote,
/// checked, did or locked, in the order the threads did it. <c>dotnet run --project PathToEnlightenment -- timeline</c>
/// draws them with the rest of the koan's threads' steps.
/// </summary>
public static class Step
{
    /// <summary>The thread read something: <c>Step.Read($"balance {seen}")</c>.</summary>
    public static void Read(string what) => Timeline.Note($"reads {what}");

    /// <summary>The thread wrote something: <c>Step.Write($"balance {balance}")</c>.</summary>
    public static void Write(string what) => Timeline.Note($"writes {what}");

    /// <summary>The thread looked before it acted: <c>Step.Check("room for a worker")</c>.</summary>
    public static void Check(string what) => Timeline.Note($"checks {what}");

    /// <summary>The thread did something: <c>Step.Act("pulse")</c>, <c>Step.Act("runs a job")</c>.</summary>
    public static void Act(string what) => Timeline.Note(what);

    /// <summary>The thread took a lock, or waits for one: <c>Step.Lock("accounts")</c>.</summary>
    public static void Lock(string what) => Timeline.Note($"locks {what}");
}
