using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ThreadingKoans.Engine;

namespace ThreadingKoans.Runner.Session;

/// <summary>One koan as its source declares it.</summary>
/// <param name="Topic">Its topic (class).</param>
/// <param name="Name">Its method's name.</param>
/// <param name="File">Its topic file, relative to the repository: <c>Koans/06_AboutThreads.cs</c>.</param>
internal sealed record CatalogKoan(string Topic, string Name, string File)
{
    /// <summary><c>Topic.Koan</c>.</summary>
    public string FullName => $"{Topic}.{Name}";
}

/// <summary>What a name the learner typed refers to.</summary>
/// <param name="Name">The name as the path spells it (<c>Topic</c> or <c>Topic.Koan</c>).</param>
/// <param name="Koan">The koan, when the name is a koan's; null for a topic.</param>
internal sealed record CatalogMatch(string Name, CatalogKoan? Koan);

/// <summary>
/// The topics and koans that the topic files declare, read with Roslyn without building anything: for
/// checking a name the learner typed and offering the nearest ones when it is not on the path.
/// </summary>
internal sealed class KoanCatalog
{
    private const int Nearest = 3;

    private readonly List<CatalogKoan> _koans;

    private KoanCatalog(List<CatalogKoan> koans) => _koans = koans;

    /// <summary>The koans in path order.</summary>
    public IReadOnlyList<CatalogKoan> Koans => _koans;

    /// <summary>The topics in path order.</summary>
    public IReadOnlyList<string> Topics => _koans.Select(koan => koan.Topic).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The koans declared in the topic files (<c>NN_Topic.cs</c>) of each folder (Koans, and Solutions for
    /// koans the learner may have deleted), in path order; a koan found in an earlier folder is not
    /// repeated. Names are those of classes and their methods marked <c>[Koan]</c>; each koan's file is
    /// named as the learner's copy, <c>Koans/NN_Topic.cs</c>.
    /// </summary>
    public static KoanCatalog Read(params string[] folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var koans = new List<CatalogKoan>();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            var files = Directory.EnumerateFiles(folder, "*.cs")
                .Where(file => PathOrder.TopicNumber(file) > 0)
                .OrderBy(PathOrder.TopicNumber);
            foreach (var file in files)
            {
                var relative = $"Koans/{Path.GetFileName(file)}";
                var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
                foreach (var method in root.DescendantNodes().OfType<MethodDeclarationSyntax>().Where(IsKoan))
                {
                    var topic = ((TypeDeclarationSyntax)method.Parent!).Identifier.ValueText;
                    if (!koans.Exists(koan => koan.Topic == topic && koan.Name == method.Identifier.ValueText))
                    {
                        koans.Add(new CatalogKoan(topic, method.Identifier.ValueText, relative));
                    }
                }
            }
        }

        var order = koans.Select(koan => koan.Topic).Distinct(StringComparer.Ordinal).ToList();
        return new KoanCatalog([.. koans.OrderBy(koan => order.IndexOf(koan.Topic))]);
    }

    /// <summary>
    /// What <paramref name="name"/> names, ignoring case: a topic, a koan (<c>Topic.Koan</c>), or a koan by
    /// its method name alone when only one koan has it. Null when it names nothing on the path.
    /// </summary>
    public CatalogMatch? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var typed = name.Trim();
        if (Topics.FirstOrDefault(topic => Same(topic, typed)) is { } topicName)
        {
            return new CatalogMatch(topicName, null);
        }

        var koan = _koans.FirstOrDefault(candidate => Same(candidate.FullName, typed));
        if (koan is null && _koans.Where(candidate => Same(candidate.Name, typed)).ToList() is [var only])
        {
            koan = only;
        }

        return koan is null ? null : new CatalogMatch(koan.FullName, koan);
    }

    /// <summary>
    /// The names on the path nearest to <paramref name="name"/>, at most three, nearest first: topics and
    /// koans for a name without a dot (compared with topic names and koan method names), koans for
    /// <c>Topic.Koan</c>. Names that hold what was typed come first (a name cut short), then, for
    /// <c>Topic.Koan</c>, the koans of that topic; within each group the smaller edit distance wins.
    /// Case is ignored throughout.
    /// </summary>
    public IReadOnlyList<string> NearestTo(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var typed = name.Trim();
        var dot = typed.LastIndexOf('.');
        var typedTopic = dot < 0 ? null : typed[..dot];
        var candidates = dot >= 0
            ? _koans.Select(koan => (Name: koan.FullName, Compared: koan.FullName, koan.Topic))
            : Topics.Select(topic => (Name: topic, Compared: topic, Topic: topic))
                .Concat(_koans.Select(koan => (Name: koan.FullName, Compared: koan.Name, koan.Topic)));
        return candidates
            .Select((candidate, index) => (candidate.Name, candidate.Compared, candidate.Topic, index))
            .OrderBy(candidate => candidate.Compared.Contains(typed, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(candidate => typedTopic is not null && Same(candidate.Topic, typedTopic) ? 0 : 1)
            .ThenBy(candidate => EditDistance.Between(typed, candidate.Compared))
            .ThenBy(candidate => candidate.index)
            .Select(candidate => candidate.Name)
            .Take(Nearest)
            .ToList();
    }

    private static bool IsKoan(MethodDeclarationSyntax method) =>
        method.Parent is TypeDeclarationSyntax
        && method.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => attribute.Name.ToString() is "Koan" or "KoanAttribute"
            || attribute.Name.ToString().EndsWith(".Koan", StringComparison.Ordinal)
            || attribute.Name.ToString().EndsWith(".KoanAttribute", StringComparison.Ordinal));

    private static bool Same(string name, string typed) => string.Equals(name, typed, StringComparison.OrdinalIgnoreCase);
}
