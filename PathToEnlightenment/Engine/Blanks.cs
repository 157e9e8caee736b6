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
    /// A code blank: one or more statements are missing where this call stands. It does nothing, so the
    /// koan fails with its own message until you write the missing code in its place.
    /// </summary>
    public static void ___()
    {
        CodeBlanksSeen++;
    }
#pragma warning restore CA1707, IDE1006

    /// <summary>How many code blanks ran in this process (lets tests see that one was reached).</summary>
    public static int CodeBlanksSeen { get; private set; }
}
