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
        [Obsolete("Use Heat instead: Boil never looked at the water level.")]
        public void Boil()
        {
        }

        [Obsolete("Use Brew instead: hot water alone makes no tea.")]
        public void Heat()
        {
        }

        /// <summary>Brews a pot of tea.</summary>
        [Serves(4)]
        public void Brew()
        {
        }

        // Tops the pot up with hot water for a second round.
        [Serves(2)]
        public void Refill()
        {
        }

        /// <summary>Pours one cup.</summary>
        public void Pour()
        {
        }

        /// <summary>Pours the given number of cups, one after another.</summary>
        /// <param name="cups">How many cups to fill.</param>
        public void Pour(int cups)
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
    [Koan("Start where the loop starts and follow the notes, one method to the next, until a method has no note.")]
    public void ObsoleteKeepsItsMessageWithTheMember()
    {
        var followed = new List<string>();
        var name = "Boil";
        while (true)
        {
            followed.Add(name);
            var note = typeof(Kettle).GetMethod(name, Type.EmptyTypes)!.GetCustomAttribute<ObsoleteAttribute>();
            if (note is null)
            {
                break;
            }

            name = note.Message!.Split(' ')[1];
        }

        followed.ShouldBe(["Boil", "Heat", "Brew"]);
    }

    // Your own attributes carry your own data: a class deriving from Attribute is all it takes.
    [Koan("Each call of the plan serves as many cups as the attribute on its method says; a method without one serves none.")]
    public void YourOwnAttributeCarriesYourOwnData()
    {
        string[] plan = ["Brew", "Refill", "Pour", "Refill"];
        var cups = plan.Sum(name => typeof(Kettle).GetMethod(name, Type.EmptyTypes)!.GetCustomAttribute<ServesAttribute>()?.Cups ?? 0);
        cups.ShouldBe(8);
    }

    // Every koan is a method with an attribute on it; that is how the runner finds them and their hints.
    [Koan("The runner asks each topic's class this same question. Count what it answers for this topic.")]
    public void EveryKoanIsAMethodWithAnAttribute()
    {
        var koans = typeof(AboutHelp).GetMethods().Count(method => method.GetCustomAttribute<KoanAttribute>() is not null);
        koans.ShouldBe(9);
    }

    // The /// comments you write are compiled into an XML file next to your program, so they are help too.
    [Koan("Look at the comments above each of the three methods asked about. Which of them did the compiler keep?")]
    public void YourOwnDocCommentsBecomeHelp()
    {
        var help = new[] { "Brew", "Refill", "Heat" }
            .Select(name => XmlDocs.Summary(typeof(Kettle).GetMethod(name)!) ?? "(no help)")
            .ToArray();
        help.ShouldBe(["Brews a pot of tea.", "(no help)", "(no help)"]);
    }

    // The framework's help ships with the SDK: one XML file per reference assembly you compile against.
    [Koan("Read the assembly files the koan printed. The core library has no documentation file of its own: it is documented under the name programs compile against.")]
    public void TheSdkShipsTheFrameworksDocumentation()
    {
        Type[] types = [typeof(Console), typeof(string), typeof(StringBuilder)];
        foreach (var type in types)
        {
            Console.WriteLine($"{type.Name} lives in {Path.GetFileName(type.Assembly.Location)}");
        }

        var files = types.Select(type => XmlDocs.DocumentationFile(type.Assembly)).ToArray();
        files.ShouldAllBe(file => file != null, "no documentation file found: is the .NET SDK installed next to the runtime?");
        files.Select(Path.GetFileName).ToArray().ShouldBe(["System.Console.xml", "System.Runtime.xml", "System.Runtime.xml"]);
    }

    // A summary answers "what does this do?" without leaving your code, much like help(list.remove).
    [Koan("Read the summary the koan printed, then do to the order exactly what it says.")]
    public void ASummarySaysWhatAMethodDoes()
    {
        var order = new List<string> { "spam", "eggs", "spam", "beans", "spam" };
        var summary = XmlDocs.Summary(typeof(List<string>).GetMethod(nameof(order.Remove))!);
        summary.ShouldNotBeNull("List.Remove has no summary: is the .NET SDK installed?");
        Console.WriteLine($"List.Remove: {summary}");
        order.Remove("spam");
        order.ShouldBe(["eggs", "spam", "beans", "spam"]);
    }

    // The help also says what can go wrong: which exceptions a method throws, and when.
    [Koan("Read the exceptions the koan printed and when each is thrown. Which one does each order end in?")]
    public void TheHelpListsTheExceptionsAMethodThrows()
    {
        var parse = typeof(int).GetMethod(nameof(int.Parse), [typeof(string)])!;
        foreach (var (exception, when) in XmlDocs.Exceptions(parse))
        {
            Console.WriteLine($"int.Parse throws {exception} when {when}");
        }

        string?[] orders = ["12 tins", null, "99999999999"];
        var endings = orders.Select(order => ExceptionOf(() => int.Parse(order!))).ToArray();
        endings.ShouldBe(["FormatException", "ArgumentNullException", "OverflowException"]);
    }

    // A name says little; the summary says exactly what happens, and that is where surprises hide.
    [Koan("Round each price as the summary the koan printed says. What happens to a number exactly halfway between two?")]
    public void TheSummarySaysWhatTheNameDoesNot()
    {
        var summary = XmlDocs.Summary(typeof(Math).GetMethod(nameof(Math.Round), [typeof(double)])!);
        summary.ShouldNotBeNull("Math.Round has no summary: is the .NET SDK installed?");
        Console.WriteLine($"Math.Round: {summary}");
        double[] prices = [0.5, 1.5, 2.5, 2.6];
        var rounded = prices.Select(price => Math.Round(price)).ToArray();
        rounded.ShouldBe([0.0, 2.0, 2.0, 3.0]);
    }

    // Documentation files find a member by an ID that spells out its kind, full name and parameter types.
    [Koan("The ID starts with M: for a method, then the full name of its type with a dot between each part, the method's name, and its parameter types in brackets.")]
    public void ADocumentationIdNamesOneOverloadExactly()
    {
        var pour = typeof(Kettle).GetMethod(nameof(Kettle.Pour), [typeof(int)])!;
        XmlDocs.DocumentationId(pour).ShouldBe("M:Koans.AboutHelp.Kettle.Pour(System.Int32)");
    }

    /// <summary>The name of the exception <paramref name="action"/> throws, or "none".</summary>
    private static string ExceptionOf(Action action)
    {
        try
        {
            action();
            return "none";
        }
        catch (Exception exception)
        {
            return exception.GetType().Name;
        }
    }
}
