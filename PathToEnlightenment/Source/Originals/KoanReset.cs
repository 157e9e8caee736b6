using System.Text;

namespace ThreadingKoans.Runner.Originals;

/// <summary>
/// <c>reset Topic.Koan</c>: puts one koan back as it was, keeping every other answer in its file. The
/// original is the copy the repository carries (see <see cref="OriginalKoans"/>); the koan is found with
/// Roslyn in the original and in the learner's file, and only its text is replaced: the comment lines
/// right above it, its attributes and its method (see <see cref="KoanBlock"/>).
/// </summary>
internal sealed class KoanReset(NavigationView view, RepoLayout layout, FindOriginal originals)
{
    private static readonly byte[] Utf8Mark = [0xEF, 0xBB, 0xBF];

    /// <summary>Resets the koan the learner named; returns the exit code.</summary>
    public int Run(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var catalog = KoanCatalog.Read(layout.Koans, layout.Solutions);
        if (catalog.Find(name) is not { } match)
        {
            view.Unknown(name, catalog.NearestTo(name));
            return ExitCodes.Usage;
        }

        if (match.Koan is not { } koan)
        {
            var example = catalog.Koans.First(candidate => candidate.Topic == match.Name);
            view.Problem($"reset puts back one koan at a time: name one of the koans of {match.Name}, like {example.FullName}.");
            return ExitCodes.Usage;
        }

        var path = Path.Combine(layout.Root, koan.File);
        if (!File.Exists(path))
        {
            view.Problem($"Cannot reset {koan.FullName}: {koan.File} is missing; copying {OriginalKoans.CopyOf(koan.File)} to {koan.File} brings the whole file back.");
            return ExitCodes.KoansLeft;
        }

        var original = originals(koan.File, koan.Topic, koan.Name);
        var was = original.Found is { } found ? KoanText.Find(found.Text, koan.Topic, koan.Name) : null;
        if (original.Found is null || was is null)
        {
            view.Problem($"Cannot reset {koan.FullName}: {(original.Found is null ? original.Problem : $"{original.Found.Source}, the original of {koan.File}, has no such koan")}.");
            return ExitCodes.KoansLeft;
        }

        var bytes = File.ReadAllBytes(path);
        var marked = bytes.AsSpan().StartsWith(Utf8Mark);
        var current = Encoding.UTF8.GetString(bytes.AsSpan(marked ? Utf8Mark.Length : 0));
        if (KoanText.Find(current, koan.Topic, koan.Name) is not { } now)
        {
            view.Problem($"Cannot reset {koan.FullName}: {koan.File} no longer has it. Copying {OriginalKoans.CopyOf(koan.File)} over it brings back the whole file, without your answers in it.");
            return ExitCodes.KoansLeft;
        }

        var newline = current.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var replacement = Lf(original.Found.Text.Substring(was.Span.Start, was.Span.Length)).Replace("\n", newline, StringComparison.Ordinal);
        if (Lf(replacement) == Lf(current.Substring(now.Span.Start, now.Span.Length)))
        {
            view.Say($"{koan.FullName} at {koan.File}:{now.KoanLine} already matches its original in {original.Found.Source}: nothing to reset.");
            return ExitCodes.Done;
        }

        var text = string.Concat(current.AsSpan(0, now.Span.Start), replacement, current.AsSpan(now.Span.End));
        try
        {
            File.WriteAllText(path, text, new UTF8Encoding(marked));
        }
        catch (IOException exception)
        {
            view.Problem($"Cannot reset {koan.FullName}: {koan.File} could not be written ({exception.Message}).");
            return ExitCodes.KoansLeft;
        }
        catch (UnauthorizedAccessException exception)
        {
            view.Problem($"Cannot reset {koan.FullName}: {koan.File} could not be written ({exception.Message}).");
            return ExitCodes.KoansLeft;
        }

        var line = KoanText.Find(text, koan.Topic, koan.Name)?.KoanLine ?? now.KoanLine;
        view.Say($"Reset {koan.FullName} at {koan.File}:{line} to its original text, from {original.Found.Source}. Your other answers are as you left them.");
        return ExitCodes.Done;
    }

    private static string Lf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
