using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ThreadingKoans.Engine.Report;

/// <summary>
/// The few lines the engine adds to a failing koan's own message, so that wherever the message alone is
/// shown (an IDE's Test Explorer, where no report is drawn) it still says where to work and how far along
/// the path the learner is. The report views take them off again and draw the whole report instead.
/// </summary>
internal static partial class Essentials
{
    /// <summary>What each added line starts with.</summary>
    public const string Mark = "» ";

    /// <summary>The command that shows the current koan's hint.</summary>
    public const string HintCommand = "dotnet run --project PathToEnlightenment -- hint";

    /// <summary>The lines to add: where to meditate (blanks first), the koan's question, and the progress when it is known.</summary>
    public static string For(string place, BlankPlaces blanks, string question, Progress? progress)
    {
        ArgumentNullException.ThrowIfNull(blanks);
        var text = new StringBuilder("\n\n").Append(Mark);
        if (blanks.Koan is { } own && blanks.Pool.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Meditate on {own} first, this koan's blank; then on {blanks.Pool[0].Place}, the piece of your pool it needs.");
        }
        else if (blanks.Koan is null && blanks.Pool.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Meditate on {blanks.Pool[0].Place}, the piece of your pool this koan needs.");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"Meditate on {place}.");
        }

        if (question.Length > 0)
        {
            text.Append('\n').Append(Mark).Append(CultureInfo.InvariantCulture, $"The koan asks: {question}");
        }

        if (progress is not null)
        {
            text.Append('\n').Append(Mark).Append(CultureInfo.InvariantCulture, $"Path {progress.Passed}/{progress.Total} · topic {progress.TopicNumber} of {progress.Topics}, {progress.Topic}: {progress.TopicPassed}/{progress.TopicTotal} · stuck? {HintCommand}");
        }

        return text.ToString();
    }

    /// <summary><paramref name="message"/> without the added lines.</summary>
    public static string Strip(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var normalized = message.Replace("\r\n", "\n", StringComparison.Ordinal);
        var at = normalized.IndexOf("\n\n" + Mark, StringComparison.Ordinal);
        return at < 0 ? normalized : normalized[..at];
    }

    /// <summary>
    /// A failure's own teaching words: <paramref name="message"/> without the added lines, and without the
    /// exception's name in front when it is a blank's or an assertion's (for those the words are all).
    /// </summary>
    public static string Teaching(string message)
    {
        var text = Strip(message);
        foreach (var prefix in new[] { typeof(BlankException).FullName + " : ", typeof(Shouldly.ShouldAssertException).FullName + " : " })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return text[prefix.Length..];
            }
        }

        return text;
    }

    /// <summary>The place the added lines send the learner to first, if <paramref name="message"/> has them.</summary>
    public static string? PlaceIn(string? message) =>
        message is not null && Meditate().Match(message) is { Success: true } match ? match.Groups["place"].Value : null;

    [GeneratedRegex(@"^» Meditate on (?<place>\S+:\d+)", RegexOptions.Multiline)]
    private static partial Regex Meditate();
}
