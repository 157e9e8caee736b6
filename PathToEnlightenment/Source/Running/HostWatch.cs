using System.Collections.Concurrent;
using ThreadingKoans.Engine;

namespace ThreadingKoans.Runner.Running;

/// <summary>The host's reports of one run so far, and what the runner expects next.</summary>
internal sealed class HostWatch
{
    private readonly Dictionary<string, KoanFinished> _results = [];
    private readonly List<string> _stray = [];
    private readonly List<RoundDone> _rounds = [];
    private IReadOnlyList<KoanInfo> _path = [];
    private Dictionary<string, KoanInfo> _byId = [];
    private KoanInfo? _running;
    private KoanInfo? _hung;
    private ProcessCrashing? _crash;

    public bool Done { get; private set; }

    /// <summary>
    /// Reads the host's report lines until the run is done, the host's output closes (it ended, or was
    /// killed), or the host stops answering, when <paramref name="kill"/> is called.
    /// </summary>
    /// <returns>True when the run is done and the host is still up.</returns>
    public bool Read(BlockingCollection<string?> lines, HostLimits limits, Action kill)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(kill);
        while (!Done)
        {
            if (!lines.TryTake(out var line, Patience(limits)))
            {
                GaveUp();
                kill();
                return false;
            }

            if (line is null)
            {
                return false;
            }

            See(line);
        }

        return true;
    }

    /// <summary>
    /// How long to wait for the next report: long enough to load the koans before the path is known;
    /// else the running (or next) koan's own limit and a grace period.
    /// </summary>
    public TimeSpan Patience(HostLimits limits) =>
        Current is { } koan ? TimeSpan.FromSeconds(koan.TimeoutSeconds) + limits.Grace : limits.Load;

    /// <summary>The host stopped answering: the koan running, or else the first still without a result, is to blame.</summary>
    public void GaveUp() => _hung = Current;

    private KoanInfo? Current => _running ?? _path.FirstOrDefault(koan => !_results.ContainsKey(koan.Id));

    public void See(string line)
    {
        switch (HostEvent.FromLine(line))
        {
            case PathFound found:
                _path = found.Koans;
                _byId = found.Koans.ToDictionary(koan => koan.Id);
                break;
            case KoanStarted started:
                _running = _byId.GetValueOrDefault(started.Id);
                break;
            case KoanFinished finished:
                _results[finished.Id] = finished;
                _running = null;
                break;
            case ProcessCrashing crash:
                _crash = crash;
                break;
            case RoundDone round:
                _rounds.Add(round);
                break;
            case RunDone:
                Done = true;
                break;
            default:
                _stray.Add(line);
                break;
        }
    }

    public HostRun ToRun(string errors) => new(_path, _results, _crash, _hung, Done, errors, _stray, _rounds);
}
