using System.Globalization;
using System.Reflection;
using Spectre.Console;

namespace ThreadingKoans.Runner.Lookup;

/// <summary>
/// Writes what <c>dir</c> shows of a type: its declaration, then its public members by kind (constructors,
/// fields, properties, methods grouped by name with their number of overloads, operators, events, nested
/// types), sorted by name, with static members, obsolete ones and inherited ones marked.
/// </summary>
internal sealed class MemberList(IAnsiConsole console)
{
    private const string Gap = "  ";
    private const int MaxReturnTypes = 2;

    /// <summary>Writes the listing of <paramref name="type"/>.</summary>
    public void Show(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var space = string.IsNullOrEmpty(type.Namespace) ? "the global namespace" : "namespace " + type.Namespace;
        console.MarkupLineInterpolated($"[grey]{space}, in {type.Assembly.GetName().Name}[/]");
        foreach (var line in HangingLines.Of(CSharpNames.Declaration(type), console.Profile.Width, Gap.Length + 2))
        {
            console.MarkupLineInterpolated($"[bold]{line}[/]");
        }

        var members = PublicMembers.Of(type);
        Section("Constructors", Constructors(members));
        Section(type.IsEnum ? "Values" : "Fields", type.IsEnum ? Values(type, members) : Fields(type, members));
        Section("Properties", Properties(type, members));
        Section("Methods", Methods(type, members));
        Section("Operators", Operators(members));
        Section("Events", Events(type, members));
        Section("Types", members.OfType<Type>().Select(nested => new[] { Declared(nested) }).OrderBy(row => row[0], StringComparer.Ordinal).ToList());
        console.WriteLine();
        var name = type.IsGenericType ? $"\"{CSharpNames.Of(type)}.<member>\"" : $"{CSharpNames.Of(type)}.<member>";
        console.MarkupLineInterpolated($"[grey]help {name} shows a member's documentation.[/]");
    }

    private static List<string[]> Constructors(IEnumerable<MemberInfo> members) =>
        members.OfType<ConstructorInfo>()
            .Select(constructor => (Count: constructor.GetParameters().Length, Signature: CSharpNames.Constructor(constructor)))
            .OrderBy(constructor => constructor.Count)
            .ThenBy(constructor => constructor.Signature, StringComparer.Ordinal)
            .Select(constructor => new[] { constructor.Signature })
            .ToList();

    private static List<string[]> Values(Type type, IEnumerable<MemberInfo> members)
    {
        var underlying = type.GetEnumUnderlyingType();
        return members.OfType<FieldInfo>()
            .Where(field => field.IsLiteral)
            .Select(field => (field.Name, Value: field.GetRawConstantValue()))
            .OrderBy(value => Convert.ToDecimal(value.Value, CultureInfo.InvariantCulture))
            .ThenBy(value => value.Name, StringComparer.Ordinal)
            .Select(value => new[] { value.Name, "= " + CSharpNames.Literal(value.Value, underlying) })
            .ToList();
    }

    private static List<string[]> Fields(Type type, IEnumerable<MemberInfo> members) =>
        Sorted(members.OfType<FieldInfo>().Select(field => new[]
        {
            field.IsLiteral ? "const" : field.IsStatic ? "static" : string.Empty,
            field.Name,
            CSharpNames.Of(field.FieldType),
            field.IsLiteral ? "= " + CSharpNames.Literal(field.GetRawConstantValue(), field.FieldType) : field.IsInitOnly ? "readonly" : string.Empty,
            Notes(type, [field]),
        }));

    private static List<string[]> Properties(Type type, IEnumerable<MemberInfo> members) =>
        Sorted(members.OfType<PropertyInfo>().Select(property => new[]
        {
            Static(property),
            CSharpNames.PropertyName(property),
            CSharpNames.Of(property.PropertyType),
            CSharpNames.Accessors(property),
            Notes(type, [property]),
        }));

    private static List<string[]> Methods(Type type, IEnumerable<MemberInfo> members) =>
        Sorted(members.OfType<MethodInfo>()
            .Where(method => CSharpNames.Operator(method) is null)
            .GroupBy(method => (Name: CSharpNames.MethodName(method), method.IsStatic))
            .Select(overloads => new[]
            {
                overloads.Key.IsStatic ? "static" : string.Empty,
                overloads.Key.Name,
                Returns(overloads),
                Notes(type, overloads.ToList()),
            }));

    private static List<string[]> Operators(IEnumerable<MemberInfo> members) =>
        members.OfType<MethodInfo>()
            .Select(method => (Method: method, Symbol: CSharpNames.Operator(method)))
            .Where(candidate => candidate.Symbol is not null)
            .GroupBy(candidate => candidate.Symbol!, StringComparer.Ordinal)
            .Select(overloads => new[]
            {
                overloads.Key is "implicit" or "explicit" ? overloads.Key + " operator" : "operator " + overloads.Key,
                Returns(overloads.Select(candidate => candidate.Method)),
                Overloads(overloads.Count()),
            })
            .OrderBy(row => row[0], StringComparer.Ordinal)
            .ToList();

    private static List<string[]> Events(Type type, IEnumerable<MemberInfo> members) =>
        Sorted(members.OfType<EventInfo>().Select(@event => new[]
        {
            Static(@event),
            @event.Name,
            @event.EventHandlerType is { } handler ? CSharpNames.Of(handler) : string.Empty,
            Notes(type, [@event]),
        }));

    /// <summary>By name (the second cell), any case first, instance before static.</summary>
    private static List<string[]> Sorted(IEnumerable<string[]> rows) =>
        rows.OrderBy(row => row[1], StringComparer.OrdinalIgnoreCase)
            .ThenBy(row => row[1], StringComparer.Ordinal)
            .ThenBy(row => row[0], StringComparer.Ordinal)
            .ToList();

    /// <summary>What the overloads return: <c>bool</c>, <c>bool, void</c>, or for many different types (Thread.VolatileRead) how many.</summary>
    private static string Returns(IEnumerable<MethodInfo> overloads)
    {
        var types = overloads.Select(CSharpNames.Returns).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return types.Count <= MaxReturnTypes ? string.Join(", ", types) : $"({types.Count} types)";
    }

    private static string Static(MemberInfo member) => CSharpNames.IsStatic(member) ? "static" : string.Empty;

    private static string Overloads(int count) => count > 1 ? $"{count} overloads" : string.Empty;

    /// <summary>How many overloads, whether obsolete, and where inherited from.</summary>
    private static string Notes(Type type, IReadOnlyList<MemberInfo> overloads)
    {
        var notes = new List<string>();
        if (overloads.Count > 1)
        {
            notes.Add(Overloads(overloads.Count));
        }

        if (overloads.All(member => CSharpNames.Obsolete(member) is not null))
        {
            notes.Add("obsolete");
        }

        var owners = overloads.Select(member => member.DeclaringType).Distinct().ToList();
        if (owners is [{ } owner] && owner != type)
        {
            notes.Add("from " + CSharpNames.Of(owner));
        }

        return string.Join(", ", notes);
    }

    private static string Declared(Type nested)
    {
        var declaration = CSharpNames.Declaration(nested);
        return declaration.StartsWith("public ", StringComparison.Ordinal) ? declaration["public ".Length..] : declaration;
    }

    /// <summary>A heading and its rows in aligned columns; columns empty in every row take no room.</summary>
    private void Section(string title, List<string[]> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        console.WriteLine();
        console.MarkupLineInterpolated($"[bold]{title}[/]");
        var columns = rows.Max(row => row.Length);
        var widths = Enumerable.Range(0, columns)
            .Select(column => rows.Max(row => column < row.Length ? row[column].Length : 0))
            .ToArray();
        var visible = Enumerable.Range(0, columns).Where(column => widths[column] > 0).ToList();
        // A row too wide for the console goes on under its last column, or a little indented.
        var last = Gap.Length + visible.SkipLast(1).Sum(column => widths[column] + Gap.Length);
        var indent = visible.Count > 1 && last <= console.Profile.Width / 2 ? last : Gap.Length + 4;
        foreach (var row in rows)
        {
            var cells = visible.Select(column => (column < row.Length ? row[column] : string.Empty).PadRight(widths[column]));
            foreach (var line in HangingLines.Of(Gap + string.Join(Gap, cells).TrimEnd(), console.Profile.Width, indent))
            {
                console.WriteLine(line);
            }
        }
    }
}
