namespace ThreadingKoans.PathModel;

/// <summary>What the runner's exit code means.</summary>
internal static class ExitCodes
{
    public const int Enlightened = 0;

    /// <summary>A command that is not a walk (<c>reset</c>, or <c>--koan</c> on koans that pass) did what it was asked.</summary>
    public const int Done = 0;

    public const int KoansLeft = 1;
    public const int Usage = 2;
}
