namespace Koans;

[Topic("""
    Python answers "what can this thing do?" with dir(). C# answers it with reflection: every value can
    hand you its Type, and a Type lists its methods, properties and fields, finds one by name, and even
    calls it for you. Debuggers, test runners and this very path are built on it: the koans you are
    solving are found by asking types which of their methods carry a [Koan] attribute.
    """)]
public class AboutReflection
{
    // A tin with a secret: a private field that only reflection with the right flags can see.
    private sealed class Tin
    {
        private int _timesOpened;

        public string Label => "Spam!";

        public bool IsOpen => _timesOpened > 0;

        public void Open() => _timesOpened++;
    }

    // GetType reports what a value really is, whatever the variable holding it is declared as.
    [Koan("The variable says object; ask what the value inside it is.")]
    public void GetTypeSeesTheValueNotTheVariable()
    {
        object thing = 42;
        thing.GetType().ShouldBe(__);
    }

    // Name is what you would write in code; Namespace is where the type lives; FullName joins them.
    [Koan("Which namespace did StringBuilder come from in the last topic?")]
    public void ATypeHasANameAndANamespace()
    {
        var type = typeof(StringBuilder);
        type.Name.ShouldBe(__);
        type.Namespace.ShouldBe(__);
        type.FullName.ShouldBe(type.Namespace + "." + type.Name);
    }

    // Value types are copied when passed around; classes are shared by reference. Threads care which.
    [Koan("int is a struct. And string, for all that it never changes?")]
    public void TypesKnowIfTheyAreValuesOrClasses()
    {
        typeof(int).IsValueType.ShouldBe(__);
        typeof(string).IsValueType.ShouldBe(__);
        typeof(string).IsClass.ShouldBe(true);
    }

    // Every type has a family tree; walking BaseType up ends at object.
    [Koan("int is a keyword; the runtime knows the type by another name. Where do all structs come from?")]
    public void BaseTypesLeadUpToObject()
    {
        var chain = new List<string>();
        for (Type? type = typeof(int); type is not null; type = type.BaseType)
        {
            chain.Add(type.Name);
        }

        chain.ToArray().ShouldBe(__);
    }

    // GetMethods is C#'s dir(): it lists what a type can do, so you can check before you call.
    [Koan("You used one of these on \"Spam!\" in the last topic; the other you had to build yourself.")]
    public void GetMethodsListsWhatATypeCanDo()
    {
        var names = typeof(string).GetMethods().Select(m => m.Name).Distinct().ToArray();
        names.Contains("ToUpper").ShouldBe(__);
        names.Contains("SwapCase").ShouldBe(__);
    }

    // Properties are listed apart from methods; an indexer like s[0] is a property too, under a name.
    [Koan("Length is one. The other is what s[1] reads, and it is called after what it returns.")]
    public void GetPropertiesListsWhatATypeKnows()
    {
        var names = typeof(string).GetProperties().Select(p => p.Name).Order().ToArray();
        names.ShouldBe(__);
    }

    // One name can mean several overloads; giving the parameter types picks exactly one.
    [Koan("Type.EmptyTypes asks for the ToUpper that takes no arguments. What does it give back?")]
    public void GetMethodFindsAMemberByName()
    {
        typeof(string).GetMethods().Count(m => m.Name == "ToUpper").ShouldBe(2, "ToUpper has overloads");
        var toUpper = typeof(string).GetMethod("ToUpper", Type.EmptyTypes);
        toUpper.ShouldNotBeNull("no ToUpper without parameters was found");
        toUpper.ReturnType.ShouldBe(__);
    }

    // Invoke calls a method you found by name: the object first, then its arguments in an array.
    [Koan("This is \"42\".PadLeft(5, '0'), called the long way round.")]
    public void InvokeCallsAMethodFoundByName()
    {
        var padLeft = typeof(string).GetMethod("PadLeft", [typeof(int), typeof(char)]);
        padLeft.ShouldNotBeNull("no PadLeft(int, char) was found");
        var result = padLeft.Invoke("42", [5, '0']);
        result.ShouldBe(__);
    }

    // GetValue reads a property of any object, given only the property's name.
    [Koan("This is \"Spam!\".Length, read the long way round.")]
    public void GetValueReadsAPropertyByName()
    {
        var length = typeof(string).GetProperty("Length");
        length.ShouldNotBeNull("no Length property was found");
        length.GetValue("Spam!").ShouldBe(__);
    }

    // Without flags reflection shows only public members; private ones need asking for by name.
    [Koan("The field is private and belongs to each Tin, not to the class. Which flags say both?")]
    public void BindingFlagsRevealPrivateMembers()
    {
        typeof(Tin).GetFields().Length.ShouldBe(0, "a Tin has no public fields");
        var hidden = typeof(Tin).GetFields(__).Select(f => f.Name).ToArray();
        hidden.ShouldBe(new[] { "_timesOpened" }, "these flags found no private field of a Tin: is it static or per instance?");
    }

    // nameof turns a member into its name at compile time, so a rename can never leave a stale string.
    [Koan("nameof gives the member's own name, as a string.")]
    public void NameofSpellsAMembersName()
    {
        var name = nameof(Tin.Open);
        name.ShouldBe(__);
        typeof(Tin).GetMethod(name).ShouldNotBeNull("Tin has no method by that name");
    }
}
