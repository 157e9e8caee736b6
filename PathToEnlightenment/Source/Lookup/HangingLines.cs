namespace ThreadingKoans.Runner.Lookup;

/// <summary>
/// Breaks a line that is wider than the console at its spaces, indenting the lines after the first, so that a
/// long signature or listing row stays readable instead of being wrapped at the left edge by the terminal.
/// </summary>
internal static class HangingLines
{
    /// <summary>
    /// <paramref name="text"/> as lines of at most <paramref name="width"/> characters where it has spaces to
    /// break at, every line after the first starting with <paramref name="indent"/> spaces.
    /// </summary>
    public static IReadOnlyList<string> Of(string text, int width, int indent)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        var prefix = string.Empty;
        var rest = text;
        while (prefix.Length + rest.Length > width && width - prefix.Length > 0)
        {
            var cut = rest.LastIndexOf(' ', width - prefix.Length);
            if (cut <= 0 || string.IsNullOrWhiteSpace(rest[..cut]))
            {
                // One word wider than the room left: the terminal wraps it as it can.
                break;
            }

            lines.Add(prefix + rest[..cut].TrimEnd());
            rest = rest[(cut + 1)..].TrimStart();
            prefix = new string(' ', indent);
        }

        lines.Add(prefix + rest);
        return lines;
    }
}
