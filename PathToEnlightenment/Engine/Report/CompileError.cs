namespace ThreadingKoans.Engine.Report;

/// <summary>One compiler error, at a place in a file.</summary>
internal sealed record CompileError(string File, int Line, int Column, string Code, string Message)
{
    public string Place => $"{File}:{Line}";
}
