using System.Text.Json;

namespace ThreadingKoans.Engine;

/// <summary>
/// One request to the koan host (<see cref="Host.ServeCommand"/>), a line of JSON on its standard input:
/// run these koans of this assembly. The host answers with <see cref="HostEvent"/> lines, the last of each
/// run being <see cref="RunDone"/>, and reads the next request; it ends when its input closes.
/// </summary>
/// <param name="Assembly">The built koans assembly; loaded afresh for every request.</param>
/// <param name="Only">The koans or topics to run (<c>Topic[.Koan][,…]</c>); null for the whole path.</param>
/// <param name="RunAll">Run every koan asked for, whatever fails before it (see <see cref="StopAtFirstFailure"/>).</param>
/// <param name="Repeat">How many times to run them (each round ends with a <see cref="RoundDone"/> when more than one).</param>
/// <param name="Skip">Koans (<c>Topic.Koan</c>) not to run: the runner knows they still pass.</param>
/// <param name="Timelines">Send every koan's timeline, a passed koan's too (for <c>timeline</c>), not only a failed koan's.</param>
public sealed record KoanRequest(string Assembly, string? Only, bool RunAll, int Repeat = 1, IReadOnlyList<string>? Skip = null, bool Timelines = false)
{
    /// <summary>The request as one line.</summary>
    public string ToLine() => JsonSerializer.Serialize(this);

    /// <summary>The request a line holds.</summary>
    public static KoanRequest FromLine(string line) =>
        JsonSerializer.Deserialize<KoanRequest>(line) ?? throw new FormatException($"A koan request is a JSON object, not: {line}");
}
