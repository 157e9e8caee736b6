using Spectre.Console;
using Spectre.Console.Rendering;

namespace ThreadingKoans.Runner.Pool;

/// <summary>How both demo views draw their frames while a demo runs.</summary>
internal static class LiveFrames
{
    /// <summary>
    /// Runs <paramref name="run"/>, handing each frame to <paramref name="add"/>. On a terminal that can redraw
    /// (interactive, with ANSI) the picture <paramref name="render"/> gives is drawn live, each over the one
    /// before; otherwise (output redirected) nothing is drawn while it runs, and <paramref name="drawn"/> says so.
    /// </summary>
    /// <returns>What <paramref name="run"/> returned.</returns>
    public static T Show<TFrame, T>(IAnsiConsole console, Func<Action<TFrame>, T> run, Action<TFrame> add, Func<IRenderable> render, out bool drawn)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        drawn = console.Profile.Capabilities is { Interactive: true, Ansi: true };
        if (!drawn)
        {
            return run(add);
        }

        var result = default(T)!;
        console.Live(render()).Start(live =>
        {
            result = run(frame =>
            {
                add(frame);
                live.UpdateTarget(render());
            });
        });
        return result;
    }
}
