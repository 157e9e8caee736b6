namespace ThreadingKoans.Runner.Commands;

/// <summary><c>hint</c>: the current koan's next hint.</summary>
/// <param name="hint">Shows the next hint on a repository (<see cref="KoanSession.Hint"/>).</param>
internal sealed class HintCommand(Func<RepoLayout, int> hint) : WordVerb("hint", "Show the current koan's second, more concrete hint (its first is the question on the report).", hint);
