namespace ThreadingKoans.PathModel;

/// <summary>
/// A run of koans read from its events (<see cref="HostEvent"/> lines), whoever carried them: the koan host's
/// standard output for the runner, the run's events file for the <c>dotnet test</c> logger. Both front doors
/// make their <see cref="HostRun"/>, and so their verdict, here.
/// </summary>
internal sealed class RunEvents
{
    private readonly Dictionary<string, KoanFinished> _results = [];
    private readonly List<string> _stray = [];
    private readonly List<RoundDone> _rounds = [];
    private IReadOnlyList<KoanInfo> _path = [];
    private Dictionary<string, KoanInfo> _byId = [];
    private KoanInfo? _running;
    private KoanInfo? _hung;
    private ProcessCrashing? _crash;

    /// <summary>Whether the run said it was done.</summary>
    public bool Done { get; private set; }

    /// <summary>The koan that started and has not finished, if one has.</summary>
    public KoanInfo? Running => _running;

    /// <summary>The koan running now or else the first still without a result, if the path is known.</summary>
    public KoanInfo? Current => _running ?? _path.FirstOrDefault(koan => !_results.ContainsKey(koan.Id));

    /// <summary>The events of every line of <paramref name="lines"/>, read in order.</summary>
    public static RunEvents Of(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var events = new RunEvents();
        foreach (var line in lines)
        {
            events.See(line);
        }

        return events;
    }

    /// <summary>Reads one line: an event, or a line the koans printed outside any koan.</summary>
    public void See(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
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

    /// <summary>The process stopped answering: the koan running, or else the first still without a result, is to blame.</summary>
    public void GaveUp() => _hung = Current;

    /// <summary>The run as read so far, with what the process wrote to standard error.</summary>
    /// <param name="errors">What the process wrote to standard error.</param>
    /// <param name="completed">Whether the run came to its end; by default, whether it said it was done.</param>
    public HostRun ToRun(string errors, bool? completed = null) =>
        new(_path, _results, _crash, _hung, completed ?? Done, errors, _stray, _rounds);
}
