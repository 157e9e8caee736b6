using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;

namespace ThreadingKoans.Engine;

/// <summary>
/// Runs one koan: skipped once an earlier koan failed (<see cref="StopAtFirstFailure"/>), else on a thread of its own that is abandoned
/// (and the koan failed) when it outlives the koan's time limit, so no koan can block a run.
/// </summary>
public sealed class KoanCommand(TestCommand inner, KoanAttribute koan) : DelegatingTestCommand(inner)
{
    static KoanCommand()
    {
        Escapes.Install();
        UnobservedTasks.Install();
        AppDomain.CurrentDomain.UnhandledException += (_, e) => KoanRun.Crashing(e.ExceptionObject);
    }

    /// <summary>Words in the message of every koan that outlived its time limit.</summary>
    public const string Abandoned = "and was abandoned";

    public override TestResult Execute(TestExecutionContext context)
    {
        var info = KoanPath.ToInfo(Test);
        var path = KoanRun.PathOf(Test);
        if (StopAtFirstFailure.Enabled && StopAtFirstFailure.FirstFailure is { } blocker)
        {
            context.CurrentResult.SetResult(ResultState.Ignored, $"not yet: first meditate on {blocker}");
            KoanRun.Finished(new KoanFinished(info.Id, KoanOutcome.Skipped, context.CurrentResult.Message, null, null, 0), info);
            return context.CurrentResult;
        }

        if (KoanRun.IsTaken(info))
        {
            context.CurrentResult.SetResult(ResultState.Success, TakenMessage);
            KoanRun.Finished(new KoanFinished(info.Id, KoanOutcome.Passed, null, null, null, 0) { Taken = true }, info);
            return context.CurrentResult;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var mark = UnobservedTasks.Mark();
        Exception? escaped = null;
        TestResult? ran = null;
        var finished = new ManualResetEventSlim();
        Bounded.CurrentWait = null;
        var body = new Thread(() =>
        {
            try
            {
                Escapes.Own(info.FullName);
                ran = innerCommand.Execute(context);
            }
#pragma warning disable CA1031 // Every exception of the koan body becomes its result, as NUnit itself does.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                escaped = exception;
            }
            finally
            {
                finished.Set();
            }
        })
        {
            IsBackground = true,
            Name = $"koan {info.FullName}",
        };
        Timeline.Begin(body);
        Escapes.Begin(info.FullName);
        KoanRun.Started(info, body);
        body.Start();

        // The koan ends when its body does, when its time is up, or at once when one of its threads lets an
        // exception escape (whatever it still waits for will not come) or reaches a code blank of its own (the
        // body is woken from its wait, and ends within a moment).
        var limit = TimeSpan.FromSeconds(koan.TimeoutSeconds);
        var woke = WaitHandle.WaitAny([finished.WaitHandle, Escapes.Arrived, KoanRun.BlankReached], limit);
        if (woke == 2)
        {
            finished.Wait(BlankGrace);
        }

        var blank = KoanRun.TakeBlankReached();
        var abandoned = false;
        string? waitingFor = null;
        FailureKind? why = null;
        // A code blank reached comes first: once it ended the koan, its other threads may trip over what the koan let go.
        var escape = Escapes.Take();
        if (blank is not null)
        {
            why = FailureKind.CodeBlank;
            context.CurrentResult = Test.MakeTestResult();
            context.CurrentResult.SetResult(ResultState.Failure, $"{BlankException.Lead} at {blank}: {CodeBlankWords}");
        }
        else if (escape is not null)
        {
            why = FailureKind.Escape;
            var thrownAt = SourcePlace.InFolder(escape.Exception, KoansFolder) is { } at ? $", thrown at {at}" : string.Empty;
            context.CurrentResult = Test.MakeTestResult();
            context.CurrentResult.SetResult(
                ResultState.Failure,
                $"An exception escaped {escape.Thread}: {escape.Exception.GetType().FullName}: {escape.Exception.Message}{thrownAt}. " +
                "Nothing catches an exception that leaves a thread's body: in a program of your own it would end the whole process. Catch it inside the thread.",
                escape.Exception.StackTrace);
        }
        else if (!finished.IsSet)
        {
            abandoned = true;
            why = FailureKind.Hang;
            waitingFor = Bounded.CurrentWait;
            var waiting = waitingFor is { } what ? $" It was last seen waiting for {what}." : string.Empty;
            context.CurrentResult = Test.MakeTestResult();
            context.CurrentResult.SetResult(
                ResultState.Failure,
                $"{info.FullName} was still running after {koan.TimeoutSeconds} s {Abandoned}.{waiting} " +
                "Something in it never finishes: a Join or Wait without a timeout, a signal nobody sends, or a loop that never ends?");
        }
        else if (escaped is not null)
        {
            context.CurrentResult.RecordException(escaped);
        }
        else if (ran is not null)
        {
            context.CurrentResult = ran;
        }

        if (finished.IsSet && UnobservedTasks.Sweep(mark) is [var lost, ..] && context.CurrentResult.ResultState.Status == TestStatus.Passed)
        {
            why = FailureKind.Unobserved;
            var thrownAt = SourcePlace.InFolder(lost, KoansFolder) is { } at ? $", thrown at {at}" : string.Empty;
            context.CurrentResult = Test.MakeTestResult();
            context.CurrentResult.SetResult(
                ResultState.Failure,
                $"A task failed with {lost.GetType().FullName}: {lost.Message}{thrownAt}, and nobody looked: " +
                "no await, no Wait, no read of its Exception before the koan ended. A task keeps its exception until someone asks for it; " +
                "one that nobody asks for is lost without a sound.",
                lost.StackTrace);
        }

        var result = context.CurrentResult;
        var (steps, dropped) = Timeline.End();
        if (result.ResultState.Status == TestStatus.Failed)
        {
            StopAtFirstFailure.Record(info.FullName);
            var teaching = Teaching(result.Message ?? string.Empty);
            var place = blank ?? SourcePlace.InStackTrace(result.StackTrace, koan.File)?.ToString();
            KoanRun.Finished(
                new KoanFinished(info.Id, KoanOutcome.Failed, teaching, place, Output(result), clock.Elapsed.TotalSeconds)
                {
                    Abandoned = abandoned,
                    WaitingFor = waitingFor,
                    Why = why ??= Kind(result.Message),
                    Steps = steps,
                    StepsDropped = dropped,
                },
                info);
            context.CurrentResult = Explain(result, info, path, teaching, place, why ?? Kind(result.Message));
        }
        else
        {
            var outcome = result.ResultState.Status == TestStatus.Passed ? KoanOutcome.Passed : KoanOutcome.Skipped;
            KoanRun.Finished(
                new KoanFinished(info.Id, outcome, Nothing(result.Message), null, Output(result), clock.Elapsed.TotalSeconds)
                {
                    Steps = KoanRun.EveryTimeline && outcome == KoanOutcome.Passed ? steps : null,
                    StepsDropped = dropped,
                },
                info);
        }

        return context.CurrentResult;
    }

    /// <summary>What a koan taken as still passing says, where a test's message is shown.</summary>
    public const string TakenMessage = "taken as still passing: it passed before, and neither its file nor the code of yours it uses has changed since";

    /// <summary>What a code blank's message says after its place.</summary>
    public const string CodeBlankWords = "reached while the koan ran; write in its place the statement the comment above it asks for.";

    /// <summary>How long a koan's body has, once woken from its wait by a code blank of its own, to end.</summary>
    private static readonly TimeSpan BlankGrace = TimeSpan.FromMilliseconds(200);

    private string KoansFolder => Path.GetDirectoryName(koan.File) ?? string.Empty;

    /// <summary>
    /// The result a failed koan leaves where only the result is shown (an IDE's Test Explorer): its teaching
    /// message, then where to meditate (a blank still left first), its question and the progress, as the path
    /// model words them; and a stack trace of the learner's own frames only, once. Where the run's events have
    /// a listener (the runner's koan host, the dotnet test logger), the report says all that: the message stays
    /// the teaching message alone.
    /// </summary>
    private TestResult Explain(TestResult result, KoanInfo info, IReadOnlyList<KoanInfo> path, string teaching, string? place, FailureKind why)
    {
        var essentials = KoanRun.Listened ? null : KoanRun.Essentials(info, path, place, why);
        var stack = SourcePlace.FramesIn(result.StackTrace, KoansFolder);

        // A result of its own: NUnit's has the failure once more as an assertion result, which the test
        // adapter prints as a second copy of the stack trace.
        var explained = Test.MakeTestResult();
        explained.SetResult(result.ResultState, teaching + (essentials ?? string.Empty), stack);
        explained.OutWriter.Write(result.Output);
        return explained;
    }

    /// <summary>Why a koan whose result is <paramref name="message"/> failed, by the exception its message names.</summary>
    private static FailureKind Kind(string? message) =>
        message is null ? FailureKind.Exception
        : message.StartsWith(typeof(BlankException).FullName + " : ", StringComparison.Ordinal) ? FailureKind.ValueBlank
        : message.StartsWith(typeof(BoundedWaitException).FullName + " : ", StringComparison.Ordinal) ? FailureKind.Wait
        : message.StartsWith(typeof(Shouldly.ShouldAssertException).FullName + " : ", StringComparison.Ordinal)
            || message.StartsWith("NUnit.Framework.AssertionException", StringComparison.Ordinal) ? FailureKind.Assertion
        : FailureKind.Exception;

    /// <summary>
    /// A failure's own teaching words: the message without the exception's name in front when it is a blank's,
    /// a bounded wait's or an assertion's (for those the words are all).
    /// </summary>
    internal static string Teaching(string message)
    {
        foreach (var prefix in new[] { typeof(BlankException).FullName + " : ", typeof(BoundedWaitException).FullName + " : ", typeof(Shouldly.ShouldAssertException).FullName + " : " })
        {
            if (message.StartsWith(prefix, StringComparison.Ordinal))
            {
                return message[prefix.Length..];
            }
        }

        return message;
    }

    private static string? Output(TestResult result) => Nothing(result.Output);

    private static string? Nothing(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
