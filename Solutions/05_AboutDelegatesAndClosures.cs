namespace Koans;

[Topic("""
    A delegate is a value that holds code: Action for code that returns nothing, Func<..., TResult>
    for code that hands back a result. A lambda (x => x * 2) or a method's name makes one, and it can be
    stored, passed on and called later. A lambda that uses a variable from around it captures the
    variable itself, not a copy of its value. Every thread you start from here on runs such a lambda,
    so knowing exactly what it sees, and when, is where safe threading begins.
    """)]
public class AboutDelegatesAndClosures
{
    // Making a delegate runs nothing: its code waits until somebody calls it, just as a thread waits for Start.
    [Koan("The action exists, but the log is still empty. What does an action need before its code runs?")]
    public void AnActionRunsOnlyWhenCalled()
    {
        var log = new List<string>();
        Action pour = () => log.Add("tea poured");
        pour();
        log.Count.ShouldBe(1, "the action was made, but its code never ran: was it called?");
    }

    // A method's name is a delegate too (a method group), so named methods and lambdas are interchangeable.
    [Koan("Which method of this koan turns \"tea\" into \"TEA!\"? Its name alone is the delegate.")]
    public void AMethodNameCanStandForADelegate()
    {
        static string Shout(string word) => word.ToUpperInvariant() + "!";
        static string Whisper(string word) => word.ToLowerInvariant() + "...";
        Func<string, string> loud = Shout;
        loud("tea").ShouldBe("TEA!");
        Whisper("TEA").ShouldBe("tea...");
    }

    // Functions are values: a method that takes a Func lets its caller choose what is done.
    [Koan("ApplyTwice calls the function you give it twice, starting from 3. Which function makes 12?")]
    public void AFunctionCanBePassedAsAnArgument()
    {
        static int ApplyTwice(Func<int, int> step, int start) => step(step(start));
        ApplyTwice(x => x * 2, 3).ShouldBe(12);
    }

    // += adds a second target to the same delegate: one call, and every target runs, in the order added.
    [Koan("Calling chime once calls both lambdas. Which entries does the log hold, in which order?")]
    public void PlusEqualsMakesAMulticastDelegate()
    {
        var log = new List<string>();
        Action chime = () => log.Add("ding");
        chime += () => log.Add("dong");
        chime();
        log.ShouldBe(["ding", "dong"]);
    }

    // A multicast Func runs every target, but only the last one's result comes back; the others are lost.
    [Koan("Both lambdas run. Whose answer does the caller get?")]
    public void AMulticastFuncReturnsOnlyTheLastResult()
    {
        var calls = 0;
        Func<int> answer = () => { calls++; return 1; };
        answer += () => { calls++; return 2; };
        answer().ShouldBe(2);
        calls.ShouldBe(2);
    }

    // A lambda captures the variable, not its value at the time: it reads whatever the variable holds when it runs.
    [Koan("cups changes after the lambda is made, before it is called. Which value does the lambda read?")]
    public void ALambdaSeesLaterChangesToACapturedVariable()
    {
        var cups = 1;
        Func<int> count = () => cups;
        cups = 3;
        count().ShouldBe(3);
    }

    // Two lambdas that capture the same variable share it: what one writes, the other reads (and so will two threads).
    [Koan("refill changes cups twice; peek reads the same cups. What does it see?")]
    public void TwoLambdasShareOneCapturedVariable()
    {
        var cups = 0;
        Action refill = () => cups += 2;
        Func<int> peek = () => cups;
        refill();
        refill();
        peek().ShouldBe(4);
        cups.ShouldBe(4);
    }

    // A captured variable outlives the method that declared it, so a factory can hand out counters that remember.
    [Koan("Each call of MakeCounter makes a new count variable. Follow a and b separately.")]
    public void EachCounterFromAFactoryKeepsItsOwnCount()
    {
        static Func<int> MakeCounter()
        {
            var count = 0;
            return () => ++count;
        }

        var a = MakeCounter();
        var b = MakeCounter();
        int[] seen = [a(), a(), b(), a()];
        seen.ShouldBe([1, 2, 1, 3]);
    }

    // A for loop has one i for all its rounds, so every lambda that captured it reads i's final value.
    [Koan("The lambdas run after the loop has ended. What is i then, and how many lambdas read it?")]
    public void ForLoopLambdasAllSeeTheLastValue()
    {
        var readers = new List<Func<int>>();
        for (var i = 0; i < 3; i++)
        {
            readers.Add(() => i);
        }

        readers.Select(read => read()).ToArray().ShouldBe([3, 3, 3]);
    }

    // The fix: copy the loop variable into a local declared inside the loop; each round gets a local of its own.
    [Koan("Each round declares a new copy. What does each lambda read now?")]
    public void ACopyInsideTheLoopGivesEachLambdaItsOwnValue()
    {
        var readers = new List<Func<int>>();
        for (var i = 0; i < 3; i++)
        {
            var copy = i;
            readers.Add(() => copy);
        }

        readers.Select(read => read()).ToArray().ShouldBe([0, 1, 2]);
    }

    // foreach is kinder than for: its loop variable is a fresh variable in every round (since C# 5).
    [Koan("Unlike the for loop's i, cup is new in every round. What does each lambda read?")]
    public void ForeachGivesEachRoundAFreshVariable()
    {
        var readers = new List<Func<int>>();
        foreach (var cup in new[] { 10, 20, 30 })
        {
            readers.Add(() => cup);
        }

        readers.Select(read => read()).ToArray().ShouldBe([10, 20, 30]);
    }
}
