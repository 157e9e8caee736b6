using Spectre.Console;

namespace ThreadingKoans.PathModel;

/// <summary>The progress line every view ends with: <c>Path 12/127  ██░░░</c>.</summary>
internal static class ProgressBar
{
    private const int Width = 30;

    /// <summary>
    /// Writes the line for <paramref name="passed"/> koans out of <paramref name="total"/>, and after the bar
    /// <paramref name="after"/>, when given (the topic's count in a report).
    /// </summary>
    public static void Write(IAnsiConsole console, int passed, int total, string? after = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        var filled = total == 0 ? 0 : passed * Width / total;
        console.MarkupLineInterpolated(
            $"Path {passed}/{total}  [green]{new string('█', filled)}[/][grey]{new string('░', Width - filled)}[/]{(after is null ? string.Empty : "  " + after)}");
    }
}

/// <summary>Spans of time as the learner reads them: "2 days and 3 hours".</summary>
internal static class Durations
{
    /// <summary>
    /// <paramref name="span"/> in its two largest units (days and hours, hours and minutes, or minutes),
    /// rounded down; "less than a minute" below one.
    /// </summary>
    public static string Say(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return "less than a minute";
        }

        return span.Days > 0 ? Two(span.Days, "day", span.Hours, "hour")
            : span.Hours > 0 ? Two(span.Hours, "hour", span.Minutes, "minute")
            : Count(span.Minutes, "minute");
    }

    private static string Two(int first, string firstUnit, int second, string secondUnit) =>
        second == 0 ? Count(first, firstUnit) : $"{Count(first, firstUnit)} and {Count(second, secondUnit)}";

    private static string Count(int number, string unit) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{number} {unit}{(number == 1 ? string.Empty : "s")}");
}
