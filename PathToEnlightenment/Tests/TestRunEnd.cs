namespace ThreadingKoans.Tests;

/// <summary>What the whole test run shares, put away once every test has run.</summary>
[SetUpFixture]
public sealed class TestRunEnd
{
    [OneTimeTearDown]
    public void DeleteTheBuiltTemplate() => TempRepo.DeleteTemplate();
}
