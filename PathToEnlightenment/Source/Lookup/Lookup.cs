using Spectre.Console;

namespace ThreadingKoans.Runner.Lookup;

/// <summary>
/// The <c>dir</c> and <c>help</c> commands, C#'s answer to Python's <c>dir()</c> and <c>help()</c>: a type's
/// public members, and a member's documentation. Types are found in the framework that runs the runner and in
/// the learner's built koans (read as metadata, so no koan runs). Exit code 0 when the type or member exists,
/// 2 when it is unknown or ambiguous.
/// </summary>
internal sealed class Lookup(IAnsiConsole console)
{
    private const int Found = 0;

    /// <summary><c>dir Type</c>: lists the public members of the type named <paramref name="type"/>.</summary>
    /// <param name="layout">The repository whose built koans to search too, or null when none was found (.NET alone is searched).</param>
    /// <param name="type">A type's name: <c>string</c>, <c>Thread</c>, <c>List&lt;T&gt;</c>, <c>System.Threading.Monitor</c>, <c>AboutThreads</c>.</param>
    public int Dir(RepoLayout? layout, string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (string.IsNullOrWhiteSpace(type))
        {
            return Unnamed("dir Thread, dir string, dir AboutThreads");
        }

        using var catalog = TypeCatalog.Open(layout);
        var search = catalog.Find(type);
        if (search is not TypeFound found)
        {
            return Missed(type, search, catalog);
        }

        new MemberList(console).Show(found.Type);
        OtherArities(found);
        return Found;
    }

    /// <summary><c>help Type.Member</c> or <c>help Type</c>: shows the documentation of what <paramref name="member"/> names.</summary>
    /// <param name="layout">The repository whose built koans to search too, or null when none was found (.NET alone is searched).</param>
    /// <param name="member">A member (<c>string.PadLeft</c>, <c>Monitor.Wait</c>, <c>Thread.new</c>) or a type (<c>Thread</c>).</param>
    public int Help(RepoLayout? layout, string member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (string.IsNullOrWhiteSpace(member))
        {
            return Unnamed("help Thread.Join, help string.PadLeft, help Monitor");
        }

        using var catalog = TypeCatalog.Open(layout);
        var view = new MemberHelp(console, layout);
        var whole = catalog.Find(member);
        if (whole is TypeFound type)
        {
            view.ShowType(type.Type);
            OtherArities(type);
            return Found;
        }

        var dot = LastDot(member);
        if (whole is TypeAmbiguous || dot < 0)
        {
            return Missed(member, whole, catalog);
        }

        var typeName = member[..dot];
        var memberName = member[(dot + 1)..].Trim();
        var owner = catalog.Find(typeName);
        if (owner is not TypeFound found)
        {
            return Missed(typeName, owner, catalog);
        }

        var overloads = PublicMembers.Named(found.Type, memberName);
        if (overloads.Count == 0)
        {
            console.MarkupLineInterpolated($"[red]{CSharpNames.FullName(found.Type)} has no public member named {memberName}.[/]");
            Nearest(EditDistance.Nearest(memberName, PublicMembers.Names(found.Type), 5));
            console.MarkupLineInterpolated($"[grey]dir {typeName} lists them all.[/]");
            return ExitCodes.Usage;
        }

        view.ShowMember(found.Type, overloads);
        return Found;
    }

    private int Unnamed(string examples)
    {
        console.MarkupLineInterpolated($"[red]Name what to look up[/], for example: {examples}.");
        return ExitCodes.Usage;
    }

    /// <summary>The last dot that is not inside type arguments: the one of <c>Dictionary&lt;K, V&gt;.Add</c> before <c>Add</c>.</summary>
    private static int LastDot(string name)
    {
        var depth = 0;
        var last = -1;
        for (var i = 0; i < name.Length; i++)
        {
            depth += name[i] switch { '<' => 1, '>' => -1, _ => 0 };
            if (name[i] == '.' && depth == 0)
            {
                last = i;
            }
        }

        return last;
    }

    /// <summary>Tells that <paramref name="name"/> led to no single type, with what it could have meant.</summary>
    private int Missed(string name, TypeSearch search, TypeCatalog catalog)
    {
        switch (search)
        {
            case TypeAmbiguous ambiguous:
                console.MarkupLineInterpolated($"[yellow]{name} is the name of {ambiguous.Candidates.Count} types. Name the one you mean in full:[/]");
                foreach (var candidate in ambiguous.Candidates)
                {
                    console.WriteLine("  " + candidate);
                }

                break;
            case TypeNotFound notFound:
                console.MarkupLineInterpolated($"[red]No type named {name} was found[/] in .NET or in your koans.");
                Nearest(notFound.Nearest);
                if (catalog.KoansNotSearched is { } reason)
                {
                    console.MarkupLineInterpolated($"[grey]{reason}[/]");
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(search), search, "A search result that is neither ambiguous nor missing.");
        }

        return ExitCodes.Usage;
    }

    private void Nearest(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return;
        }

        console.WriteLine("The nearest names:");
        foreach (var name in names)
        {
            console.WriteLine("  " + name);
        }
    }

    private void OtherArities(TypeFound found)
    {
        if (found.OtherArities.Count > 0)
        {
            console.MarkupLineInterpolated($"[grey]Of the same name, with more type parameters: {string.Join(", ", found.OtherArities)}.[/]");
        }
    }
}
