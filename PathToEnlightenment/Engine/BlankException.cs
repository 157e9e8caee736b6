using System.Diagnostics;

namespace ThreadingKoans.Engine;

/// <summary>Thrown when a koan reads a blank (<c>__</c>) that has not been filled in yet.</summary>
public sealed class BlankException : Exception
{
    /// <summary>The words every blank's message starts with; the runner and the tests look for them.</summary>
    public const string Lead = "Fill in the blank";

    public BlankException()
        : base(Lead + ": replace __ with the answer that makes this koan true.")
    {
    }

    public BlankException(string message)
        : base(message)
    {
    }

    public BlankException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static BlankException FromCaller(StackTrace callers)
    {
        var place = callers.GetFrames()
            .Select(frame => SourcePlace.FromFrame(frame))
            .FirstOrDefault(found => found is not null);
        return place is null
            ? new BlankException()
            : new BlankException($"{Lead} at {place}: replace __ with the answer that makes this koan true.");
    }
}
