namespace ThreadingKoans.Runner.Lookup;

/// <summary>How far apart two names are, to suggest the nearest ones to a name that was not found.</summary>
internal static class EditDistance
{
    /// <summary>
    /// The Levenshtein distance between <paramref name="first"/> and <paramref name="second"/>, ignoring case: how
    /// many characters must be inserted, deleted or replaced to turn one into the other.
    /// </summary>
    public static int Between(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var previous = new int[second.Length + 1];
        var current = new int[second.Length + 1];
        for (var j = 0; j <= second.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= first.Length; i++)
        {
            current[0] = i;
            var left = char.ToUpperInvariant(first[i - 1]);
            for (var j = 1; j <= second.Length; j++)
            {
                var cost = left == char.ToUpperInvariant(second[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[second.Length];
    }

    /// <summary>The few <paramref name="names"/> nearest to <paramref name="wanted"/>, nearest first, then shortest, then by name.</summary>
    public static IReadOnlyList<string> Nearest(string wanted, IEnumerable<string> names, int count)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names
            .Distinct(StringComparer.Ordinal)
            .Select(name => (Name: name, Distance: Between(wanted, name)))
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Name.Length)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(candidate => candidate.Name)
            .ToList();
    }
}
