namespace ThreadingKoans.PathModel;

/// <summary>One compiler error, at a place in a file.</summary>
/// <param name="File">The file, relative to the repository: <c>Koans/01_AboutAsserts.cs</c>.</param>
/// <param name="Line">Its line (1-based).</param>
/// <param name="Column">Its column (1-based).</param>
/// <param name="Code">The compiler's code: <c>CS1503</c>.</param>
/// <param name="Message">The compiler's words.</param>
/// <param name="Note">The same error in the learner's words, where the compiler's mislead (see the runner's ShouldlyClash).</param>
internal sealed record CompileError(string File, int Line, int Column, string Code, string Message, string? Note = null)
{
    public string Place => $"{File}:{Line}";
}
