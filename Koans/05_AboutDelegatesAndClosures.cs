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
        ___();
        log.Count.ShouldBe(1, "the action was made, but its code never ran: was it called?");
    }

    // A method's name is a delegate too (a method group), so named methods and lambdas are interchangeable.
    [Koan("The array holds three delegates made from method names. Pass the word through each in turn.")]
    public void AMethodNameCanStandForADelegate()
    {
        static string Shout(string word) => word.ToUpperInvariant() + "!";
        static string Whisper(string word) => word.ToLowerInvariant() + "...";
        Func<string, string>[] voices = [Shout, Whisper, Shout];
        var said = "Tea";
        foreach (var voice in voices)
        {
            said = voice(said);
        }

        said.ShouldBe(__);
    }

    // Functions are values: a method that takes a Func lets its caller choose what is done.
    [Koan("ApplyTwice feeds the function its own answer. Work out each call, one step at a time.")]
    public void AFunctionCanBePassedAsAnArgument()
    {
        static int ApplyTwice(Func<int, int> step, int start) => step(step(start));
        int[] results = [ApplyTwice(x => x + 5, 1), ApplyTwice(x => x * x, 3), ApplyTwice(x => 10 - x, 4)];
        results.ShouldBe(__);
    }

    // += adds a target to the same delegate and -= takes one off: one call runs every target left, in order.
    [Koan("Write down the delegate's list of targets after each line, then what each call adds to the log.")]
    public void PlusEqualsMakesAMulticastDelegate()
    {
        var log = new List<string>();
        Action ding = () => log.Add("ding");
        Action dong = () => log.Add("dong");
        var chime = ding;
        chime += dong;
        chime += ding;
        chime();
        chime -= ding;
        chime?.Invoke();
        log.ShouldBe(__);
    }

    // A multicast Func runs every target, but only the last one's result comes back; the others are lost.
    [Koan("All three lambdas run, one after another, on the same cups. What does the caller get, and what is left in cups?")]
    public void AMulticastFuncReturnsOnlyTheLastResult()
    {
        var cups = 0;
        Func<int> pour = () => cups += 1;
        pour += () => cups *= 10;
        pour += () => cups - 3;
        var got = pour();
        int[] seen = [got, cups];
        seen.ShouldBe(__);
    }

    // A lambda captures the variable, not its value at the time: it reads whatever the variable holds when it runs.
    [Koan("cups changes between the calls. Which value does each call read?")]
    public void ALambdaSeesLaterChangesToACapturedVariable()
    {
        var cups = 1;
        Func<int> count = () => cups;
        var before = count();
        cups = 3;
        var after = count();
        cups++;
        int[] seen = [before, after];
        seen.ShouldBe(__);
    }

    // Two lambdas that capture the same variable share it: what one writes, the other reads (and so will two threads).
    [Koan("refill and drink both change the same cups; peek reads it. Follow the calls in order.")]
    public void TwoLambdasShareOneCapturedVariable()
    {
        var cups = 0;
        Action refill = () => cups += 2;
        Action drink = () => cups--;
        Func<int> peek = () => cups;
        refill();
        drink();
        drink();
        refill();
        drink();
        peek().ShouldBe(__);
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
        seen.ShouldBe(__);
    }

    // A for loop has one i for all its rounds, so every lambda that captured it reads i as the loop left it.
    [Koan("The lambdas run after the loop has ended. What is i then: the last value the body saw, or another?")]
    public void ForLoopLambdasAllShareOneLoopVariable()
    {
        var readers = new List<Func<int>>();
        for (var i = 1; i <= 6; i += 2)
        {
            readers.Add(() => i);
        }

        readers.Select(read => read()).ToArray().ShouldBe(__);
    }

    // The fix: a local declared inside the loop is a new variable in every round, so each lambda has its own.
    [Koan("Each round declares a new copy, and the lambda captures that variable. What happens to it after the lambda is made?")]
    public void ACopyInsideTheLoopGivesEachLambdaItsOwnVariable()
    {
        var readers = new List<Func<int>>();
        for (var i = 0; i < 3; i++)
        {
            var copy = i;
            readers.Add(() => copy);
            copy *= 10;
        }

        readers.Select(read => read()).ToArray().ShouldBe(__);
    }

    // foreach is kinder than for: its loop variable is a fresh variable in every round (since C# 5).
    [Koan("Each lambda reads two variables: one new in every round, one declared once before the loop.")]
    public void ForeachGivesEachRoundAFreshVariable()
    {
        var readers = new List<Func<int>>();
        var round = 0;
        foreach (var cup in new[] { 10, 20, 30 })
        {
            round++;
            readers.Add(() => cup + round);
        }

        readers.Select(read => read()).ToArray().ShouldBe(__);
    }
}
