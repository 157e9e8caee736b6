using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace ThreadingKoans.Engine;

/// <summary>The path: every koan of a loaded assembly, topics by file number, koans by line.</summary>
public static class KoanPath
{
    /// <summary>The koans below <paramref name="root"/>, in the order the path takes them.</summary>
    public static IReadOnlyList<KoanInfo> From(ITest root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return Leaves(root)
            .Where(test => test.Properties.ContainsKey(KoanProperties.Hint))
            .Select(ToInfo)
            .OrderBy(koan => koan.TopicNumber)
            .ThenBy(koan => koan.Line)
            .ToList();
    }

    /// <summary>
    /// A filter for the koans named by <paramref name="only"/> (<c>Topic</c> or <c>Topic.Koan</c>, several
    /// separated by commas), or every koan when it is null, leaving out those of <paramref name="skip"/>.
    /// </summary>
    public static TestFilter Filter(IReadOnlyList<KoanInfo> path, string? only, IReadOnlyCollection<string>? skip = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (only is null && skip is not { Count: > 0 })
        {
            return TestFilter.Empty;
        }

        var names = only?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        var skipped = skip?.ToHashSet(StringComparer.Ordinal) ?? [];
        var ids = path
            .Where(koan => names is null || names.Contains(koan.FullName) || names.Contains(koan.Topic))
            .Where(koan => !skipped.Contains(koan.FullName))
            .Select(koan => $"<id>{System.Security.SecurityElement.Escape(koan.Id)}</id>");
        return TestFilter.FromXml($"<filter><or>{string.Concat(ids)}</or></filter>");
    }

    private static IEnumerable<ITest> Leaves(ITest test) =>
        test.IsSuite ? test.Tests.SelectMany(Leaves) : [test];

    /// <summary>One koan as the path describes it.</summary>
    internal static KoanInfo ToInfo(ITest test)
    {
        var file = (string)test.Properties.Get(KoanProperties.File)!;
        var fixture = test.Parent;
        return new KoanInfo(
            test.Id,
            test.TypeInfo?.Name ?? fixture?.Name ?? "?",
            PathOrder.TopicNumber(file),
            fixture?.Properties.Get(KoanProperties.TopicIntro) as string ?? string.Empty,
            test.Name,
            file,
            (int)test.Properties.Get(KoanProperties.Line)!,
            (string)test.Properties.Get(KoanProperties.Hint)!,
            test.Properties.Get(KoanProperties.DeeperHint) as string,
            (int)test.Properties.Get(KoanProperties.Timeout)!);
    }
}
