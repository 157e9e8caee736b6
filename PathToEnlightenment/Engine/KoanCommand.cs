using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;

namespace ThreadingKoans.Engine;

/// <summary>
/// Runs one koan: skipped behind the <see cref="Gate"/>, else on a thread of its own that is abandoned
/// (and the koan failed) when it outlives the koan's time limit, so no koan can block a run.
/// </summary>
public sealed class KoanCommand(TestCommand inner, KoanAttribute koan) : DelegatingTestCommand(inner)
{
    /// <summary>The test property where a failed koan's place (<c>Koans/File.cs:17</c>) is left for the host.</summary>
    public const string FailurePlace = "KoanFailurePlace";

    /// <summary>Words in the message of every koan that outlived its time limit.</summary>
    public const string Abandoned = "and was abandoned";

    public override TestResult Execute(TestExecutionContext context)
    {
        var name = $"{Test.TypeInfo?.Name}.{Test.Name}";
        if (Gate.Enabled && Gate.Blocker is { } blocker)
        {
            context.CurrentResult.SetResult(ResultState.Ignored, $"not yet: first meditate on {blocker}");
            return context.CurrentResult;
        }

        Exception? escaped = null;
        Bounded.CurrentWait = null;
        var body = new Thread(() =>
        {
            try
            {
                context.CurrentResult = innerCommand.Execute(context);
            }
#pragma warning disable CA1031 // Every exception of the koan body becomes its result, as NUnit itself does.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                escaped = exception;
            }
        })
        {
            IsBackground = true,
            Name = $"koan {name}",
        };
        body.Start();
        var limit = TimeSpan.FromSeconds(koan.TimeoutSeconds);
        if (!body.Join(limit))
        {
            var waiting = Bounded.CurrentWait is { } what ? $" It was last seen waiting for {what}." : string.Empty;
            context.CurrentResult.SetResult(
                ResultState.Failure,
                $"{name} was still running after {koan.TimeoutSeconds} s {Abandoned}.{waiting} " +
                "Something in it never finishes: a Join or Wait without a timeout, a signal nobody sends, or a loop that never ends?");
        }
        else if (escaped is not null)
        {
            context.CurrentResult.RecordException(escaped);
        }

        if (context.CurrentResult.ResultState.Status == TestStatus.Failed)
        {
            Gate.RecordFailure(name);
            var place = (escaped is null ? null : SourcePlace.InFile(escaped, koan.File))
                ?? new SourcePlace(SourcePlace.ShortPath(koan.File), koan.Line);
            Test.Properties.Set(FailurePlace, place.ToString());
        }

        return context.CurrentResult;
    }
}
