using System.Text.Json;
using Spectre.Console;

namespace ThreadingKoans.PathModel;

/// <summary>
/// Reads and writes the learner's <see cref="WalkState"/> in <c>.koans-state.json</c> at the repository's
/// root (ignored by git). A state file that cannot be read or is not what this runner writes is set aside
/// (the runner starts afresh) and a state that cannot be written is lost; either is said once, in one
/// yellow line, and never stops the runner. Without a console (in the process that runs the koans, whose
/// output nobody reads) an unreadable state is simply no state.
/// </summary>
internal sealed class StateStore(IAnsiConsole? console, RepoLayout layout)
{
    /// <summary>The state file's name, at the repository's root.</summary>
    public const string FileName = ".koans-state.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private bool _warned;

    /// <summary>The state file's full path.</summary>
    public string FilePath => Path.Combine(layout.Root, FileName);

    /// <summary>The state the last call left, or null when there is none (or none that can be read).</summary>
    public WalkState? Load()
    {
        if (!File.Exists(FilePath) && !Directory.Exists(FilePath))
        {
            return null;
        }

        try
        {
            var state = JsonSerializer.Deserialize<WalkState>(File.ReadAllText(FilePath), Options);
            if (state is null || state.Path.Any(name => name is null) || state.Passed.Any(name => name is null))
            {
                Warn("could not be read (it is not what this runner writes)", "starts it afresh");
                return null;
            }

            return state;
        }
        catch (JsonException)
        {
            Warn("could not be read (it is not what this runner writes)", "starts it afresh");
            return null;
        }
        catch (IOException exception)
        {
            Warn($"could not be read ({exception.Message})", "starts it afresh");
            return null;
        }
        catch (UnauthorizedAccessException exception)
        {
            Warn($"could not be read ({exception.Message})", "starts it afresh");
            return null;
        }
    }

    /// <summary>
    /// Writes <paramref name="state"/> for the next call. A write cut short leaves a file that the next
    /// <see cref="Load"/> sets aside, which costs the learner only what the state remembers.
    /// </summary>
    public void Save(WalkState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            File.WriteAllText(FilePath, JsonSerializer.Serialize(state, Options) + "\n");
        }
        catch (IOException exception)
        {
            Warn($"could not be written ({exception.Message})", "will not remember this walk");
        }
        catch (UnauthorizedAccessException exception)
        {
            Warn($"could not be written ({exception.Message})", "will not remember this walk");
        }
    }

    private void Warn(string what, string consequence)
    {
        if (_warned)
        {
            return;
        }

        _warned = true;
        console?.MarkupLineInterpolated($"[yellow]Your progress file {FileName} {what}, so the runner {consequence}.[/]");
    }
}
