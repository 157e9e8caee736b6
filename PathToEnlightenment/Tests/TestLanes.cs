namespace ThreadingKoans.Tests;

/// <summary>
/// The lanes of our tests. A test that starts a process (<c>dotnet build</c> or <c>dotnet test</c>, a koan host, the pool
/// host, a child of the koans) is in the <see cref="Process"/> category; the quick lane, for a maintainer's edit-test
/// loop, is every other test: <c>dotnet test PathToEnlightenment/Tests --filter "TestCategory!=Process"</c>.
/// </summary>
internal static class TestLanes
{
    /// <summary>The category of a test that starts a process.</summary>
    public const string Process = "Process";
}
