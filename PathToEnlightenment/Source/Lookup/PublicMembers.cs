using System.Reflection;

namespace ThreadingKoans.Runner.Lookup;

/// <summary>The members of a type that <c>dir</c> lists and <c>help</c> can name.</summary>
internal static class PublicMembers
{
    /// <summary>The words that name a type's constructors in <c>help Type.new</c>, besides the type's own name.</summary>
    private static readonly string[] ConstructorWords = ["new", "ctor", ".ctor", "#ctor"];

    /// <summary>
    /// The public members of <paramref name="type"/>, its inherited public instance members included (as with
    /// <see cref="Type.GetMembers()"/>), without what C# does not let you name: property and event accessors,
    /// compiler-generated members and enum's <c>value__</c>. Operators are kept.
    /// </summary>
    public static IReadOnlyList<MemberInfo> Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(member => !member.Name.Contains('<', StringComparison.Ordinal) && member switch
            {
                MethodInfo method => !method.IsSpecialName || CSharpNames.Operator(method) is not null,
                FieldInfo field => !field.IsSpecialName,
                _ => true,
            })
            .ToList();
    }

    /// <summary>
    /// The members of <paramref name="type"/> called <paramref name="name"/>: all overloads of a method, a
    /// property, the constructors (<c>Thread</c> or <c>new</c> for <c>Thread</c>), the indexers (<c>this</c>).
    /// Exact case first, then any case.
    /// </summary>
    public static IReadOnlyList<MemberInfo> Named(Type type, string name)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(name);
        var members = Of(type).Where(member => member is not Type).ToList();
        foreach (var comparison in new[] { StringComparison.Ordinal, StringComparison.OrdinalIgnoreCase })
        {
            var found = members.Where(member => Names(type, member).Any(alias => alias.Equals(name, comparison))).ToList();
            if (found.Count > 0)
            {
                return found;
            }
        }

        return [];
    }

    /// <summary>The names of <paramref name="type"/>'s members, for suggesting the nearest to one that was not found.</summary>
    public static IEnumerable<string> Names(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Of(type).Where(member => member is not Type).Select(member => Names(type, member)[0]).Distinct(StringComparer.Ordinal);
    }

    /// <summary>The name a member is written with in C# (first), and the other names <c>help</c> accepts for it.</summary>
    private static string[] Names(Type type, MemberInfo member) => member switch
    {
        ConstructorInfo => [CSharpNames.TypeName(type), .. ConstructorWords],
        PropertyInfo property when property.GetIndexParameters().Length > 0 => ["this", property.Name],
        MethodInfo method when CSharpNames.Operator(method) is { } symbol => [method.Name, "operator" + symbol, "operator " + symbol],
        _ => [member.Name],
    };
}
