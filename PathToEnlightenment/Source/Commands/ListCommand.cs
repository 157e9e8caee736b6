namespace ThreadingKoans.Runner.Commands;

/// <summary><c>list</c>: the topics, each with its koans done of its koans.</summary>
/// <param name="list">Lists the topics of a repository (<see cref="KoanSession.List"/>).</param>
internal sealed class ListCommand(Func<RepoLayout, int> list) : WordVerb("list", "List the topics with how many koans of each you have done.", list);
