using System.Globalization;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text;

namespace ThreadingKoans.Runner.Lookup;

/// <summary>
/// Every public type that <c>dir</c> and <c>help</c> can name: those of the shared framework that runs this
/// process (System.Private.CoreLib, System.Collections.Concurrent, System.Threading.Channels…) and those of the
/// learner's built koans and their engine. Types are read as metadata only, through a
/// <see cref="MetadataLoadContext"/>: loading the koans this way runs none of their code.
/// </summary>
/// <remarks>
/// The names of the framework's types are read once per process (a fraction of a second) with
/// System.Reflection.Metadata; a type is loaded only when it is asked for. Dispose the catalog when done with
/// the types it gave out.
/// </remarks>
internal sealed class TypeCatalog : IDisposable
{
    private const int NearestCount = 5;

    private static readonly Lazy<FrameworkIndex> Framework = new(FrameworkIndex.Read);

    private readonly MetadataLoadContext _context;
    private readonly IReadOnlyList<TypeEntry> _types;

    private TypeCatalog(MetadataLoadContext context, IReadOnlyList<TypeEntry> types, string? koansNotSearched)
    {
        _context = context;
        _types = types;
        KoansNotSearched = koansNotSearched;
    }

    /// <summary>Why the learner's koans were not searched (not built yet, unreadable), or null when they were.</summary>
    public string? KoansNotSearched { get; }

    /// <summary>A catalog of the framework's types and, when <paramref name="layout"/> has built koans, theirs.</summary>
    public static TypeCatalog Open(RepoLayout? layout)
    {
        var framework = Framework.Value;
        var paths = new List<string>(framework.Assemblies);
        var types = new List<TypeEntry>(framework.Types);
        string? koansNotSearched = null;
        if (layout is null)
        {
            koansNotSearched = "No Koans folder was found here or above, so no koan was searched.";
        }
        else if (!File.Exists(layout.KoansBuild.Assembly))
        {
            koansNotSearched = $"The koans are not built yet ({layout.Relative(layout.KoansBuild.Assembly)} is missing), so their types were not searched: run dotnet run --project PathToEnlightenment once.";
        }
        else
        {
            var known = framework.Assemblies.Select(path => Path.GetFileName(path)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            paths.AddRange(Directory.GetFiles(layout.KoansBuild.Folder, "*.dll").Where(path => !known.Contains(Path.GetFileName(path))));
            foreach (var assembly in new[] { layout.KoansBuild.Assembly, layout.KoansBuild.Engine }.Where(File.Exists))
            {
                try
                {
                    types.AddRange(Index(assembly));
                }
                catch (Exception exception) when (exception is IOException or BadImageFormatException or UnauthorizedAccessException)
                {
                    // Told to the learner with the lookup's answer: a build may be writing the file right now.
                    koansNotSearched = $"{layout.Relative(assembly)} could not be read ({exception.Message}), so the koans were not searched.";
                }
            }
        }

        var context = new MetadataLoadContext(new PathAssemblyResolver(paths), framework.CoreAssembly);
        return new TypeCatalog(context, types, koansNotSearched);
    }

    /// <summary>
    /// The type a learner named: a C# keyword (<c>string</c>), a simple name (<c>Thread</c>, <c>List</c>,
    /// <c>List&lt;T&gt;</c>), a name with some or all of its namespace (<c>System.Threading.Monitor</c>), or a
    /// nested type (<c>Environment.SpecialFolder</c>). Exact case is preferred; any case is accepted.
    /// </summary>
    public TypeSearch Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var query = TypeQuery.Parse(name);
        if (query.Name.Length == 0)
        {
            return new TypeNotFound([]);
        }

        var matches = Matches(query, StringComparison.Ordinal);
        if (matches.Count == 0)
        {
            matches = Matches(query, StringComparison.OrdinalIgnoreCase);
        }

        if (matches.Count == 0)
        {
            return new TypeNotFound(Nearest(query));
        }

        if (matches.Count == 1)
        {
            return new TypeFound(Load(matches[0]), []);
        }

        // Task and Task<TResult>, Action and Action<T>: without type arguments, the name means the fewest.
        if (query.Arity is null && matches.Select(match => match.DottedName).Distinct(StringComparer.Ordinal).Count() == 1)
        {
            var fewest = matches.MinBy(match => match.Arity)!;
            return new TypeFound(Load(fewest), matches.Where(match => match != fewest).Select(match => match.Display).ToList());
        }

        return new TypeAmbiguous(matches.Select(match => match.Display).Order(StringComparer.Ordinal).ToList());
    }

    /// <inheritdoc/>
    public void Dispose() => _context.Dispose();

    private List<TypeEntry> Matches(TypeQuery query, StringComparison comparison)
    {
        var suffix = "." + query.Name;
        return _types
            .Where(entry => (query.Arity is null || entry.Arity == query.Arity)
                && (entry.DottedName.Equals(query.Name, comparison) || entry.DottedName.EndsWith(suffix, comparison)))
            .DistinctBy(entry => entry.MetadataName, StringComparer.Ordinal)
            .ToList();
    }

    private List<string> Nearest(TypeQuery query)
    {
        var wanted = query.Name[(query.Name.LastIndexOf('.') + 1)..];
        return _types
            .GroupBy(entry => entry.DottedName, StringComparer.Ordinal)
            .Select(group => group.MinBy(entry => entry.Arity)!)
            .Select(entry => (entry.Display, Distance: EditDistance.Between(wanted, entry.SimpleName)))
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Display.Length)
            .ThenBy(candidate => candidate.Display, StringComparer.Ordinal)
            .Take(NearestCount)
            .Select(candidate => candidate.Display)
            .ToList();
    }

    private Type Load(TypeEntry entry) =>
        _context.LoadFromAssemblyPath(entry.AssemblyPath).GetType(entry.MetadataName, throwOnError: true)!;

    /// <summary>The public types an assembly defines, read from its metadata.</summary>
    private static List<TypeEntry> Index(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var image = new PEReader(stream);
        if (!image.HasMetadata)
        {
            return [];
        }

        var reader = image.GetMetadataReader();
        if (!reader.IsAssembly)
        {
            return [];
        }

        var entries = new List<TypeEntry>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var definition = reader.GetTypeDefinition(handle);
            if (Visible(reader, definition) && Describe(reader, definition, assemblyPath) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    private static bool Visible(MetadataReader reader, TypeDefinition definition)
    {
        var visibility = definition.Attributes & TypeAttributes.VisibilityMask;
        var outer = definition.GetDeclaringType();
        return outer.IsNil
            ? visibility == TypeAttributes.Public
            : visibility == TypeAttributes.NestedPublic && Visible(reader, reader.GetTypeDefinition(outer));
    }

    private static TypeEntry? Describe(MetadataReader reader, TypeDefinition definition, string assemblyPath)
    {
        // Outermost first: Dictionary`2, KeyCollection.
        var chain = new List<TypeDefinition> { definition };
        for (var outer = definition.GetDeclaringType(); !outer.IsNil; outer = chain[0].GetDeclaringType())
        {
            chain.Insert(0, reader.GetTypeDefinition(outer));
        }

        var names = chain.Select(type => reader.GetString(type.Name)).ToList();
        if (names.Any(name => name.Contains('<', StringComparison.Ordinal)))
        {
            return null;
        }

        var space = reader.GetString(chain[0].Namespace);
        var parameters = definition.GetGenericParameters().Select(parameter => reader.GetString(reader.GetGenericParameter(parameter).Name)).ToList();
        var dotted = new StringBuilder();
        var display = new StringBuilder();
        var used = 0;
        var arity = 0;
        foreach (var name in names)
        {
            var separator = dotted.Length == 0 ? string.Empty : ".";
            var tick = name.IndexOf('`', StringComparison.Ordinal);
            var plain = tick < 0 ? name : name[..tick];
            arity = tick < 0 ? 0 : int.Parse(name.AsSpan(tick + 1), CultureInfo.InvariantCulture);
            dotted.Append(separator).Append(plain);
            display.Append(separator).Append(plain);
            if (arity > 0)
            {
                display.Append('<').AppendJoin(", ", parameters.Skip(used).Take(arity)).Append('>');
                used += arity;
            }
        }

        var prefix = space.Length == 0 ? string.Empty : space + ".";
        return new TypeEntry(
            prefix + dotted,
            prefix + display,
            arity,
            prefix + string.Join('+', names),
            assemblyPath);
    }

    /// <summary>The framework's assemblies and the names of their public types, read once.</summary>
    private sealed record FrameworkIndex(IReadOnlyList<string> Assemblies, IReadOnlyList<TypeEntry> Types, string CoreAssembly)
    {
        public static FrameworkIndex Read()
        {
            // The folder of System.Private.CoreLib is the shared framework; XmlDocs tells framework members by it too.
            var coreLib = typeof(object).Assembly.Location;
            var folder = string.IsNullOrEmpty(coreLib) ? RuntimeEnvironment.GetRuntimeDirectory() : Path.GetDirectoryName(coreLib)!;
            var assemblies = new List<string>();
            var types = new List<TypeEntry>();
            foreach (var path in Directory.GetFiles(folder, "*.dll").Order(StringComparer.Ordinal))
            {
                List<TypeEntry> found;
                try
                {
                    found = Index(path);
                }
                catch (BadImageFormatException)
                {
                    // A native library beside the managed ones: it has no .NET types to list or load.
                    continue;
                }

                assemblies.Add(path);
                types.AddRange(found);
            }

            return new FrameworkIndex(assemblies, types, typeof(object).Assembly.GetName().Name!);
        }
    }
}

/// <summary>One public type as the catalog knows it before loading it.</summary>
/// <param name="DottedName">Namespace and names without arity, joined by dots: <c>System.Collections.Generic.Dictionary.KeyCollection</c>.</param>
/// <param name="Display">As C# writes it, with its type parameters: <c>System.Collections.Generic.Dictionary&lt;TKey, TValue&gt;.KeyCollection</c>.</param>
/// <param name="Arity">How many type parameters the innermost type adds (1 for <c>List`1</c>).</param>
/// <param name="MetadataName">The name to load it by: <c>System.Collections.Generic.Dictionary`2+KeyCollection</c>.</param>
/// <param name="AssemblyPath">The file that defines it.</param>
internal sealed record TypeEntry(string DottedName, string Display, int Arity, string MetadataName, string AssemblyPath)
{
    /// <summary>The innermost name without arity: <c>KeyCollection</c>.</summary>
    public string SimpleName => DottedName[(DottedName.LastIndexOf('.') + 1)..];
}

/// <summary>What a type name led to.</summary>
internal abstract record TypeSearch;

/// <summary>Exactly one type, or the one with the fewest type parameters of a generic family.</summary>
/// <param name="Type">The type, loaded as metadata.</param>
/// <param name="OtherArities">The rest of its family (<c>System.Func&lt;T, TResult&gt;</c>…), for a note.</param>
internal sealed record TypeFound(Type Type, IReadOnlyList<string> OtherArities) : TypeSearch;

/// <summary>Several types of that name in different places.</summary>
/// <param name="Candidates">Their full names, sorted.</param>
internal sealed record TypeAmbiguous(IReadOnlyList<string> Candidates) : TypeSearch;

/// <summary>No type of that name.</summary>
/// <param name="Nearest">The full names of the types whose names are closest to it.</param>
internal sealed record TypeNotFound(IReadOnlyList<string> Nearest) : TypeSearch;

/// <summary>A type name as typed, reduced to what matching needs.</summary>
/// <param name="Name">The dotted name without type arguments: <c>List</c>, <c>System.Threading.Monitor</c>.</param>
/// <param name="Arity">How many type arguments the innermost name was given (<c>List&lt;T&gt;</c>, <c>List`1</c>), or null when none were written.</param>
internal sealed record TypeQuery(string Name, int? Arity)
{
    /// <summary>Reads <c>string</c>, <c>List&lt;T&gt;</c>, <c>Dictionary&lt;,&gt;</c>, <c>List`1</c>, <c>Environment+SpecialFolder</c>.</summary>
    public static TypeQuery Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (CSharpNames.KeywordType(text) is { } keyword)
        {
            return new TypeQuery(keyword, 0);
        }

        var name = new StringBuilder();
        int? arity = null;
        var depth = 0;
        var commas = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var character = text[i];
            if (character == '<')
            {
                commas = depth == 0 ? 0 : commas;
                depth++;
            }
            else if (character == '>')
            {
                depth--;
                arity = depth == 0 ? commas + 1 : arity;
            }
            else if (depth > 0)
            {
                commas += character == ',' && depth == 1 ? 1 : 0;
            }
            else if (character == '`')
            {
                var end = i + 1;
                while (end < text.Length && char.IsAsciiDigit(text[end]))
                {
                    end++;
                }

                arity = end > i + 1 ? int.Parse(text.AsSpan(i + 1, end - i - 1), CultureInfo.InvariantCulture) : arity;
                i = end - 1;
            }
            else if (character is '.' or '+')
            {
                // A new, inner name: type arguments written so far belonged to an outer type.
                arity = null;
                name.Append('.');
            }
            else if (!char.IsWhiteSpace(character))
            {
                name.Append(character);
            }
        }

        return new TypeQuery(name.ToString(), arity);
    }
}
