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
    [Koan("Work the sum out before you run it; C# multiplies before it adds. A wrong guess makes the message say what the left side was.")]
    public void ShouldBeComparesTwoValues()
    {
        var cups = 1;
        var sum = cups + 2 * 3;
        sum.ShouldBe(__);
    }

    // The message of a failed assert names the expression that failed, so you can find it fast.
    [Koan("Shouldly quotes the code on the left; count the letters yourself.")]
    public void ShouldlyNamesTheExpressionThatFailed()
    {
        var word = "koan";
        word.Length.ShouldBe(__);
    }

    // A blank can stand for text: write it in double quotes, every character as the code leaves it.
    [Koan("Follow the variable line by line: each line makes new text out of the old.")]
    public void TextIsWrittenInDoubleQuotes()
    {
        var text = "thread";
        text += "ing";
        text = "multi" + text;
        text.ShouldBe(__);
    }

    // Many koans ask for a log of steps: a list is compared item by item, and in order.
    [Koan("Add puts an item at the end of the list; Insert puts it at the place you give, counting from 0.")]
    public void AListIsComparedItemByItemInOrder()
    {
        var steps = new List<string> { "boil" };
        steps.Add("pour");
        steps.Insert(0, "fill");
        steps.Add("sip");
        steps.ShouldBe(__);
    }

    // A blank can stand for a type too: every value knows which type it is, whatever made it.
    [Koan("Read each number's type from the way it is written. Which type does the product take?")]
    public void EveryValueKnowsItsType()
    {
        var tins = 7;
        var price = 1.5m;
        var total = tins * price;
        total.GetType().ShouldBe(__);
    }

    // Code that must fail is asserted too: Should.Throw catches the exception, and what ran before it stays done.
    [Koan("The loop shares 12 biscuits among each number of guests in turn. Which lines were added before the exception stopped it?")]
    public void CodeStopsAtTheLineThatThrows()
    {
        var shares = new List<string>();
        Should.Throw<DivideByZeroException>(() =>
        {
            foreach (var guests in new[] { 2, 3, 0, 4 })
            {
                shares.Add($"{12 / guests} each");
            }
        });
        shares.ShouldBe(__);
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
