namespace ThreadingKoans.Tests.WrongAnswers;

/// <summary>
/// A mistake a learner plausibly makes, written as an edit to the Solutions' copy of a topic file.
/// The wrong-answer tests apply it to a copy of Solutions and check that the koan fails within its
/// bound with a message that names the mistake's symptom.
/// </summary>
/// <param name="Koan">The koan the mistake breaks, as <c>Topic.Koan</c>.</param>
/// <param name="Mistake">The mistake in a few words ("forgot Start").</param>
/// <param name="Find">Text of the solved koan, found exactly once inside that koan's method.</param>
/// <param name="Replace">What the learner wrote instead.</param>
/// <param name="Symptom">Words the failure message must contain (case-insensitive): the symptom, not the answer.</param>
/// <param name="InPool">
/// When the mistake is in the learner's pool rather than in the koan: the member of a pool file (<c>WorkerPool.cs</c>,
/// <c>AsyncWorkerPool.cs</c>) that <paramref name="Find"/> is found in (<c>WorkerPool.Run</c>, <c>PoolSnapshot.RateSince</c>,
/// <c>AsyncWorkerPool.RunAsync</c>).
/// </param>
/// <param name="KnownToPass">
/// A mistake no deterministic koan can catch, listed so that the list of what the koans miss stays true: the tests
/// check that the koan still passes with it (when a koan starts to catch it, name its symptom and drop the flag).
/// The topic's text says why it is a mistake all the same.
/// </param>
public sealed record WrongAnswer(string Koan, string Mistake, string Find, string Replace, string Symptom, string? InPool = null, bool KnownToPass = false);

/// <summary>The wrong answers of one topic. Every implementation is found by reflection.</summary>
internal interface IWrongAnswers
{
    IEnumerable<WrongAnswer> All { get; }
}
