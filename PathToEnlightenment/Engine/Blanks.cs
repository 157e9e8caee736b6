using System.Diagnostics;

namespace ThreadingKoans.Engine;

/// <summary>
/// The two kinds of blank a learner fills in. Koan files bring them into scope with
/// <c>using static ThreadingKoans.Engine.Blanks;</c>.
/// </summary>
public static class Blanks
{
    /// <summary>
    /// A value blank: replace <c>__</c> with the value (or expression) that makes the koan true.
    /// Reading it fails the koan with a message that points at the line.
    /// </summary>
#pragma warning disable CA1707, IDE1006 // The blank is named to look like a blank.
    public static Blank __ => throw BlankException.FromCaller(new StackTrace(1, fNeedFileInfo: true));

    /// <summary>
    /// A code blank: one or more statements are missing where this call stands. Reached while the koan it
    /// belongs to runs (in the koan itself, or in your pool where that koan claims it), it ends the koan at once,
    /// pointing here; any other code blank does nothing, as the missing code would not be there yet either.
    /// </summary>
    public static void ___()
    {
        if (KoanRun.Running)
        {
            KoanRun.CodeBlankReached(new StackTrace(1, fNeedFileInfo: true));
        }
    }
#pragma warning restore CA1707, IDE1006
}
