using System.Reflection;

namespace ThreadingKoans.Runner.Lookup;

/// <summary>
/// What the koans say of themselves where they have no XML documentation: a topic's introduction (the text of
/// its <c>[Topic]</c>) and the comment written above a koan. Read from attribute data and the koan files,
/// without running any koan code.
/// </summary>
internal static class KoanNotes
{
    private const string TopicAttribute = "ThreadingKoans.Engine.TopicAttribute";
    private const string KoanAttribute = "ThreadingKoans.Engine.KoanAttribute";

    /// <summary>The introduction of a topic, as one paragraph, or null when <paramref name="type"/> is not a topic.</summary>
    public static string? TopicIntro(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var topic = type.CustomAttributes.FirstOrDefault(attribute => attribute.AttributeType.FullName == TopicAttribute);
        return topic?.ConstructorArguments is [{ Value: string intro }, ..] ? OneParagraph(intro.Split('\n')) : null;
    }

    /// <summary>
    /// The comment above a koan (the <c>//</c> lines right above its <c>[Koan]</c>, found as <see cref="KoanText"/>
    /// finds it for the other commands), read from its file in
    /// <paramref name="layout"/>'s Koans folder, or null when <paramref name="member"/> is not a koan or has none.
    /// </summary>
    public static string? KoanComment(MemberInfo member, RepoLayout? layout)
    {
        ArgumentNullException.ThrowIfNull(member);
        var koan = member.CustomAttributes.FirstOrDefault(attribute => attribute.AttributeType.FullName == KoanAttribute);
        if (koan?.ConstructorArguments is not [_, { Value: string file }, { Value: int }, ..])
        {
            return null;
        }

        // The path the compiler saw; the learner's copy may have moved since, so their Koans folder comes first.
        var local = layout is null ? null : Path.Combine(layout.Koans, Path.GetFileName(file));
        var path = local is not null && File.Exists(local) ? local : file;
        if (!File.Exists(path))
        {
            return null;
        }

        var explanation = KoanText.Find(File.ReadAllText(path), member.DeclaringType?.Name ?? string.Empty, member.Name)?.Explanation;
        return string.IsNullOrWhiteSpace(explanation) ? null : explanation;
    }

    private static string OneParagraph(IEnumerable<string> lines) =>
        string.Join(' ', lines.Select(line => line.Trim()).Where(line => line.Length > 0));
}
