namespace Koans;

[Topic("""
    Python answers "what can this thing do?" with dir(). C# answers it with reflection: every value can
    hand you its Type, and a Type lists its methods, properties and fields, finds one by name, and even
    calls it for you. Debuggers, test runners and this very path are built on it: the koans you are
    solving are found by asking types which of their methods carry a [Koan] attribute.
    """)]
public class AboutReflection
{
    // GetType reports what a value really is, whatever the variable holding it is declared as.
    [Koan("The variables are declared as one type and another; ask what the value inside them was made as.")]
    public void GetTypeSeesTheValueNotTheVariable()
    {
        Tin tin = new SpamTin();
        object thing = tin;
        thing.GetType().ShouldBe(__);
    }

    // Name is what you write in code; Namespace is where the type lives; FullName also says inside which type it was declared.
    [Koan("A cup's type is declared inside the class of this topic, and that class inside a namespace. FullName says all three: how?")]
    public void ATypeHasANameAndANamespace()
    {
        var type = new Cup(Tea: 2).GetType();
        type.FullName.ShouldBe(__);
    }

    // Value types are copied when passed around; classes are shared by reference. Threads care which.
    [Koan("A struct is copied whenever it is assigned; a class is shared. Which of these are structs? Their names, in the order of the array.")]
    public void TypesKnowIfTheyAreValuesOrClasses()
    {
        Type[] types = [typeof(string), typeof(Cup), typeof(Tin), typeof(int), typeof(int[])];
        var copied = types.Where(type => type.IsValueType).Select(type => type.Name).ToArray();
        copied.ShouldBe(__);
    }

    // Every type has a family tree; walking BaseType up always ends at the one type all others derive from.
    [Koan("Walk each tree up by hand, from the declarations at the bottom of this file. Where does a struct come from?")]
    public void BaseTypesLeadUpToOneRoot()
    {
        string[] trees = [FamilyTree(typeof(SpamTin)), FamilyTree(typeof(Cup))];
        trees.ShouldBe(__);
    }

    // GetMethods is C#'s dir(): it lists everything a type can be asked to do, reading its properties included.
    [Koan("Only the methods Tin declares itself, each overload on its own, in ordinal order (capitals before small letters).")]
    public void GetMethodsListsWhatATypeCanDo()
    {
        var names = typeof(Tin).GetMethods()
            .Where(method => method.DeclaringType == typeof(Tin))
            .Select(method => method.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();
        names.ShouldBe(__);
    }

    // Properties are listed apart from methods, and a type lists the properties it inherits with its own.
    [Koan("The spam tin's class declares one property itself. Which can you read from one? Names in ordinal order.")]
    public void GetPropertiesListsWhatATypeKnows()
    {
        var names = typeof(SpamTin).GetProperties().Select(property => property.Name).Order(StringComparer.Ordinal).ToArray();
        names.ShouldBe(__);
    }

    // GetMethod finds a member from a name that is only data, a string; the parameter types pick one overload.
    [Koan("Ask Tin for each name in turn, as a method that takes no arguments. Which names does it find?")]
    public void GetMethodFindsAMemberByName()
    {
        string[] asked = ["Open", "Close", "Label", "Describe", "Slice"];
        var found = asked.Where(name => typeof(Tin).GetMethod(name, Type.EmptyTypes) is not null).ToArray();
        found.ShouldBe(__);
    }

    // Invoke calls a method you found by name: the object first, then its arguments in an array.
    [Koan("Each Invoke is one call on the same tin. Add up what the calls did, then read what the last one returns.")]
    public void InvokeCallsAMethodFoundByName()
    {
        var tin = new Tin("Beans");
        var openSome = typeof(Tin).GetMethod("Open", [typeof(int)])!;
        var openOne = typeof(Tin).GetMethod("Open", Type.EmptyTypes)!;
        openSome.Invoke(tin, [2]);
        openOne.Invoke(tin, null);
        openSome.Invoke(tin, [3]);
        var describe = typeof(Tin).GetMethod("Describe")!;
        describe.Invoke(tin, null).ShouldBe(__);
    }

    // GetValue reads a property of any object given only the property's name, if its type has one by that name.
    [Koan("Each value is asked for a property called Length. Which of their types have one, and what does it say?")]
    public void GetValueReadsAPropertyByName()
    {
        object[] things = ["Spam!", new[] { 4, 2 }, new List<int> { 1, 2, 3 }];
        var lengths = things
            .Select(thing => thing.GetType().GetProperty("Length")?.GetValue(thing)?.ToString() ?? "missing")
            .ToArray();
        lengths.ShouldBe(__);
    }

    // Without flags reflection shows only public members; private ones need asking for.
    [Koan("Tin's code declares one private field. Read each member of Tin: which of them keeps a value in a field?")]
    public void BindingFlagsRevealPrivateMembers()
    {
        typeof(Tin).GetFields().Length.ShouldBe(0, "a Tin has no public fields");
        var hidden = typeof(Tin).GetFields(BindingFlags.NonPublic | BindingFlags.Instance)
            .Select(field => field.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();
        hidden.ShouldBe(__);
    }

    // nameof turns a member into its name at compile time, so a rename can never leave a stale string behind.
    [Koan("What does nameof make of a name with a dot in it? Put the two together as the last line does.")]
    public void NameofSpellsAMembersName()
    {
        var where = nameof(AboutReflection.SpamTin);
        var what = nameof(SpamTin.Slices);
        $"{where}.{what}".ShouldBe(__);
    }

    /// <summary>The names of <paramref name="type"/> and of each base type above it, joined by " > ".</summary>
    private static string FamilyTree(Type? type)
    {
        var names = new List<string>();
        for (; type is not null; type = type.BaseType)
        {
            names.Add(type.Name);
        }

        return string.Join(" > ", names);
    }

    // A tin with a secret: a field that only reflection with the right flags can see.
    private class Tin
    {
        private int _timesOpened;

        public Tin(string label) => Label = label;

        public string Label { get; }

        public bool IsOpen => _timesOpened > 0;

        public void Open() => _timesOpened++;

        public void Open(int times) => _timesOpened += times;

        public string Describe() => $"{Label}, opened {_timesOpened} times";
    }

    // A tin of one kind, sold in slices.
    private sealed class SpamTin : Tin
    {
        public SpamTin()
            : base("Spam!")
        {
        }

        public int Slices { get; private set; } = 8;

        public void Slice() => Slices--;
    }

    // A cup of tea is a struct: assigning it copies the whole cup.
    private readonly record struct Cup(int Tea);
}
