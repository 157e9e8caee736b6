namespace Koans;

[Topic("""
    Python has help(); C# keeps its help in two places you can read from code. Attributes are notes
    fastened to types and members ([Obsolete], [Koan]), and reflection reads them back as objects. The
    /// comments above a member become an XML documentation file, and the SDK ships such files for the
    whole framework. XmlDocs (in the engine) finds a member's summary in them, so when you meet an
    unknown API in the threading topics ahead, you can ask the API itself what it does.
    """)]
public class AboutHelp
{
    /// <summary>A kettle that boils water for tea.</summary>
    public sealed class Kettle
    {
        [Obsolete("Use Brew instead: boiling alone makes no tea.")]
        public void Boil()
        {
        }

        [Serves(4)]
        public void Brew()
        {
        }
    }

    /// <summary>Says how many cups a method makes.</summary>
    /// <param name="cups">The number of cups.</param>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class ServesAttribute(int cups) : Attribute
    {
        /// <summary>The number of cups.</summary>
        public int Cups { get; } = cups;
    }

    // An attribute is a note the compiler keeps with the member, and anyone can read it back at run time.
    [Koan("Ask the Boil method for its ObsoleteAttribute and read what the note says.")]
    public void ObsoleteKeepsItsMessageWithTheMember()
    {
        var boil = typeof(Kettle).GetMethod(nameof(Kettle.Boil))!;
        var obsolete = boil.GetCustomAttribute<ObsoleteAttribute>()!;
        obsolete.Message.ShouldBe("Use Brew instead: boiling alone makes no tea.");
    }

    // Your own attributes carry your own data: a class deriving from Attribute is all it takes.
    [Koan("Find the attribute on Brew and read its property.")]
    public void YourOwnAttributeCarriesYourOwnData()
    {
        var brew = typeof(Kettle).GetMethod(nameof(Kettle.Brew))!;
        var serves = brew.GetCustomAttribute<ServesAttribute>()!;
        serves.Cups.ShouldBe(4);
    }

    // Every koan is a method with an attribute on it; that is how the runner finds them and their hints.
    [Koan("Which attribute stands above this very method? Write its class name, not its short form.")]
    public void EveryKoanIsAMethodWithAnAttribute()
    {
        var me = typeof(AboutHelp).GetMethod(nameof(EveryKoanIsAMethodWithAnAttribute))!;
        var names = me.GetCustomAttributes().Select(attribute => attribute.GetType().Name).ToArray();
        names.ShouldBe(["KoanAttribute"]);
    }

    // The /// comments you write are compiled into an XML file next to your program, so they are help too.
    [Koan("Look at the comment above the Kettle class at the top of this file.")]
    public void YourOwnDocCommentsBecomeHelp()
    {
        var summary = XmlDocs.Summary(typeof(Kettle));
        summary.ShouldBe("A kettle that boils water for tea.");
    }

    // The framework's help ships with the SDK: one XML file per reference assembly you compile against.
    [Koan("Read the assembly name the koan printed. Strings are documented under the name of the reference assembly that programs compile against, " +
        "not that one.")]
    public void TheSdkShipsTheFrameworksDocumentation()
    {
        Console.WriteLine($"string lives in {typeof(string).Assembly.GetName().Name}");
        var file = XmlDocs.DocumentationFile(typeof(string).Assembly);
        file.ShouldNotBeNull("no documentation file found: is the .NET SDK installed next to the runtime?");
        Path.GetFileName(file).ShouldBe("System.Runtime.xml");
    }

    // A summary answers "what does this do?" without leaving your code, much like help(str.upper).
    [Koan("Read the summary the koan printed. Which word says what ToUpper makes of the text?")]
    public void ASummarySaysWhatAMethodDoes()
    {
        var toUpper = typeof(string).GetMethod(nameof(string.ToUpper), Type.EmptyTypes)!;
        var summary = XmlDocs.Summary(toUpper);
        Console.WriteLine($"string.ToUpper: {summary}");
        summary.ShouldNotBeNull("string.ToUpper has no summary: is the .NET SDK installed?");
        summary.ShouldContain("uppercase", Case.Sensitive);
    }

    // Reflection lists what a type can do, so you can discover an API without opening a manual.
    [Koan("Which public methods of string have names starting with Pad? Each name once, in order.")]
    public void ReflectionListsTheMethodsOfAType()
    {
        var padders = typeof(string).GetMethods()
            .Where(method => method.Name.StartsWith("Pad", StringComparison.Ordinal))
            .Select(method => method.Name)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
        padders.ShouldBe(["PadLeft", "PadRight"]);
    }

    // A name says little; the summary says exactly what happens, and that is where surprises hide.
    [Koan("PadLeft puts its padding on the left. Read the summary it printed: where does that leave the text?")]
    public void TheSummarySaysWhatTheNameDoesNot()
    {
        var padLeft = typeof(string).GetMethod(nameof(string.PadLeft), [typeof(int), typeof(char)])!;
        var summary = XmlDocs.Summary(padLeft);
        Console.WriteLine($"string.PadLeft: {summary}");
        summary.ShouldNotBeNull("string.PadLeft has no summary: is the .NET SDK installed?");
        summary.ShouldContain("right-aligns", Case.Sensitive);
        "tea".PadLeft(5, '.').ShouldBe("..tea");
    }

    // Documentation files find a member by an ID that spells out its kind, full name and parameter types.
    [Koan("The ID starts with M: for a method, then the full type name, the method name, and the parameter types in brackets.")]
    public void ADocumentationIdNamesOneOverloadExactly()
    {
        var padLeft = typeof(string).GetMethod(nameof(string.PadLeft), [typeof(int), typeof(char)])!;
        XmlDocs.DocumentationId(padLeft).ShouldBe("M:System.String.PadLeft(System.Int32,System.Char)");
    }
}
