namespace ThreadingKoans.Engine.Report;

/// <summary>What one run of the koan host saw.</summary>
/// <param name="Path">Every koan, in path order (empty when the host died before it reported them).</param>
/// <param name="Results">How each koan that ran ended, by id.</param>
/// <param name="Crash">The exception that escaped a thread and ended the host, if one did.</param>
/// <param name="Hung">The koan that was running when the host stopped answering and was killed.</param>
/// <param name="Completed">Whether the host reported the end of the run.</param>
/// <param name="Errors">What the host wrote to standard error.</param>
/// <param name="StrayOutput">Lines the host printed that were not reports (a koan's own prints, outside NUnit).</param>
/// <param name="Rounds">The rounds of a repeated run.</param>
internal sealed record HostRun(
    IReadOnlyList<KoanInfo> Path,
    IReadOnlyDictionary<string, KoanFinished> Results,
    ProcessCrashing? Crash,
    KoanInfo? Hung,
    bool Completed,
    string Errors,
    IReadOnlyList<string> StrayOutput,
    IReadOnlyList<RoundDone> Rounds);
