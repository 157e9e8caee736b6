using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace ThreadingKoans.Runner.Originals;

/// <summary>What one git command gave.</summary>
/// <param name="Succeeded">Whether git ran, finished in time and exited with 0.</param>
/// <param name="Output">Its standard output, lines ended by <c>\n</c>.</param>
/// <param name="Problem">When it did not succeed: why, in a few words (git's own first error line when it gave one).</param>
internal sealed record GitResult(bool Succeeded, string Output, string Problem);

/// <summary>Runs git in the repository, bounded in time like every other child process of the runner.</summary>
internal sealed class Git(string root)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>Runs <c>git -C root</c> with <paramref name="arguments"/>.</summary>
    public GitResult Run(params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(root);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["LC_ALL"] = "C";
        ProcessOutcome outcome;
        try
        {
            outcome = Dotnet.Run(start, Limit);
        }
        catch (Win32Exception exception)
        {
            return new GitResult(false, string.Empty, $"git could not be started ({exception.Message})");
        }

        if (!outcome.Exited)
        {
            return new GitResult(false, outcome.Output, $"git did not answer within {Limit.TotalSeconds:0} s");
        }

        var firstError = outcome.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return outcome.ExitCode == 0
            ? new GitResult(true, outcome.Output, string.Empty)
            : new GitResult(false, outcome.Output, firstError ?? $"git exited with {outcome.ExitCode}");
    }
}
