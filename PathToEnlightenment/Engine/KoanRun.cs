using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using NUnit.Framework.Interfaces;

namespace ThreadingKoans.Engine;

/// <summary>
/// One run of koans in this process, as the koans themselves see it: the path, the koan running now, the
/// results so far, and where the run's events go. The koan host (<see cref="Host.ServeCommand"/>) sends them
/// to the runner on its standard output; under <c>dotnet test</c> the koans' logger asks for them in a file
/// (<see cref="EventsVariable"/>). Both front doors read the same events into the same path model.
/// </summary>
internal static partial class KoanRun
{
    /// <summary>
    /// The environment variable that names the file a <c>dotnet test</c> run writes its events to, one line
    /// each (<see cref="HostEvent.ToLine"/>). The koans' logger sets it before the test host starts; without it
    /// (an IDE's Test Explorer) no events are written, and each failing koan's message says it all.
    /// </summary>
    public const string EventsVariable = "KOANS_EVENTS";

    /// <summary>
    /// The environment variable that, set to 1, lets a <c>dotnet test</c> run take the koans that passed before,
    /// and whose files and the learner's code they use are unchanged, as still passing without running them.
    /// The koans' logger sets it for a run of the whole path (no <c>--filter</c>).
    /// </summary>
    public const string TakePassedVariable = "KOANS_TAKE_PASSED";

    private static readonly Lock Guard = new();
    private static readonly ManualResetEvent BlankSignal = new(initialState: false);
    private static Action<HostEvent>? _sink = FileSink();
    private static IReadOnlyList<KoanInfo>? _path;
    private static IReadOnlySet<string>? _taken;
    private static Dictionary<string, bool> _results = new(StringComparer.Ordinal);
    private static (KoanInfo Koan, Thread Body)? _current;
    private static string? _blankReached;

    /// <summary>Whether a koan is running now.</summary>
    public static bool Running
    {
        get
        {
            lock (Guard)
            {
                return _current is not null;
            }
        }
    }

    /// <summary>Set while a code blank of the running koan has been reached (see <see cref="CodeBlankReached"/>).</summary>
    public static WaitHandle BlankReached => BlankSignal;

    /// <summary>Whether this process writes a <c>dotnet test</c> run's events for the koans' logger.</summary>
    public static bool ForLogger { get; private set; }

    /// <summary>Whether somebody reads this run's events (the runner's koan host, the koans' logger) and draws the report from them.</summary>
    public static bool Listened
    {
        get
        {
            lock (Guard)
            {
                return _sink is not null;
            }
        }
    }

    /// <summary>Whether every koan's finished event carries its timeline, not only a failing koan's (the <c>timeline</c> command asks).</summary>
    public static bool EveryTimeline { get; set; }

    /// <summary>Sends the run's events to <paramref name="sink"/> (the koan host's report) instead of a file.</summary>
    public static void ReportTo(Action<HostEvent> sink)
    {
        lock (Guard)
        {
            _sink = sink;
            ForLogger = false;
        }
    }

    /// <summary>Begins a new run (the koan host runs the path again on every request and round).</summary>
    public static void Reset()
    {
        lock (Guard)
        {
            _path = null;
            _taken = null;
            _results = new Dictionary<string, bool>(StringComparer.Ordinal);
        }
    }

    /// <summary>The path, found once per run from the tests NUnit loaded, and announced to whoever listens.</summary>
    public static IReadOnlyList<KoanInfo> PathOf(ITest test)
    {
        lock (Guard)
        {
            if (_path is null)
            {
                var root = test;
                while (root.Parent is { } parent)
                {
                    root = parent;
                }

                _path = KoanPath.From(root);
                _sink?.Invoke(new PathFound(_path));
            }

            return _path;
        }
    }

    /// <summary>
    /// Whether <paramref name="koan"/> is taken as still passing in this run, without running it (see
    /// <see cref="TakePassedVariable"/>): the path model decides once per run, from the learner's progress record.
    /// </summary>
    public static bool IsTaken(KoanInfo koan)
    {
        lock (Guard)
        {
            _taken ??= ForLogger && Environment.GetEnvironmentVariable(TakePassedVariable) == "1"
                ? PathModelCalls.StillPassing(koan.File)
                : new HashSet<string>();
            return _taken.Contains(koan.FullName);
        }
    }

    /// <summary>The koan whose body runs on <paramref name="body"/> has begun.</summary>
    public static void Started(KoanInfo koan, Thread body)
    {
        lock (Guard)
        {
            _current = (koan, body);
            _blankReached = null;
            BlankSignal.Reset();
        }

        Send(new KoanStarted(koan.Id));
    }

    /// <summary>
    /// The running koan has ended: its result is noted for the progress and announced. The place where it
    /// failed is the place a blank of its own was reached, if one was.
    /// </summary>
    public static void Finished(KoanFinished finished, KoanInfo koan)
    {
        lock (Guard)
        {
            _current = null;
            if (finished.Outcome != KoanOutcome.Skipped)
            {
                _results[koan.FullName] = finished.Outcome == KoanOutcome.Passed;
            }
        }

        Send(finished);
    }

    /// <summary>How each koan of this run that ran so far ended (<c>Topic.Koan</c> to passed).</summary>
    public static IReadOnlyDictionary<string, bool> Results
    {
        get
        {
            lock (Guard)
            {
                return new Dictionary<string, bool>(_results, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The place of the running koan's code blank that was reached, if one was; taking it forgets it.</summary>
    public static string? TakeBlankReached()
    {
        lock (Guard)
        {
            var place = _blankReached;
            _blankReached = null;
            BlankSignal.Reset();
            return place;
        }
    }

    /// <summary>
    /// A code blank (<c>___();</c>) was reached, by the frames of <paramref name="callers"/>. When it is one of the
    /// running koan's own (in its method, or a blank of the learner's pool that it claims), the koan has its
    /// answer: its place is noted, and the koan's body is woken from the bounded wait it may be in, so the koan
    /// ends at once with the blank's message. Other blanks (those later koans claim) stay what they were, no-ops.
    /// </summary>
    public static void CodeBlankReached(StackTrace callers)
    {
        var frame = callers.GetFrames().FirstOrDefault(frame => frame.GetFileName() is { Length: > 0 } && frame.GetFileLineNumber() > 0);
        if (frame is null)
        {
            return;
        }

        lock (Guard)
        {
            if (_current is not { } current || _blankReached is not null || !IsOwnBlank(current.Koan, frame))
            {
                return;
            }

            _blankReached = $"{SourcePlace.ShortPath(frame.GetFileName()!)}:{frame.GetFileLineNumber()}";
            Timeline.Note($"reaches ___ at line {frame.GetFileLineNumber()}", StepMark.Failure);
            BlankSignal.Set();
            if (current.Body != Thread.CurrentThread)
            {
                current.Body.Interrupt();
            }
        }
    }

    /// <summary>
    /// An exception that nothing caught is ending the process (an escape from a koan's thread is caught and
    /// fails its koan instead; this is what is left): reported against the koan that is running, if any.
    /// </summary>
    public static void Crashing(object thrown)
    {
        KoanInfo? koan;
        lock (Guard)
        {
            koan = _current?.Koan;
        }

        var exception = thrown as Exception ?? new InvalidOperationException(thrown.ToString());
        var place = koan is null ? null : SourcePlace.InFile(exception, koan.File);
        Send(new ProcessCrashing(
            koan?.Id, exception.GetType().FullName ?? exception.GetType().Name, exception.Message, place?.ToString(), exception.StackTrace ?? string.Empty));
    }

    /// <summary>Sends an event of this run to whoever listens.</summary>
    public static void Send(HostEvent hostEvent)
    {
        Action<HostEvent>? sink;
        lock (Guard)
        {
            sink = _sink;
        }

        sink?.Invoke(hostEvent);
    }

    private static bool IsOwnBlank(KoanInfo koan, StackFrame frame)
    {
        var file = frame.GetFileName()!;
        if (Path.GetFullPath(file) == Path.GetFullPath(koan.File))
        {
            // The koan's method itself, a lambda or local function inside it, or its async state machine.
            var method = frame.GetMethod();
            var inKoan = $"<{koan.Name}>";
            return method is not null
                && (method.Name == koan.Name || method.Name.Contains(inKoan, StringComparison.Ordinal)
                    || method.DeclaringType?.Name.StartsWith(inKoan, StringComparison.Ordinal) == true);
        }

        return File.Exists(file) && ClaimsAbove(File.ReadAllLines(file), frame.GetFileLineNumber()).Contains(koan.FullName);
    }

    /// <summary>
    /// The koans a pool blank on line <paramref name="line"/> is claimed by: the <c>// Topic.Koan: …</c> lines of the
    /// comment right above it (the same claims the path model reads to send the learner there).
    /// </summary>
    internal static IReadOnlyList<string> ClaimsAbove(string[] lines, int line)
    {
        var claims = new List<string>();
        for (var index = line - 2; index >= 0 && lines[index].TrimStart().StartsWith("//", StringComparison.Ordinal); index--)
        {
            if (Claim().Match(lines[index].Trim()) is { Success: true } match)
            {
                claims.Add(match.Groups["koan"].Value);
            }
        }

        return claims;
    }

    /// <summary>A claim's first line: <c>// AboutWorkerLoops.YourWorkersTakeJobsAndRunThem: what is needed</c>.</summary>
    [GeneratedRegex(@"^//\s*(?<koan>About\w+\.\w+)\s*(:\s*(?<need>.*))?$")]
    internal static partial Regex Claim();

    private static Action<HostEvent>? FileSink()
    {
        if (Environment.GetEnvironmentVariable(EventsVariable) is not { Length: > 0 } file)
        {
            return null;
        }

        ForLogger = true;
        var writer = new StreamWriter(new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var guard = new Lock();
        return hostEvent =>
        {
            lock (guard)
            {
                writer.WriteLine(hostEvent.ToLine());
            }
        };
    }

    /// <summary>
    /// The path model's answers the koans' own process needs, reached by name: the koans do not compile against the
    /// path model, which the build puts beside them (it is the dotnet test logger too). Without it, there is no answer.
    /// </summary>
    private static class PathModelCalls
    {
        private static readonly Type? Calls = Type.GetType("ThreadingKoans.PathModel.TestHostCalls, ThreadingKoans.PathModel.TestLogger", throwOnError: false);

        /// <summary>The koans (<c>Topic.Koan</c>) that still pass without running, for the koans written in the folder of <paramref name="koanFile"/>.</summary>
        public static IReadOnlySet<string> StillPassing(string koanFile) =>
            Call<IReadOnlySet<string>>(nameof(StillPassing), koanFile) ?? new HashSet<string>();

        /// <summary>The lines a failed koan's message ends with, where no report is drawn: where to meditate, its question, the progress.</summary>
        public static string? Essentials(KoanInfo koan, IReadOnlyList<KoanInfo> path, IReadOnlyDictionary<string, bool> results, string? place, FailureKind? why) =>
            Call<string>(nameof(Essentials), koan, path, results, place, why);

        private static T? Call<T>(string name, params object?[] arguments)
            where T : class =>
            Calls?.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                ?.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null) as T;
    }

    /// <inheritdoc cref="PathModelCalls.Essentials"/>
    public static string? Essentials(KoanInfo koan, IReadOnlyList<KoanInfo> path, string? place, FailureKind? why) =>
        PathModelCalls.Essentials(koan, path, Results, place, why);
}
