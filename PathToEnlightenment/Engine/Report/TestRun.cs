using System.Globalization;
using System.Text.Json;

namespace ThreadingKoans.Engine.Report;

/// <summary>One test's result as the <c>dotnet test</c> logger passes it on, in VSTest's own terms.</summary>
/// <param name="Id">The test case's id.</param>
/// <param name="FullyQualifiedName"><c>Koans.AboutAsserts.TrueIsTrue</c>.</param>
/// <param name="Traits">The test case's traits: NUnit's adapter copies the properties the engine's attributes set.</param>
/// <param name="Outcome">VSTest's outcome: Passed, Failed, Skipped, None or NotFound.</param>
/// <param name="ErrorMessage">The failure's message.</param>
/// <param name="Output">What the test printed.</param>
/// <param name="Seconds">How long it ran.</param>
internal sealed record TestRunResult(
    string Id,
    string FullyQualifiedName,
    IReadOnlyDictionary<string, string> Traits,
    string Outcome,
    string? ErrorMessage,
    string? Output,
    double Seconds);

/// <summary>A finished <c>dotnet test</c> run, as the logger saw it.</summary>
/// <param name="Results">Every test's result.</param>
/// <param name="Filtered">Whether the run was of some tests only (<c>--filter</c>, or tests picked one by one).</param>
/// <param name="CutShort">Whether it was aborted or cancelled.</param>
/// <param name="Error">Why, if VSTest said.</param>
internal sealed record TestRun(IReadOnlyList<TestRunResult> Results, bool Filtered, bool CutShort, string? Error)
{
    /// <summary>The run from the text the logger wrote with <see cref="JsonSerializer"/>.</summary>
    public static TestRun FromJson(string json) =>
        JsonSerializer.Deserialize<TestRun>(json) ?? throw new JsonException("The logger passed no test run.");

    /// <summary>The koans of the run, in path order, with how each ended; tests that are not koans are left out.</summary>
    public IReadOnlyList<(KoanInfo Koan, KoanFinished Result)> Koans() =>
        [.. Results
            .Select(result => (Koan: Koan(result), Result: result))
            .Where(pair => pair.Koan is not null)
            .Select(pair => (pair.Koan!, Finished(pair.Koan!, pair.Result)))
            .OrderBy(pair => pair.Item1.TopicNumber)
            .ThenBy(pair => pair.Item1.Line)];

    private static KoanFinished Finished(KoanInfo koan, TestRunResult result) => new(
        koan.Id,
        result.Outcome switch
        {
            "Passed" => KoanOutcome.Passed,
            "Failed" => KoanOutcome.Failed,
            _ => KoanOutcome.Skipped,
        },
        result.ErrorMessage,
        Essentials.PlaceIn(result.ErrorMessage),
        string.IsNullOrWhiteSpace(result.Output) ? null : result.Output,
        result.Seconds);

    private static KoanInfo? Koan(TestRunResult result)
    {
        var traits = result.Traits;
        if (!traits.TryGetValue(KoanProperties.File, out var file) || !traits.TryGetValue(KoanProperties.Line, out var line)
            || !int.TryParse(line, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var names = result.FullyQualifiedName.Split('.');
        return new KoanInfo(
            result.Id,
            names.Length >= 2 ? names[^2] : result.FullyQualifiedName,
            PathOrder.TopicNumber(file),
            traits.GetValueOrDefault(KoanProperties.TopicIntro) ?? string.Empty,
            names[^1],
            file,
            number,
            traits.GetValueOrDefault(KoanProperties.Hint) ?? string.Empty,
            traits.GetValueOrDefault(KoanProperties.DeeperHint),
            int.TryParse(traits.GetValueOrDefault(KoanProperties.Timeout), CultureInfo.InvariantCulture, out var seconds) ? seconds : 5);
    }
}
