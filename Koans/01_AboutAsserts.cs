namespace Koans;

[Topic("""
    A koan is a small true statement with one piece missing. Each one here fails until you fill in its
    blank: __ stands for a value, and ___(); for a line of code you write yourself. Read the failure,
    think, fill in the blank, run again. The asserts are Shouldly's: actual.ShouldBe(expected).
    """)]
public class AboutAsserts
{
    // Every koan is an assertion; a true one passes, and that is all a koan asks of you.
    [Koan("A ShouldBe compares what is on its left with what you put in its brackets.")]
    public void TrueIsTrue()
    {
        true.ShouldBe(__);
    }

    // Reading a failure message closely is most of the work in every koan that follows.
    [Koan("The message says what the left side was. Which number would make the sum right?")]
    public void ShouldBeComparesTwoValues()
    {
        var sum = 1 + 1;
        sum.ShouldBe(__);
    }

    // The message of a failed assert names the expression that failed, so you can find it fast.
    [Koan("Shouldly quotes the code on the left; count the letters yourself.")]
    public void ShouldlyNamesTheExpressionThatFailed()
    {
        var word = "koan";
        word.Length.ShouldBe(__);
    }

    // Equal text is equal, however it was made: strings compare by their characters.
    [Koan("Put the two halves together in your head.")]
    public void StringsAreComparedByTheirCharacters()
    {
        var joined = "thread" + "ing";
        joined.ShouldBe(__);
    }

    // Opposites are as easy to assert as equalities, and often say more.
    [Koan("ShouldNotBe passes for every value but one.")]
    public void ShouldNotBeStatesWhatAValueIsNot()
    {
        var answer = 6 * 7;
        answer.ShouldNotBe(__);
    }

    // A blank can stand for a type too: every value knows which type it is.
    [Koan("What kind of value is 3.5 in C#?")]
    public void EveryValueKnowsItsType()
    {
        3.5.GetType().ShouldBe(__);
    }

    // Code that must fail is asserted too: Should.Throw catches the exception and hands it to you.
    [Koan("Which exception does dividing by a zero integer raise? Read its message.")]
    public void ShouldThrowCatchesTheExpectedException()
    {
        var zero = 0;
        var thrown = Should.Throw<DivideByZeroException>(() => 1 / zero);
        thrown.Message.ShouldBe(__);
    }

    // Some koans want a whole line of code, not a value: ___(); marks where it goes.
    [Koan("The list must hold one item when the koan ends. Write the line that puts it there.")]
    public void ACodeBlankAsksForAMissingLine()
    {
        var items = new List<string>();
        ___();
        items.Count.ShouldBe(1);
    }
}
