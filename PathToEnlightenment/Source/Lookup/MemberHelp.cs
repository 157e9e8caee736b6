using System.Reflection;
using Spectre.Console;
using ThreadingKoans.Engine;

namespace ThreadingKoans.Runner.Lookup;

/// <summary>
/// Writes what <c>help</c> shows: for a type, its declaration and summary; for a member, every overload's
/// signature with its summary, parameters and what it returns, as plain text from the XML documentation (the
/// SDK's for the framework, the compiler's beside the koans). Koans, which have no XML documentation, show the
/// comment written above them, and topics their introduction.
/// </summary>
internal sealed class MemberHelp(IAnsiConsole console, RepoLayout? layout)
{
    private const int SignatureIndent = 4;

    private static readonly Padding Indent = new(2, 0, 0, 0);

    /// <summary>Writes the documentation of <paramref name="type"/> itself.</summary>
    public void ShowType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        console.Write(new Rule(Markup.Escape(CSharpNames.FullName(type))).LeftJustified());
        foreach (var line in HangingLines.Of(CSharpNames.Declaration(type), console.Profile.Width, SignatureIndent))
        {
            console.MarkupLineInterpolated($"[bold]{line}[/]");
        }

        ShowObsolete(type);
        var summary = XmlDocs.Summary(type);
        if (summary is null)
        {
            NoDocumentation(CSharpNames.Of(type));
            if (KoanNotes.TopicIntro(type) is { } intro)
            {
                Note("What this topic is about:", intro);
            }
        }
        else
        {
            Paragraph(summary);
            if (type.BaseType?.FullName == "System.MulticastDelegate" && type.GetMethod("Invoke") is { } invoke)
            {
                Details(type, invoke.GetParameters(), "Returns", invoke.ReturnType.FullName == "System.Void");
            }
        }

        console.WriteLine();
        var name = type.IsGenericType ? $"\"{CSharpNames.Of(type)}\"" : CSharpNames.Of(type);
        console.MarkupLineInterpolated($"[grey]dir {name} lists its members.[/]");
    }

    /// <summary>Writes the documentation of every one of <paramref name="overloads"/>, members of <paramref name="type"/> of one name.</summary>
    public void ShowMember(Type type, IReadOnlyList<MemberInfo> overloads)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(overloads);
        var first = overloads[0];
        var name = first is ConstructorInfo ? $"{CSharpNames.Of(type)} constructors" : $"{CSharpNames.Of(type)}.{Name(first)}";
        var title = overloads.Count > 1 ? $"{name} ({overloads.Count} overloads)" : name;
        console.Write(new Rule(Markup.Escape(title)).LeftJustified());
        var ordered = overloads
            .Select(member => (Member: member, Signature: CSharpNames.Signature(member)))
            .OrderBy(overload => overload.Member is MethodBase method ? method.GetParameters().Length : 0)
            .ThenBy(overload => overload.Signature, StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (i > 0)
            {
                console.WriteLine();
            }

            var (member, signature) = ordered[i];
            var declared = Declared(member);
            foreach (var line in HangingLines.Of(signature, console.Profile.Width, SignatureIndent))
            {
                console.MarkupLineInterpolated($"[bold]{line}[/]");
            }

            ShowObsolete(member);
            if (member.DeclaringType is { } owner && owner != type)
            {
                console.MarkupLineInterpolated($"[grey]  Inherited from {CSharpNames.Of(owner)}.[/]");
            }

            var summary = XmlDocs.Summary(declared);
            if (summary is null && !HasDocumentation(declared))
            {
                NoDocumentation(overloads.Count > 1 && member is MethodBase overload
                    ? $"{name}({CSharpNames.ParameterTypes(overload)})"
                    : name);
                if (KoanNotes.KoanComment(member, layout) is { } comment)
                {
                    Note("The comment above the koan:", comment);
                }

                continue;
            }

            if (summary is not null)
            {
                Paragraph(summary);
            }

            switch (declared)
            {
                case MethodInfo method:
                    Details(declared, method.GetParameters(), "Returns", method.ReturnType.FullName == "System.Void");
                    break;
                case ConstructorInfo constructor:
                    Details(declared, constructor.GetParameters(), "Returns", withoutResult: true);
                    break;
                case PropertyInfo property:
                    Details(declared, property.GetIndexParameters(), "Value", withoutResult: false);
                    break;
                default:
                    Details(declared, [], "Value", withoutResult: false);
                    break;
            }
        }
    }

    /// <summary>The name a member is shown with in a heading: <c>Join</c>, <c>this[]</c>, <c>operator ==</c>.</summary>
    private static string Name(MemberInfo member) => member switch
    {
        PropertyInfo property when property.GetIndexParameters().Length > 0 => "this[]",
        MethodInfo method when CSharpNames.Operator(method) is { } symbol =>
            symbol is "implicit" or "explicit" ? symbol + " operator" : "operator " + symbol,
        _ => member.Name,
    };

    /// <summary>
    /// The member as its type declares it: one inherited from a constructed generic base
    /// (<c>Collection&lt;T&gt;</c> of a subclass) is documented on the generic definition.
    /// </summary>
    private static MemberInfo Declared(MemberInfo member)
    {
        if (member.DeclaringType is not { IsConstructedGenericType: true } owner)
        {
            return member;
        }

        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return owner.GetGenericTypeDefinition().GetMembers(all).First(candidate => candidate.MetadataToken == member.MetadataToken);
    }

    /// <summary>Whether anything at all is documented for the member, when it has no summary.</summary>
    private static bool HasDocumentation(MemberInfo member) =>
        XmlDocs.Returns(member) is not null
        || (member is MethodBase method && method.GetParameters().Any(parameter => parameter.Name is { } name && XmlDocs.Param(member, name) is not null));

    /// <summary>The documented parameters, what the member returns and what it throws, in two aligned columns.</summary>
    private void Details(MemberInfo member, ParameterInfo[] parameters, string resultLabel, bool withoutResult)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        var rows = 0;
        foreach (var parameter in parameters)
        {
            if (parameter.Name is { } name && XmlDocs.Param(member, name) is { } text)
            {
                grid.AddRow(new Text(name), new Text(text));
                rows++;
            }
        }

        if (!withoutResult && XmlDocs.Returns(member) is { } result)
        {
            grid.AddRow(new Text(resultLabel), new Text(result));
            rows++;
        }

        var label = "Throws";
        foreach (var (exception, when) in XmlDocs.Exceptions(member))
        {
            grid.AddRow(new Text(label), new Text($"{exception}: {when}"));
            label = "";
            rows++;
        }

        if (rows > 0)
        {
            console.Write(new Padder(grid, Indent));
        }
    }

    private void ShowObsolete(MemberInfo member)
    {
        if (CSharpNames.Obsolete(member) is { } message)
        {
            console.Write(new Padder(new Text(message.Length == 0 ? "Obsolete." : "Obsolete: " + message, new Style(Color.Yellow)), Indent));
        }
    }

    private void Paragraph(string text) => console.Write(new Padder(new Text(text), Indent));

    private void NoDocumentation(string name) =>
        console.MarkupLineInterpolated($"  [yellow]No documentation was found for {name}.[/]");

    private void Note(string heading, string text)
    {
        console.MarkupLineInterpolated($"  {heading}");
        console.Write(new Padder(new Text(text), new Padding(4, 0, 0, 0)));
    }
}
