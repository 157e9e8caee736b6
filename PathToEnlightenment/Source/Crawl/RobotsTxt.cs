namespace ThreadingKoans.Runner.Crawl;

/// <summary>
/// A site's robots.txt, read for one crawler: the rules of the groups that name the crawler's product token
/// (<c>User-agent: ThreadingKoans</c>), or else those of <c>User-agent: *</c>. A path is allowed unless the
/// longest rule that matches it is a <c>Disallow</c>; on a tie, <c>Allow</c> wins (RFC 9309). Rules are
/// path prefixes, with <c>*</c> for any characters and a final <c>$</c> for the end of the path.
/// </summary>
internal sealed class RobotsTxt
{
    private readonly IReadOnlyList<Rule> _rules;

    private RobotsTxt(IReadOnlyList<Rule> rules, string group)
    {
        _rules = rules;
        Group = group;
    }

    /// <summary>No robots.txt (or one that says nothing to us): everything is allowed.</summary>
    public static RobotsTxt AllowAll { get; } = new([], "none");

    /// <summary>Everything forbidden: what a robots.txt that cannot be read (the server answered 5xx) means.</summary>
    public static RobotsTxt DisallowAll { get; } = new([new Rule(false, "/")], "none");

    /// <summary>Which group's rules apply: the crawler's own token, <c>*</c>, or <c>none</c>.</summary>
    public string Group { get; }

    /// <summary>The rules that apply, as robots.txt writes them (<c>Disallow: /private/</c>), in its order.</summary>
    public IReadOnlyList<string> Rules => [.. _rules.Select(rule => $"{(rule.Allow ? "Allow" : "Disallow")}: {rule.Pattern}")];

    /// <summary>Reads <paramref name="text"/> for the crawler whose product token is <paramref name="agent"/>.</summary>
    /// <param name="text">The robots.txt.</param>
    /// <param name="agent">The crawler's product token (<c>ThreadingKoans</c>), matched without regard to case.</param>
    public static RobotsTxt Parse(string text, string agent)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(agent);
        var ours = new List<Rule>();
        var everyone = new List<Rule>();
        var named = false;
        var agents = new List<string>();
        var inRules = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#', 2)[0].Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "user-agent":
                    if (inRules)
                    {
                        // A user-agent line after rules begins the next group.
                        agents.Clear();
                        inRules = false;
                    }

                    agents.Add(value.Split('/', 2)[0].Trim());
                    break;
                case "allow" or "disallow":
                    inRules = true;
                    if (value.Length == 0)
                    {
                        // "Disallow:" with nothing forbids nothing.
                        continue;
                    }

                    var rule = new Rule(key == "allow", value);
                    if (agents.Any(name => string.Equals(name, agent, StringComparison.OrdinalIgnoreCase)))
                    {
                        ours.Add(rule);
                    }

                    if (agents.Contains("*"))
                    {
                        everyone.Add(rule);
                    }

                    break;
            }

            named |= agents.Any(name => string.Equals(name, agent, StringComparison.OrdinalIgnoreCase));
        }

        return named ? new RobotsTxt(ours, agent) : everyone.Count > 0 ? new RobotsTxt(everyone, "*") : AllowAll;
    }

    /// <summary>Whether the crawler may fetch <paramref name="address"/> (its path and query are matched).</summary>
    public bool Allows(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var path = address.IsAbsoluteUri ? address.PathAndQuery : address.OriginalString;
        if (path == "/robots.txt")
        {
            return true;
        }

        Rule? best = null;
        foreach (var rule in _rules)
        {
            if (rule.Matches(path)
                && (best is null || rule.Pattern.Length > best.Pattern.Length || (rule.Pattern.Length == best.Pattern.Length && rule.Allow)))
            {
                best = rule;
            }
        }

        return best?.Allow ?? true;
    }

    private sealed record Rule(bool Allow, string Pattern)
    {
        public bool Matches(string path)
        {
            var anchored = Pattern.EndsWith('$');
            var parts = (anchored ? Pattern[..^1] : Pattern).Split('*');
            if (!path.StartsWith(parts[0], StringComparison.Ordinal))
            {
                return false;
            }

            var at = parts[0].Length;
            for (var i = 1; i < parts.Length; i++)
            {
                var found = i == parts.Length - 1 && anchored
                    ? (path.Length - parts[i].Length >= at && path.EndsWith(parts[i], StringComparison.Ordinal) ? path.Length - parts[i].Length : -1)
                    : path.IndexOf(parts[i], at, StringComparison.Ordinal);
                if (found < 0)
                {
                    return false;
                }

                at = found + parts[i].Length;
            }

            return !anchored || at == path.Length || (parts.Length > 1 && parts[^1].Length == 0);
        }
    }
}
