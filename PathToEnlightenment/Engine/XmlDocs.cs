using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ThreadingKoans.Engine;

/// <summary>
/// C#'s answer to Python's <c>help()</c>: reads the XML documentation of a type or member, either from the
/// <c>.xml</c> file the compiler wrote next to an assembly, or, for the framework, from the reference
/// documentation that ships with the SDK (<c>&lt;dotnet root&gt;/packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net10.0/*.xml</c>).
/// </summary>
/// <remarks>
/// Members are found by their documentation comment ID, the same one the compiler writes
/// (<c>T:System.String</c>, <c>M:System.String.PadLeft(System.Int32,System.Char)</c>, <c>P:System.String.Length</c>);
/// see <see cref="DocumentationId"/>. Every lookup returns null, never throws, when no documentation is found.
/// A lookup parses only the one <c>member</c> element it needs, so it stays fast even for the 7 MB
/// System.Runtime.xml. The member names of every file read are kept, and the bytes of files that answered a
/// lookup; a file that changes on disk (your own, after a rebuild) is read again. All methods are safe to call
/// from several threads.
/// </remarks>
public static class XmlDocs
{
    private const string ReferencePack = "Microsoft.NETCore.App.Ref";

    private static readonly Lazy<string?> ReferenceFolderOnce = new(FindReferenceFolder);

    private static readonly ConcurrentDictionary<string, DocFile> Files = new(StringComparer.Ordinal);

    /// <summary>
    /// The root of the .NET installation that runs this process (the folder holding <c>shared</c> and
    /// <c>packs</c>), or null when it cannot be told (for example in a single-file app).
    /// </summary>
    public static string? DotnetRoot
    {
        get
        {
            // .../shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll: the root is 3 levels up.
            var coreLib = typeof(object).Assembly.Location;
            if (string.IsNullOrEmpty(coreLib))
            {
                return null;
            }

            var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(coreLib))));
            return root is not null && Directory.Exists(Path.Combine(root, "packs")) ? root : null;
        }
    }

    /// <summary>
    /// The folder of the SDK's reference documentation for the running framework
    /// (<c>packs/Microsoft.NETCore.App.Ref/&lt;highest version&gt;/ref/net10.0</c>), or null when the SDK is not installed.
    /// </summary>
    public static string? ReferenceFolder => ReferenceFolderOnce.Value;

    /// <summary>
    /// The XML documentation file of <paramref name="assembly"/>: the <c>.xml</c> file beside it when there is
    /// one (your own projects, with <c>GenerateDocumentationFile</c>), else the SDK's reference documentation of
    /// the same name. The core library <c>System.Private.CoreLib</c> is documented in <c>System.Runtime.xml</c>.
    /// </summary>
    /// <returns>The full path of the file, or null when there is none.</returns>
    public static string? DocumentationFile(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var name = assembly.GetName().Name;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var location = Host.FileOf(assembly);
        if (!string.IsNullOrEmpty(location))
        {
            var beside = Path.ChangeExtension(location, ".xml");
            if (File.Exists(beside))
            {
                return beside;
            }
        }

        if (ReferenceFolder is not { } folder)
        {
            return null;
        }

        var reference = Path.Combine(folder, (name == "System.Private.CoreLib" ? "System.Runtime" : name) + ".xml");
        return File.Exists(reference) ? reference : null;
    }

    /// <summary>The summary of <paramref name="type"/>, as one line of plain text, or null when it has none.</summary>
    public static string? Summary(Type type) => Summary((MemberInfo)type);

    /// <summary>
    /// The summary of <paramref name="member"/> (a type, method, constructor, property, field or event), as one
    /// line of plain text: whitespace collapsed, <c>&lt;see cref="..."/&gt;</c> written as the short name it
    /// points at, <c>&lt;see langword="null"/&gt;</c> as <c>null</c>.
    /// </summary>
    /// <returns>The text, or null when the member has no documentation that can be found.</returns>
    public static string? Summary(MemberInfo member) => Section(member, "summary");

    /// <summary>What the documentation of <paramref name="member"/> says it returns, or null.</summary>
    public static string? Returns(MemberInfo member) => Section(member, "returns");

    /// <summary>What the documentation of <paramref name="member"/> remarks, or null.</summary>
    public static string? Remarks(MemberInfo member) => Section(member, "remarks");

    /// <summary>
    /// The exceptions the documentation of <paramref name="member"/> says it throws: each exception type's
    /// short name (<c>ArgumentNullException</c>) and when, as plain text. Empty when none are documented.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Exceptions(MemberInfo member)
    {
        var found = new List<KeyValuePair<string, string>>();
        for (var index = 0; ; index++)
        {
            var at = index;
            var cref = Section(member, element => element.Elements("exception").ElementAtOrDefault(at) is { } exception
                ? new XElement("name", exception.Attribute("cref")?.Value ?? "")
                : null);
            if (cref is null)
            {
                return found;
            }

            var text = Section(member, element => element.Elements("exception").ElementAtOrDefault(at)) ?? "";
            var name = cref.Split(':', 2)[^1].Split('.')[^1];
            found.Add(new KeyValuePair<string, string>(name, text));
        }
    }

    /// <summary>
    /// What the documentation of <paramref name="member"/> (a method, constructor, indexer or delegate type) says
    /// of its parameter named <paramref name="name"/>, as one line of plain text, or null.
    /// </summary>
    public static string? Param(MemberInfo member, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Section(member, element => element.Elements("param").FirstOrDefault(param => param.Attribute("name")?.Value == name));
    }

    /// <summary>
    /// The summary of the member with documentation comment ID <paramref name="documentationId"/>
    /// (<c>M:System.String.ToUpper</c>), searched in the SDK's reference documentation.
    /// </summary>
    /// <returns>The text, or null when no reference file documents that ID.</returns>
    public static string? Summary(string documentationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentationId);
        var element = Find(documentationId, preferred: null, searchReference: true);
        return element is null ? null : Render(element.Element("summary"));
    }

    /// <summary>
    /// The documentation comment ID of <paramref name="member"/>, as the compiler writes it into documentation
    /// files: a kind letter (<c>T</c>ype, <c>M</c>ethod, <c>P</c>roperty, <c>F</c>ield, <c>E</c>vent), a colon, the
    /// full name, and for methods and indexers the parameter types in brackets.
    /// </summary>
    /// <returns>For example <c>M:System.String.PadLeft(System.Int32,System.Char)</c>.</returns>
    public static string DocumentationId(MemberInfo member)
    {
        ArgumentNullException.ThrowIfNull(member);
        member = Definition(member);
        return member switch
        {
            Type type => "T:" + TypeName(type),
            ConstructorInfo constructor =>
                $"M:{TypeName(constructor.DeclaringType!)}.{(constructor.IsStatic ? "#cctor" : "#ctor")}{Parameters(constructor.GetParameters())}",
            MethodInfo method => MethodId(method),
            PropertyInfo property =>
                $"P:{TypeName(property.DeclaringType!)}.{MemberName(property.Name)}{Parameters(property.GetIndexParameters())}",
            FieldInfo field => $"F:{TypeName(field.DeclaringType!)}.{MemberName(field.Name)}",
            EventInfo @event => $"E:{TypeName(@event.DeclaringType!)}.{MemberName(@event.Name)}",
            _ => throw new ArgumentException($"Members of kind {member.MemberType} have no documentation ID.", nameof(member)),
        };
    }

    private static string? Section(MemberInfo member, string section) => Section(member, element => element.Element(section));

    /// <summary>The part of <paramref name="member"/>'s documentation that <paramref name="select"/> picks, rendered, or null.</summary>
    private static string? Section(MemberInfo member, Func<XElement, XElement?> select)
    {
        ArgumentNullException.ThrowIfNull(member);
        string id;
        try
        {
            id = DocumentationId(member);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var assembly = (member as Type ?? member.DeclaringType)?.Assembly ?? member.Module.Assembly;
        var file = DocumentationFile(assembly);
        var framework = IsFramework(assembly);
        var element = Find(id, file, framework);
        if (element is null)
        {
            return null;
        }

        // <inheritdoc cref="..."/> points at the member whose documentation applies; follow it once.
        if (select(element) is null && element.Element("inheritdoc")?.Attribute("cref")?.Value is { } inherited)
        {
            element = Find(inherited, file, framework) ?? element;
        }

        return Render(select(element));
    }

    /// <summary>
    /// The <c>member</c> element of <paramref name="id"/>: first in <paramref name="preferred"/>, then (when
    /// <paramref name="searchReference"/>) in the SDK's reference files, since a framework type is often
    /// documented under another assembly's name than the one it is implemented in.
    /// </summary>
    private static XElement? Find(string id, string? preferred, bool searchReference)
    {
        if (preferred is not null && Open(preferred)?.Find(id) is { } found)
        {
            return found;
        }

        if (!searchReference)
        {
            return null;
        }

        foreach (var file in ReferenceCandidates(id))
        {
            if (file != preferred && Open(file)?.Find(id) is { } inReference)
            {
                return inReference;
            }
        }

        return null;
    }

    /// <summary>
    /// The reference files to search for <paramref name="id"/>, likeliest first: those named like a prefix of
    /// the member's namespace (longest first), then System.Runtime.xml, then all the others.
    /// </summary>
    private static IEnumerable<string> ReferenceCandidates(string id)
    {
        if (ReferenceFolder is not { } folder)
        {
            return [];
        }

        string[] all;
        try
        {
            all = Directory.GetFiles(folder, "*.xml");
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }

        var name = id.Length > 2 && id[1] == ':' ? id[2..] : id;
        var bracket = name.IndexOf('(', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            name = name[..bracket];
        }

        int Rank(string file)
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            if (name.StartsWith(stem + ".", StringComparison.Ordinal))
            {
                return -stem.Length;
            }

            return stem == "System.Runtime" ? 0 : 1;
        }

        return all.OrderBy(Rank).ThenBy(file => file, StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="assembly"/> is part of the shared framework that runs this process.</summary>
    private static bool IsFramework(Assembly assembly)
    {
        if (assembly == typeof(object).Assembly)
        {
            return true;
        }

        var location = assembly.IsDynamic ? string.Empty : assembly.Location;
        return !string.IsNullOrEmpty(location)
            && string.Equals(Path.GetDirectoryName(location), Path.GetDirectoryName(typeof(object).Assembly.Location), StringComparison.Ordinal);
    }

    /// <summary>The cached view of <paramref name="file"/>, fresh as long as the file has not been written since.</summary>
    private static DocFile? Open(string file)
    {
        DateTime written;
        try
        {
            written = File.GetLastWriteTimeUtc(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return Files.AddOrUpdate(
            file,
            path => new DocFile(path, written),
            (path, cached) => cached.Written == written ? cached : new DocFile(path, written));
    }

    private static HashSet<string> MemberNames(byte[] content)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var rest = content.AsSpan();
        for (var at = rest.IndexOf("<member name=\""u8); at >= 0; at = rest.IndexOf("<member name=\""u8))
        {
            rest = rest[(at + "<member name=\""u8.Length)..];
            var quote = rest.IndexOf((byte)'"');
            if (quote < 0)
            {
                break;
            }

            names.Add(Encoding.UTF8.GetString(rest[..quote]));
            rest = rest[quote..];
        }

        return names;
    }

    private static byte[]? ReadBytes(string file)
    {
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // An unreadable file documents nothing; the lookup goes on to the next one.
            return null;
        }
    }

    /// <summary>An ID as it is written inside the <c>name</c> attribute.</summary>
    private static string Escape(string id) => System.Security.SecurityElement.Escape(id);

    private static XElement? Extract(byte[] content, string id)
    {
        var key = Encoding.UTF8.GetBytes("<member name=\"" + Escape(id) + "\"");
        var data = content.AsSpan();
        var start = 0;
        while (true)
        {
            var found = data[start..].IndexOf(key);
            if (found < 0)
            {
                return null;
            }

            start += found;
            var after = start + key.Length;
            if (after < data.Length && data[after] is (byte)'>' or (byte)'/' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                break;
            }

            start = after;
        }

        var tagEnd = data[start..].IndexOf((byte)'>');
        if (tagEnd < 0)
        {
            return null;
        }

        tagEnd += start;
        var end = tagEnd + 1;
        if (data[tagEnd - 1] != (byte)'/')
        {
            var close = data[tagEnd..].IndexOf("</member>"u8);
            if (close < 0)
            {
                return null;
            }

            end = tagEnd + close + "</member>"u8.Length;
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(data[start..end]), LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string? FindReferenceFolder()
    {
        if (DotnetRoot is not { } root)
        {
            return null;
        }

        var pack = Path.Combine(root, "packs", ReferencePack);
        if (!Directory.Exists(pack))
        {
            return null;
        }

        var runtime = Environment.Version;
        var framework = $"net{runtime.Major}.{runtime.Minor}";
        var versions = Directory.GetDirectories(pack)
            .Select(folder => (Folder: folder, Version: ParseVersion(Path.GetFileName(folder))))
            .Where(found => found.Version is not null)
            .OrderByDescending(found => found.Version!.Major == runtime.Major && found.Version.Minor == runtime.Minor)
            .ThenByDescending(found => found.Version)
            .ThenByDescending(found => !Path.GetFileName(found.Folder).Contains('-', StringComparison.Ordinal))
            .Select(found => found.Folder);
        foreach (var version in versions)
        {
            var exact = Path.Combine(version, "ref", framework);
            if (Directory.Exists(exact))
            {
                return exact;
            }

            var any = Directory.Exists(Path.Combine(version, "ref"))
                ? Directory.GetDirectories(Path.Combine(version, "ref"), "net*").OrderDescending(StringComparer.Ordinal).FirstOrDefault()
                : null;
            if (any is not null)
            {
                return any;
            }
        }

        return null;
    }

    /// <summary>The numeric part of a folder name like <c>10.0.12</c> or <c>10.0.0-rc.1.25451.107</c>.</summary>
    private static Version? ParseVersion(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return Version.TryParse(dash >= 0 ? name[..dash] : name, out var version) ? version : null;
    }

    /// <summary>The member as it is declared: members of constructed generics map to their definitions.</summary>
    private static MemberInfo Definition(MemberInfo member)
    {
        if (member is Type { IsConstructedGenericType: true } constructed)
        {
            return constructed.GetGenericTypeDefinition();
        }

        if (member is MethodInfo { IsGenericMethod: true, IsGenericMethodDefinition: false } method)
        {
            member = method.GetGenericMethodDefinition();
        }

        if (member.DeclaringType is { IsConstructedGenericType: true } owner && member is not Type)
        {
            member = owner.GetGenericTypeDefinition().GetMemberWithSameMetadataDefinitionAs(member);
        }

        return member;
    }

    private static string MethodId(MethodInfo method)
    {
        var builder = new StringBuilder("M:")
            .Append(TypeName(method.DeclaringType!))
            .Append('.')
            .Append(MemberName(method.Name));
        if (method.IsGenericMethod)
        {
            builder.Append("``").Append(method.GetGenericArguments().Length.ToString(CultureInfo.InvariantCulture));
        }

        builder.Append(Parameters(method.GetParameters()));
        if (method.Name is "op_Implicit" or "op_Explicit")
        {
            builder.Append('~').Append(ParameterType(method.ReturnType));
        }

        return builder.ToString();
    }

    /// <summary>Explicit interface implementations (<c>System.IDisposable.Dispose</c>) use <c>#</c> for dots.</summary>
    private static string MemberName(string name) =>
        name.Replace('.', '#').Replace('<', '{').Replace('>', '}').Replace(',', '@');

    private static string Parameters(ParameterInfo[] parameters) =>
        parameters.Length == 0 ? string.Empty : "(" + string.Join(",", parameters.Select(p => ParameterType(p.ParameterType))) + ")";

    /// <summary>A type's name in a documentation ID: namespace, outer types joined by dots, arity as <c>`1</c>.</summary>
    private static string TypeName(Type type)
    {
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            type = type.GetGenericTypeDefinition();
        }

        var name = type.Name;
        if (type.DeclaringType is { } outer)
        {
            return TypeName(outer) + "." + name;
        }

        return string.IsNullOrEmpty(type.Namespace) ? name : type.Namespace + "." + name;
    }

    /// <summary>A parameter's type in a documentation ID: <c>System.Collections.Generic.List{System.Int32}</c>, <c>`0</c>, <c>``0</c>, <c>System.Int32[]</c>, <c>System.Int32@</c>.</summary>
    private static string ParameterType(Type type)
    {
        if (type.IsByRef)
        {
            return ParameterType(type.GetElementType()!) + "@";
        }

        if (type.IsPointer)
        {
            return ParameterType(type.GetElementType()!) + "*";
        }

        if (type.IsArray)
        {
            var rank = type.GetArrayRank();
            var dimensions = type.IsSZArray ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", rank)) + "]";
            return ParameterType(type.GetElementType()!) + dimensions;
        }

        if (type.IsGenericParameter)
        {
            var position = type.GenericParameterPosition.ToString(CultureInfo.InvariantCulture);
            return type.DeclaringMethod is null ? "`" + position : "``" + position;
        }

        if (type.IsGenericType)
        {
            // Nested in a generic type: the outer type's arguments come first in GetGenericArguments().
            var arguments = type.GetGenericArguments();
            return GenericName(type.GetGenericTypeDefinition(), arguments, out _);
        }

        return TypeName(type);
    }

    private static string GenericName(Type definition, Type[] arguments, out int used)
    {
        string prefix;
        if (definition.DeclaringType is { } outer)
        {
            prefix = GenericName(outer, arguments, out used) + ".";
        }
        else
        {
            used = 0;
            prefix = string.IsNullOrEmpty(definition.Namespace) ? string.Empty : definition.Namespace + ".";
        }

        var name = definition.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick < 0)
        {
            return prefix + name;
        }

        var count = int.Parse(name.AsSpan(tick + 1), CultureInfo.InvariantCulture);
        var own = arguments.Skip(used).Take(count).Select(ParameterType);
        used += count;
        return prefix + name[..tick] + "{" + string.Join(",", own) + "}";
    }

    /// <summary>Flattens a documentation section to one line of plain text.</summary>
    private static string? Render(XElement? section)
    {
        if (section is null)
        {
            return null;
        }

        var text = new StringBuilder();
        Append(text, section);
        var normalized = string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return normalized.Length == 0 ? null : normalized;
    }

    private static void Append(StringBuilder text, XElement element)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText plain:
                    text.Append(plain.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see when !see.IsEmpty && see.Nodes().Any():
                    Append(text, see);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    text.Append(see.Attribute("cref")?.Value is { } cref ? ShortName(cref)
                        : see.Attribute("langword")?.Value ?? see.Attribute("href")?.Value ?? string.Empty);
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    text.Append(reference.Attribute("name")?.Value);
                    break;
                case XElement { Name.LocalName: "para" or "br" or "list" or "item" } block:
                    text.Append(' ');
                    Append(text, block);
                    text.Append(' ');
                    break;
                case XElement other:
                    Append(text, other);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary><c>M:System.String.PadLeft(System.Int32)</c> gives <c>PadLeft</c>; <c>T:System.Collections.Generic.List`1</c> gives <c>List</c>.</summary>
    private static string ShortName(string cref)
    {
        var name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        var bracket = name.IndexOfAny(['(', '~']);
        if (bracket >= 0)
        {
            name = name[..bracket];
        }

        // Braces of generic arguments may hold dots of their own: cut at the last dot outside them.
        var depth = 0;
        var start = 0;
        for (var i = 0; i < name.Length; i++)
        {
            depth += name[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (name[i] == '.' && depth == 0)
            {
                start = i + 1;
            }
        }

        name = name[start..];
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        name = tick >= 0 ? name[..tick] : name;
        return name switch
        {
            "#ctor" or "#cctor" => "constructor",
            _ => name.Replace('#', '.'),
        };
    }

    /// <summary>
    /// One documentation file as read at one moment: the names of its members (kept once read) and its bytes
    /// (kept only once it has answered a lookup, so a search through every reference file stays small).
    /// </summary>
    private sealed class DocFile(string path, DateTime written)
    {
        private readonly Lock _gate = new();
        private HashSet<string>? _names;
        private byte[]? _content;

        public DateTime Written => written;

        /// <summary>The <c>member</c> element named <paramref name="id"/>, parsed alone, or null.</summary>
        public XElement? Find(string id)
        {
            byte[]? content;
            lock (_gate)
            {
                content = _content;
                if (_names is null)
                {
                    content = ReadBytes(path);
                    if (content is null)
                    {
                        return null;
                    }

                    _names = MemberNames(content);
                }

                if (!_names.Contains(Escape(id)))
                {
                    return null;
                }

                content ??= ReadBytes(path);
                _content = content;
            }

            return content is null ? null : Extract(content, id);
        }
    }
}
