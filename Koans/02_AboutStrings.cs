namespace Koans;

[Topic("""
    Text is everywhere in a program that talks: names of threads, log lines, messages from workers.
    A C# string is a sequence of characters that never changes once made; every method that seems to
    change one hands you a new string instead. Here you cut strings up, glue them together, format
    values into them and build them piece by piece, with a tin of "Spam!" as the running example.
    """)]
public class AboutStrings
{
    // Strings never change: that is what makes them safe to share between threads without a lock.
    [Koan("Follow s and loud separately. Which line gives s a new value, and which only makes a string nobody keeps?")]
    public void ToUpperReturnsANewString()
    {
        var s = "Spam!";
        s.ToUpper();
        var loud = s.Replace("!", "!!").ToUpper();
        s.ShouldBe(__);
        loud.ShouldBe(__);
    }

    // Lowering the case is how you compare what a user typed with what you expected.
    [Koan("Lower the case of each order in your head, then compare it with what the shop expects, character by character.")]
    public void ToLowerMakesEveryLetterSmall()
    {
        var typed = new[] { "SPAM!", "Spam", "spam!", "sPaM!", "spam !" };
        var matches = typed.Count(order => order.ToLower() == "spam!");
        matches.ShouldBe(__);
    }

    // C# has no swapcase, but a string never changes: turn its characters round in an array of chars, then make a new string.
    [Koan("Each letter of the array must change case: a capital becomes small, a small letter a capital.")]
    public void SwappingCaseIsYoursToBuild()
    {
        var letters = "Spam!".ToCharArray();
        for (var i = 0; i < letters.Length; i++)
        {
            // turn letters[i] round: char.IsUpper, char.ToLower and char.ToUpper do the work
            ___();
        }

        new string(letters).ShouldBe("sPAM!", "the letters came out as they went in: does the loop store the turned letter back in letters[i]?");
    }

    // Numbers padded to one width line up in logs and sort as text in the right order.
    [Koan("PadLeft fills on the left until the string is as long as you asked. Work out each label.")]
    public void PadLeftWithZerosIsZfill()
    {
        var tickets = new[] { 7, 42, 123456 };
        var labels = tickets.Select(ticket => ticket.ToString().PadLeft(5, '0')).ToArray();
        labels.ShouldBe(__);
    }

    // A range picks a slice of a string without a loop, like Python's s[1:4].
    [Koan("Count from 0, spaces included. The start of a range is included, its end is not.")]
    public void ARangeSlicesAString()
    {
        var entry = "08:15 worker-2 took job 7";
        var time = entry[0..5];
        var worker = entry[6..14];
        $"{worker} at {time}".ShouldBe(__);
    }

    // Counting from the end saves working out the length first.
    [Koan("^1 is the last character; a range that ends at ^1 stops just before it. Which tins end in a bang?")]
    public void TheHatCountsFromTheEnd()
    {
        var tins = new[] { "Spam!", "Eggs", "Beans!" };
        var quiet = tins.Select(tin => tin[^1] == '!' ? tin[..^1] : tin).ToArray();
        quiet.ShouldBe(__);
    }

    // Text that arrives as one line, like a log entry, is usually split into fields first.
    [Koan("Split cuts at every comma and drops the commas. What is left between two commas side by side, or after the last one?")]
    public void SplitCutsAStringIntoPieces()
    {
        var order = "spam,,eggs,";
        var pieces = order.Split(',');
        pieces.ShouldBe(__);
    }

    // Join is the way back from pieces to one string, with a separator only between them.
    [Koan("Join each order in turn. How many separators does an order of one dish need, and one of none?")]
    public void JoinPutsTheSeparatorBetweenPieces()
    {
        string[][] orders = [["eggs", "bacon", "spam"], ["spam"], []];
        var lines = orders.Select(dishes => string.Join(" and ", dishes)).ToArray();
        lines.ShouldBe(__);
    }

    // A format specifier after a colon decides how a value looks without any extra code.
    [Koan("D4 asks for at least four digits; X asks for hexadecimal, where the digits go on past 9 to A, B, C...")]
    public void InterpolationFormatsValues()
    {
        var tins = 42;
        var label = $"{tins:D4} tins, {tins:X} in hex";
        label.ShouldBe(__);
    }

    // Adding to a string in a loop copies it every time; a StringBuilder grows one buffer instead.
    [Koan("The builder stays empty until the loop puts something in it.")]
    public void AStringBuilderBuildsInPlace()
    {
        var menu = new StringBuilder();
        for (var i = 0; i < 3; i++)
        {
            ___();
        }

        menu.ToString().ShouldBe("Spam!Spam!Spam!", "the builder holds only what the loop appended to it");
    }

    // == on strings compares characters, so two different string objects can still be equal.
    [Koan("One count asks about the characters, the other about the objects. Which tins were made by the same line of code?")]
    public void EqualStringsNeedNotBeTheSameObject()
    {
        var first = "Spam!";
        var copy = new string(first.ToCharArray());
        string[] tins = [first, copy, first, "spam!"];
        tins.Count(tin => tin == first).ShouldBe(__);
        tins.Count(tin => ReferenceEquals(tin, first)).ShouldBe(__);
    }
}
