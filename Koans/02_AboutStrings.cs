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
    [Koan("One of these is the string you started with; the other is a new one.")]
    public void ToUpperReturnsANewString()
    {
        var s = "Spam!";
        var loud = s.ToUpper();
        s.ShouldBe(__);
        loud.ShouldBe(__);
    }

    // Lowering the case is how you compare what a user typed with what you expected.
    [Koan("Every letter goes small. What happens to a character that is not a letter?")]
    public void ToLowerMakesEveryLetterSmall()
    {
        var quiet = "Spam!".ToLower();
        quiet.ShouldBe(__);
    }

    // C# has no swapcase, but a string is a sequence of chars, and chars are easy to turn one by one.
    [Koan("Write a function that turns each capital small and each small letter capital.")]
    public void SwappingCaseIsYoursToBuild()
    {
        Func<string, string> swapCase = __;
        swapCase("Spam!").ShouldBe("sPAM!");
        swapCase("sPAM!").ShouldBe("Spam!");
    }

    // Numbers padded to one width line up in logs and sort as text in the right order.
    [Koan("PadLeft fills on the left until the string is as long as you asked. Does it ever cut?")]
    public void PadLeftWithZerosIsZfill()
    {
        "42".PadLeft(5, '0').ShouldBe(__);
        "123456".PadLeft(5, '0').ShouldBe(__);
    }

    // A range picks a slice of a string without a loop, like Python's s[1:4].
    [Koan("Count from 0. The start of a range is included, its end is not.")]
    public void ARangeSlicesAString()
    {
        var s = "Spam!";
        s[1..4].ShouldBe(__);
    }

    // Counting from the end saves working out the length first.
    [Koan("^1 is the last character; a range that ends at ^1 stops just before it.")]
    public void TheHatCountsFromTheEnd()
    {
        var s = "Spam!";
        s[^1].ShouldBe(__);
        s[..^1].ShouldBe(__);
    }

    // Text that arrives as one line, like a log entry, is usually split into fields first.
    [Koan("Split cuts at every comma and drops the commas.")]
    public void SplitCutsAStringIntoPieces()
    {
        var order = "spam,eggs,spam";
        order.Split(',').ShouldBe(__);
    }

    // Join is the way back from pieces to one string, with a separator only between them.
    [Koan("The separator goes between the pieces, never before the first or after the last.")]
    public void JoinPutsTheSeparatorBetweenPieces()
    {
        var dishes = new[] { "eggs", "bacon", "spam" };
        string.Join(" and ", dishes).ShouldBe(__);
    }

    // A format specifier after a colon decides how a value looks without any extra code.
    [Koan("D4 asks for at least four digits; X asks for hexadecimal.")]
    public void InterpolationFormatsValues()
    {
        var tins = 42;
        $"{tins:D4} tins".ShouldBe(__);
        $"{tins:X} in hex".ShouldBe(__);
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
    [Koan("One question is about the characters, the other about the objects.")]
    public void EqualStringsNeedNotBeTheSameObject()
    {
        var a = "Spam!";
        var b = new string("Spam!".ToCharArray());
        (a == b).ShouldBe(__);
        ReferenceEquals(a, b).ShouldBe(__);
    }
}
