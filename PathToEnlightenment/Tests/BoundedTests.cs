using ThreadingKoans.Engine;

namespace ThreadingKoans.Tests;

/// <summary>The bounded forms of await: they end within the bound, and say what was awaited and how the task stood.</summary>
[TestFixture]
public sealed class BoundedTests
{
    [Test]
    public async Task AnAwaitThatNothingCompletesFailsNamingWhatWasAwaitedAndTheTasksStatus()
    {
        var never = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var failure = await FailureOf(() => Bounded.Await(never.Task, "the page to arrive"));
        clock.Elapsed.ShouldBeLessThan(Bounded.Timeout * 10, "the bounded await should end at its bound, not wait for good");
        failure.Message.ShouldContain("waited 1 s for the page to arrive, in vain");
        failure.Message.ShouldContain("WaitingForActivation");
    }

    [Test]
    public async Task AnAwaitGivesTheResultOrThrowsWhatTheTaskThrew()
    {
        (await Bounded.Await(Task.FromResult(42), "the answer")).ShouldBe(42);
        var thrown = await Should.ThrowAsync<InvalidOperationException>(() => Bounded.Await(Task.FromException(new InvalidOperationException("jammed")), "the slicer"));
        thrown.Message.ShouldBe("jammed");
    }

    [Test]
    public void WaitingForATaskEndsWhenItEndsAndThrowsNothingOfItsOwn()
    {
        var failed = Task.FromException(new InvalidOperationException("jammed"));
        Bounded.Wait(failed, "the slicer");
        failed.Exception.ShouldNotBeNull();
        var never = new TaskCompletionSource();
        var failure = FailureOf(() => Bounded.Wait(never.Task, "the release"));
        failure.Message.ShouldContain("for the release, in vain");
    }

    // Shouldly's own Throw lets its assertion exceptions through, so these are caught by hand.
    private static async Task<ShouldAssertException> FailureOf(Func<Task> bounded)
    {
        try
        {
            await bounded();
        }
        catch (ShouldAssertException failure)
        {
            return failure;
        }

        throw new AssertionException("the bounded await did not fail");
    }

    private static ShouldAssertException FailureOf(Action bounded)
    {
        try
        {
            bounded();
        }
        catch (ShouldAssertException failure)
        {
            return failure;
        }

        throw new AssertionException("the bounded wait did not fail");
    }
}
