using System.Globalization;
using System.Text;

namespace ThreadingKoans.PathModel;

/// <summary>
/// The few lines a failing koan's own message ends with where the message alone is shown (an IDE's Test
/// Explorer, where no report is drawn), so that it still says where to work, what the koan asks and how far
/// along the path the learner is. Where a report is drawn (the runner, the <c>dotnet test</c> logger), the
/// message is the teaching words alone and the report says the rest.
/// </summary>
internal static class Essentials
{
    /// <summary>What each added line starts with.</summary>
    public const string Mark = "» ";

    /// <summary>The command that shows the current koan's hint.</summary>
    public const string HintCommand = "dotnet run --project PathToEnlightenment -- hint";

    /// <summary>The lines to add: where to meditate (blanks first), the koan's question, and the progress when it is known.</summary>
    public static string For(string place, BlankPlaces blanks, string question, Progress? progress, bool timeline = false)
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

        if (timeline)
        {
            text.Append('\n').Append(Mark).Append(CultureInfo.InvariantCulture, $"What its threads did, step by step: {TimelineView.Command}");
        }

        if (progress is not null)
        {
            text.Append('\n').Append(Mark).Append(CultureInfo.InvariantCulture, $"Path {progress.Passed}/{progress.Total} · topic {progress.TopicNumber} of {progress.Topics}, {progress.Topic}: {progress.TopicPassed}/{progress.TopicTotal} · stuck? {HintCommand}");
        }

        return text.ToString();
    }
}
