using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;
using ThreadingKoans.Engine.Report;

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
    }

    /// <summary>The test property where a failed koan's place (<c>Koans/File.cs:17</c>) is left for the host.</summary>
    public const string FailurePlace = "KoanFailurePlace";

    /// <summary>Words in the message of every koan that outlived its time limit.</summary>
    public const string Abandoned = "and was abandoned";

    public override TestResult Execute(TestExecutionContext context)
    {
        var name = $"{Test.TypeInfo?.Name}.{Test.Name}";
        if (StopAtFirstFailure.Enabled && StopAtFirstFailure.FirstFailure is { } blocker)
        {
            context.CurrentResult.SetResult(ResultState.Ignored, $"not yet: first meditate on {blocker}");
            return context.CurrentResult;
        }

        var mark = UnobservedTasks.Mark();
        Exception? escaped = null;
        TestResult? ran = null;
        var finished = new ManualResetEventSlim();
        Bounded.CurrentWait = null;
        var body = new Thread(() =>
        {
            try
            {
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
            Name = $"koan {name}",
        };
        body.Start();

        // The koan ends when its body does, when its time is up, or at once when one of its threads lets an
        // exception escape: whatever it still waits for will not come.
        WaitHandle.WaitAny([finished.WaitHandle, Escapes.Arrived], TimeSpan.FromSeconds(koan.TimeoutSeconds));
        if (Escapes.Take() is { } escape)
        {
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
            var waiting = Bounded.CurrentWait is { } what ? $" It was last seen waiting for {what}." : string.Empty;
            context.CurrentResult = Test.MakeTestResult();
            context.CurrentResult.SetResult(
                ResultState.Failure,
                $"{name} was still running after {koan.TimeoutSeconds} s {Abandoned}.{waiting} " +
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
            var thrownAt = SourcePlace.InFolder(lost, KoansFolder) is { } at ? $", thrown at {at}" : string.Empty;
            context.CurrentResult = Test.MakeTestResult();
            context.CurrentResult.SetResult(
                ResultState.Failure,
                $"A task failed with {lost.GetType().FullName}: {lost.Message}{thrownAt}, and nobody looked: " +
                "no await, no Wait, no read of its Exception before the koan ended. A task keeps its exception until someone asks for it; " +
                "one that nobody asks for is lost without a sound.",
                lost.StackTrace);
        }

        var info = KoanPath.ToInfo(Test);
        if (context.CurrentResult.ResultState.Status == TestStatus.Failed)
        {
            StopAtFirstFailure.Record(name);
            RunProgress.Note(info, passed: false);
            context.CurrentResult = Explain(context.CurrentResult, info);
        }
        else if (context.CurrentResult.ResultState.Status == TestStatus.Passed)
        {
            RunProgress.Note(info, passed: true);
        }

        return context.CurrentResult;
    }

    private string KoansFolder => Path.GetDirectoryName(koan.File) ?? string.Empty;

    /// <summary>
    /// Makes a failed koan's result say what the learner needs wherever it is shown alone: the teaching
    /// message, where to meditate (a blank still left first, whatever line the failure happened on) and the
    /// progress; and a stack trace of the learner's own frames only, once.
    /// </summary>
    private TestResult Explain(TestResult result, KoanInfo info)
    {
        var layout = RepoLayout.Find(KoansFolder, KoansFolder);
        var blanks = layout is null ? new BlankPlaces(null, []) : BlankPlaces.For(info, layout);
        var place = blanks.First
            ?? SourcePlace.InStackTrace(result.StackTrace, koan.File)?.ToString()
            ?? $"{SourcePlace.ShortPath(koan.File)}:{koan.Line}";
        Test.Properties.Set(FailurePlace, place);
        var progress = layout is null ? null : RunProgress.At(KoanPath.From(Root(Test)), info, layout);
        var message = Essentials.Teaching(result.Message ?? string.Empty) + Essentials.For(place, blanks, info.Hint, progress);
        var stack = SourcePlace.FramesIn(result.StackTrace, KoansFolder);

        // A result of its own: NUnit's has the failure once more as an assertion result, which the test
        // adapter prints as a second copy of the stack trace.
        var explained = Test.MakeTestResult();
        explained.SetResult(result.ResultState, message, stack);
        explained.OutWriter.Write(result.Output);
        return explained;
    }

    private static ITest Root(ITest test)
    {
        while (test.Parent is { } parent)
        {
            test = parent;
        }

        return test;
    }
}
