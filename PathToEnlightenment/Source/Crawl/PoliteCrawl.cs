using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

using ThreadingKoans.Engine;
using ThreadingKoans.Engine.Web;

namespace ThreadingKoans.Runner.Crawl;

/// <summary>What came of one page of a crawl.</summary>
internal enum CrawlOutcome
{
    /// <summary>An HTML page, read (perhaps cut at the cap) and its links followed.</summary>
    Page,

    /// <summary>An answer that is not HTML: not read.</summary>
    NotHtml,

    /// <summary>A redirect the crawl did not follow here: to a page already in the crawl, off the site, forbidden, or over the budget.</summary>
    Redirect,

    /// <summary>No page: an error status, no answer, a redirect loop.</summary>
    Failed,
}

/// <summary>Why a crawl ended.</summary>
internal enum CrawlEnd
{
    /// <summary>Every page it found was crawled.</summary>
    Done,

    /// <summary>The page budget was spent; the frontier still held pages.</summary>
    Budget,

    /// <summary>The crawl ran out of time.</summary>
    TimeLimit,

    /// <summary>The start could not be crawled (see <see cref="CrawlEnded.Problem"/>).</summary>
    StartFailed,

    /// <summary>The learner's pool refused a job or stopped taking them.</summary>
    PoolFailed,
}

/// <summary>A crawl's counts.</summary>
/// <param name="Fetched">HTML pages fetched.</param>
/// <param name="NotHtml">Answers that were not HTML.</param>
/// <param name="Failed">Pages that failed.</param>
/// <param name="Frontier">Pages found and not crawled (yet): queued, in flight, or over the budget.</param>
/// <param name="KeptOut">Links robots.txt kept the crawl from.</param>
/// <param name="MostInFlight">The most requests the crawl had in flight at once.</param>
/// <param name="Seconds">Since the crawl began.</param>
internal sealed record CrawlTally(int Fetched, int NotHtml, int Failed, int Frontier, int KeptOut, int MostInFlight, double Seconds);

/// <summary>How a polite crawl behaves.</summary>
internal sealed record CrawlOptions
{
    /// <summary>Pages the crawl asks for at most (robots.txt and retries of a busy page aside).</summary>
    public int Pages { get; init; } = 100;

    /// <summary>Requests in flight at once, at most: the pool's workers (or readers), and a gate besides.</summary>
    public int MaxInFlight { get; init; } = 2;

    /// <summary>How long one request may take, answer and body.</summary>
    public TimeSpan PageTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the whole crawl may take.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How much of a page is read at most; the rest is cut.</summary>
    public int MaxPageBytes { get; init; } = 1024 * 1024;

    /// <summary>Use the learner's <c>AsyncWorkerPool</c> (awaited requests) instead of their <c>WorkerPool</c> (blocking ones).</summary>
    public bool Async { get; init; }
}

/// <summary>
/// A polite crawl of a site, run by the learner's own pool: every page is a job. It stays on the start's
/// host and port, honours robots.txt, has at most <see cref="CrawlOptions.MaxInFlight"/> requests in flight,
/// asks for at most <see cref="CrawlOptions.Pages"/> pages, says who it is (<see cref="UserAgent"/>), bounds
/// every request, and reports each page as a <see cref="CrawlPage"/>.
/// </summary>
internal sealed class PoliteCrawl : IDisposable
{
    /// <summary>The product token robots.txt groups are matched against.</summary>
    public const string AgentToken = "ThreadingKoans";

    /// <summary>The User-Agent every request sends: who is crawling, and how.</summary>
    public const string UserAgent = AgentToken + "/1.0 (+a learner's polite crawler from the ThreadingKoans koans: it honours robots.txt and asks for little at once)";

    private const int MaxRedirects = 5;
    private const int BusyRetries = 2;
    private const int MaxRobotsBytes = 500 * 1024;

    private readonly Uri _start;
    private readonly CrawlOptions _options;
    private readonly Action<PoolEvent> _send;
    private readonly HttpClient _client;
    private readonly SemaphoreSlim _gate;
    private readonly CancellationTokenSource _stop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private readonly HashSet<Uri> _claimed = [];
    private readonly HashSet<Uri> _unvisited = [];
    private readonly HashSet<Uri> _keptOut = [];
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RobotsTxt _robots = RobotsTxt.AllowAll;
    private Action<Uri> _submit = _ => throw new InvalidOperationException("The crawl has no pool yet.");
    private int _pending;
    private bool _budgetSpent;
    private bool _timeUp;
    private int _fetched;
    private int _notHtml;
    private int _failed;
    private int _inFlight;
    private int _mostInFlight;
    private long _lastActivity;
    private string? _startProblem;
    private string? _poolProblem;

    private PoliteCrawl(Uri start, CrawlOptions options, Action<PoolEvent> send, CancellationToken cancel)
    {
        _start = new UriBuilder(start) { Fragment = "" }.Uri;
        _options = options;
        _send = send;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        _stop.CancelAfter(options.TimeLimit);
        _gate = new SemaphoreSlim(options.MaxInFlight);
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = options.PageTimeout,
            MaxConnectionsPerServer = options.MaxInFlight,
            AutomaticDecompression = DecompressionMethods.All,
        })
        {
            Timeout = options.PageTimeout + TimeSpan.FromSeconds(1),
        };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9,*/*;q=0.1");
    }

    /// <summary>
    /// Crawls from <paramref name="start"/> with the pool of <paramref name="assembly"/> and reports a
    /// <see cref="CrawlBegun"/>, a <see cref="CrawlPage"/> per page and a <see cref="CrawlEnded"/>.
    /// </summary>
    /// <param name="assembly">The built koans whose <c>WorkerPool</c> (or <c>AsyncWorkerPool</c>) fetches the pages.</param>
    /// <param name="start">An http or https address.</param>
    /// <param name="options">How politely.</param>
    /// <param name="send">Where the reports go.</param>
    /// <param name="cancel">Stops the crawl: requests in flight are abandoned.</param>
    public static void Run(Assembly assembly, Uri start, CrawlOptions options, Action<PoolEvent> send, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(send);
        if (start.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"A crawl starts from an http or https address, not {start}.", nameof(start));
        }

        using var crawl = new PoliteCrawl(start, options, send, cancel);
        var (end, problem) = crawl.Crawl(assembly);
        send(new CrawlEnded(end, problem, crawl.Tally()));
    }

    /// <summary>Lets go of the client and the timers.</summary>
    public void Dispose()
    {
        _client.Dispose();
        _stop.Dispose();
        _gate.Dispose();
    }

    private (CrawlEnd End, string? Problem) Crawl(Assembly assembly)
    {
        if (ReadRobots() is { } robotsProblem)
        {
            return (CrawlEnd.StartFailed, robotsProblem);
        }

        if (!_robots.Allows(_start))
        {
            return (CrawlEnd.StartFailed, $"robots.txt forbids {_start.PathAndQuery} to crawlers like this one: nothing to crawl.");
        }

        IDisposable pool;
        try
        {
            if (_options.Async)
            {
                var readers = LearnerAsyncPool.Create(assembly, _options.MaxInFlight);
                _submit = address => readers.Submit(() => CrawlPageAsync(address, blocking: false).AsTask());
                pool = readers;
            }
            else
            {
                var workers = LearnerPool.Create(assembly, new Dictionary<string, object?>
                {
                    ["MinWorkers"] = _options.MaxInFlight,
                    ["MaxWorkers"] = _options.MaxInFlight,
                    ["GrowWhenQueueOver"] = 10,
                });
                _submit = address => workers.Submit(() => CrawlPageAsync(address, blocking: true).AsTask().GetAwaiter().GetResult());
                pool = workers;
            }
        }
        catch (Exception exception) when (IsPoolRefusal(exception))
        {
            return (CrawlEnd.PoolFailed, $"Your pool could not be made: {exception.Message}");
        }

        using (pool)
        {
            Discover(_start);
            WaitUntilIdle();
        }

        lock (_lock)
        {
            if (_poolProblem is { } poolProblem)
            {
                return (CrawlEnd.PoolFailed, poolProblem);
            }

            if (_startProblem is { } startProblem)
            {
                return (CrawlEnd.StartFailed, startProblem);
            }

            return _timeUp ? (CrawlEnd.TimeLimit, null)
                : _budgetSpent ? (CrawlEnd.Budget, null)
                : (CrawlEnd.Done, null);
        }
    }

    /// <summary>Waits until no page is pending, the time is up, or no job has moved for a long while.</summary>
    private void WaitUntilIdle()
    {
        var stall = (_options.PageTimeout * (BusyRetries + 1)) + TimeSpan.FromSeconds(10);
        Touch();
        while (!_idle.Task.IsCompleted)
        {
            try
            {
                _idle.Task.Wait(TimeSpan.FromMilliseconds(250), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                _timeUp = true;
                break;
            }

            if (Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastActivity)) > stall)
            {
                lock (_lock)
                {
                    _poolProblem ??= $"Your pool ran no job for {stall.TotalSeconds:0} s while {_pending} waited: are its workers taking jobs from the queue?";
                }

                break;
            }
        }

        // Time is up (or the pool stalled): what is in flight is abandoned, and a job still queued ends at once.
        _stop.Cancel();
        _idle.Task.Wait(TimeSpan.FromSeconds(3));
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivity, Stopwatch.GetTimestamp());

    /// <summary>The counts now; <paramref name="finishing"/> pages about to be no longer pending are not in the frontier.</summary>
    private CrawlTally Tally(int finishing = 0)
    {
        lock (_lock)
        {
            return new CrawlTally(_fetched, _notHtml, _failed, _pending - finishing + _unvisited.Count, _keptOut.Count, Volatile.Read(ref _mostInFlight), _clock.Elapsed.TotalSeconds);
        }
    }

    /// <summary>A link the crawl found: claimed and given to the pool when it is new, allowed and within the budget.</summary>
    /// <returns>Whether it was given to the pool.</returns>
    private bool Discover(Uri address)
    {
        lock (_lock)
        {
            if (_claimed.Contains(address) || _poolProblem is not null || _stop.IsCancellationRequested)
            {
                return false;
            }

            if (!_robots.Allows(address))
            {
                _keptOut.Add(address);
                return false;
            }

            if (_claimed.Count >= _options.Pages)
            {
                _budgetSpent = true;
                _unvisited.Add(address);
                return false;
            }

            _claimed.Add(address);
            _pending++;
        }

        try
        {
            _submit(address);
            return true;
        }
        catch (Exception exception) when (IsPoolRefusal(exception))
        {
            lock (_lock)
            {
                _poolProblem ??= $"Your pool refused a page: {exception.GetType().Name}: {exception.Message}";
            }

            Finished();
            return false;
        }
    }

    /// <summary>What a redirect to <paramref name="target"/> may do: be followed by this job, or why not.</summary>
    private string? ClaimRedirect(Uri target)
    {
        lock (_lock)
        {
            if (_claimed.Contains(target))
            {
                return "already in the crawl";
            }

            if (!_robots.Allows(target))
            {
                _keptOut.Add(target);
                return "robots.txt forbids it";
            }

            if (_claimed.Count >= _options.Pages)
            {
                _budgetSpent = true;
                _unvisited.Add(target);
                return "over the page budget";
            }

            _claimed.Add(target);
            return null;
        }
    }

    private void Finished()
    {
        Touch();
        lock (_lock)
        {
            if (--_pending == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static bool IsPoolRefusal(Exception exception) =>
        exception is InvalidOperationException or NotImplementedException or BlankException or ArgumentException or ObjectDisposedException or MissingMethodException;

    /// <summary>
    /// One job of the pool: fetches <paramref name="address"/>, follows its redirects on the site, retries it
    /// while the server is busy, gives its links to the frontier, and reports it. It never throws: whatever
    /// goes wrong is the page's outcome. With <paramref name="blocking"/> every call blocks (the pool of
    /// threads, <c>HttpClient.Send</c>) and the task is complete when it returns.
    /// </summary>
    private async ValueTask CrawlPageAsync(Uri address, bool blocking)
    {
        Touch();
        var clock = Stopwatch.StartNew();
        var chain = new List<Uri> { address };
        var current = address;
        CrawlOutcome outcome;
        int? status = null;
        string? note = null;
        int links = 0;
        long bytes = 0;
        string? mediaType = null;
        try
        {
            var attempt = 0;
            while (true)
            {
                _stop.Token.ThrowIfCancellationRequested();
                var answer = await FetchAsync(current, _options.MaxPageBytes, blocking).ConfigureAwait(false);
                status = answer.Problem is null ? answer.Status : null;
                Touch();
                if (answer.Problem is { } problem)
                {
                    (outcome, note) = (CrawlOutcome.Failed, problem);
                    break;
                }

                if (answer.Status is 503 or 429 && attempt < BusyRetries)
                {
                    attempt++;
                    await PauseAsync(TimeSpan.FromMilliseconds(250 * attempt), blocking).ConfigureAwait(false);
                    continue;
                }

                if (answer.Status is >= 300 and < 400)
                {
                    if (answer.Location is not { } location)
                    {
                        (outcome, note) = (CrawlOutcome.Failed, $"a redirect ({answer.Status}) with nowhere to go");
                        break;
                    }

                    var target = new UriBuilder(location) { Fragment = "" }.Uri;
                    if (target.Scheme is not ("http" or "https") || !string.Equals(target.Authority, _start.Authority, StringComparison.OrdinalIgnoreCase))
                    {
                        (outcome, note) = (CrawlOutcome.Redirect, $"→ {target} (off the site: not followed)");
                        break;
                    }

                    if (chain.Contains(target))
                    {
                        (outcome, note) = (CrawlOutcome.Failed, $"a redirect loop: {string.Join(" → ", chain.Append(target).Select(hop => hop.PathAndQuery))}");
                        break;
                    }

                    if (chain.Count > MaxRedirects)
                    {
                        (outcome, note) = (CrawlOutcome.Failed, $"more than {MaxRedirects} redirects in a row");
                        break;
                    }

                    if (ClaimRedirect(target) is { } notFollowed)
                    {
                        (outcome, note) = (CrawlOutcome.Redirect, $"→ {target.PathAndQuery} ({notFollowed})");
                        break;
                    }

                    chain.Add(target);
                    current = target;
                    attempt = 0;
                    continue;
                }

                if (answer.Status is < 200 or >= 300)
                {
                    (outcome, note) = (CrawlOutcome.Failed, $"the server answered {answer.Status} {answer.Reason}".TrimEnd());
                    break;
                }

                var redirected = chain.Count > 1 ? $"→ {current.PathAndQuery}" : null;
                if (answer.Html is not { } html)
                {
                    mediaType = answer.MediaType ?? "no Content-Type";
                    (outcome, note) = (CrawlOutcome.NotHtml, Join(redirected, $"not HTML ({answer.MediaType ?? "no Content-Type"}): not read"));
                    break;
                }

                outcome = CrawlOutcome.Page;
                bytes = answer.Bytes;
                note = Join(redirected, answer.Cut ? $"cut at {Size(_options.MaxPageBytes)}{(answer.Length is { } length ? $" of {Size(length)}" : " (the page is larger)")}: the rest was not read" : null);
                foreach (var link in PageLinks.OnSite(current, html))
                {
                    if (Discover(link))
                    {
                        links++;
                    }
                }

                break;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Not a failure of the page: the crawl stopped before it was done, so it stays in the frontier.
            lock (_lock)
            {
                _unvisited.Add(address);
            }

            Finished();
            return;
        }
        catch (Exception exception)
        {
            (outcome, note) = (CrawlOutcome.Failed, $"{exception.GetType().Name}: {exception.Message}");
        }

        lock (_lock)
        {
            switch (outcome)
            {
                case CrawlOutcome.Page:
                    _fetched++;
                    break;
                case CrawlOutcome.NotHtml:
                    _notHtml++;
                    break;
                case CrawlOutcome.Failed:
                    _failed++;
                    break;
            }

            if (address == _start && outcome != CrawlOutcome.Page)
            {
                _startProblem = outcome switch
                {
                    CrawlOutcome.NotHtml => $"{_start} is not an HTML page ({mediaType}): there are no links to follow.",
                    CrawlOutcome.Redirect => $"{_start} redirects {note}: start from there instead.",
                    _ => $"{_start} could not be crawled: {note}.",
                };
            }
        }

        // The page is reported before it stops being pending: the crawl cannot end (and report its end) first.
        _send(new CrawlPage(address.ToString(), outcome, status, note, links, bytes, clock.Elapsed.TotalMilliseconds, Tally(finishing: 1)));
        Finished();
    }

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : $"{first}; {second}";

    private static string Size(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KB" : $"{bytes} bytes";

    /// <summary>Reads robots.txt; returns why the crawl cannot start, or null.</summary>
    private string? ReadRobots()
    {
        var address = new Uri(_start, "/robots.txt");
        string summary;
        for (var hop = 0; ; hop++)
        {
            Answer answer;
            try
            {
                answer = FetchAsync(address, MaxRobotsBytes, blocking: true, anyType: true).AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                return "the crawl was stopped before it began.";
            }

            if (answer.Problem is { } problem)
            {
                return $"{_start.GetLeftPart(UriPartial.Authority)} could not be reached: {problem}.";
            }

            if (answer.Status is >= 300 and < 400 && answer.Location is { } location && hop < MaxRedirects
                && string.Equals(location.Authority, _start.Authority, StringComparison.OrdinalIgnoreCase))
            {
                address = location;
                continue;
            }

            if (answer.Status is >= 200 and < 300)
            {
                _robots = RobotsTxt.Parse(answer.Html ?? "", AgentToken);
                summary = _robots.Group switch
                {
                    "none" => "robots.txt: nothing for this crawler; every page allowed",
                    "*" => $"robots.txt: {Rules(_robots.Rules.Count)} for every crawler (User-agent: *)",
                    _ => $"robots.txt: {Rules(_robots.Rules.Count)} for {AgentToken} by name",
                };
                break;
            }

            if (answer.Status >= 500)
            {
                _robots = RobotsTxt.DisallowAll;
                return $"robots.txt answered {answer.Status}: a crawler must then keep off the whole site (RFC 9309); try again later.";
            }

            _robots = RobotsTxt.AllowAll;
            summary = $"robots.txt: none ({answer.Status}); every page allowed";
            break;
        }

        _send(new CrawlBegun(_start.ToString(), summary, _robots.Rules));
        return null;

        static string Rules(int count) => count == 1 ? "1 rule" : $"{count} rules";
    }

    /// <summary>Pauses before asking a busy page again; a stop ends the pause at once.</summary>
    private async ValueTask PauseAsync(TimeSpan pause, bool blocking)
    {
        if (blocking)
        {
            _stop.Token.WaitHandle.WaitOne(pause);
        }
        else
        {
            await Task.Delay(pause, _stop.Token).ConfigureAwait(false);
        }

        _stop.Token.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// One request, through the gate: its status and where a redirect goes; for an HTML answer (or any
    /// answer when <paramref name="anyType"/>), its text, read to at most <paramref name="cap"/> bytes.
    /// Network errors and timeouts are a <see cref="Answer.Problem"/>, not an exception.
    /// </summary>
    private async ValueTask<Answer> FetchAsync(Uri address, int cap, bool blocking, bool anyType = false)
    {
        // Waiting for the gate is waiting in line, not for the server: only a stop ends it.
        if (blocking)
        {
            _gate.Wait(_stop.Token);
        }
        else
        {
            await _gate.WaitAsync(_stop.Token).ConfigureAwait(false);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(_options.PageTimeout);

        var now = Interlocked.Increment(ref _inFlight);
        int most;
        while (now > (most = Volatile.Read(ref _mostInFlight)) && Interlocked.CompareExchange(ref _mostInFlight, now, most) != most)
        {
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            using var response = blocking
                ? _client.Send(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                : await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);

            // A blocking read ignores the token: on a timeout, closing the answer ends the read.
            using var abandon = timeout.Token.Register(response.Dispose);
            var status = (int)response.StatusCode;
            var location = response.Headers.Location is { } to ? new Uri(address, to) : null;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var html = mediaType is "text/html" or "application/xhtml+xml";
            if (status is < 200 or >= 300 || !(html || anyType))
            {
                return new Answer(status, response.ReasonPhrase, location, mediaType, null, 0, false, response.Content.Headers.ContentLength, null);
            }

            var stream = blocking
                ? response.Content.ReadAsStream(timeout.Token)
                : await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            var buffer = new byte[Math.Min(cap + 1, 64 * 1024)];
            using var body = new MemoryStream();
            while (body.Length <= cap)
            {
                var read = blocking
                    ? stream.Read(buffer, 0, (int)Math.Min(buffer.Length, cap + 1 - body.Length))
                    : await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, cap + 1 - body.Length)), timeout.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                body.Write(buffer, 0, read);
            }

            timeout.Token.ThrowIfCancellationRequested();
            var cut = body.Length > cap;
            var length = (int)Math.Min(body.Length, cap);
            var text = EncodingOf(response.Content.Headers.ContentType).GetString(body.GetBuffer(), 0, length);
            return new Answer(status, response.ReasonPhrase, location, mediaType, text, length, cut, response.Content.Headers.ContentLength, null);
        }
        catch (Exception exception) when (!_stop.IsCancellationRequested && (timeout.IsCancellationRequested || exception is TaskCanceledException or TimeoutException))
        {
            return Answer.Failed($"no answer within {_options.PageTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception) when (!_stop.IsCancellationRequested)
        {
            return Answer.Failed(Describe(address, exception));
        }
        catch (Exception exception) when (!_stop.IsCancellationRequested && exception is IOException or ObjectDisposedException)
        {
            return Answer.Failed($"the connection broke ({exception.Message})");
        }
        catch (Exception exception) when (_stop.IsCancellationRequested && exception is not OperationCanceledException)
        {
            throw new OperationCanceledException("The crawl was stopped.", exception, _stop.Token);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _gate.Release();
        }
    }

    private static Encoding EncodingOf(MediaTypeHeaderValue? type)
    {
        try
        {
            return type?.CharSet is { Length: > 0 } charset ? Encoding.GetEncoding(charset.Trim('"')) : Encoding.UTF8;
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private static string Describe(Uri address, HttpRequestException exception)
    {
        var socket = exception.InnerException as SocketException;
        return (exception.HttpRequestError, socket?.SocketErrorCode) switch
        {
            (HttpRequestError.NameResolutionError, _) or (_, SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData) =>
                $"no such host as {address.Host} (the name did not resolve)",
            (_, SocketError.ConnectionRefused) => $"nobody listens on {address.Authority} (connection refused)",
            (_, SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable) =>
                $"{address.Host} cannot be reached from here ({socket!.Message})",
            (HttpRequestError.SecureConnectionError, _) => $"the secure connection to {address.Host} failed ({exception.Message})",
            _ => exception.Message,
        };
    }

    /// <summary>What one request brought back.</summary>
    private sealed record Answer(int Status, string? Reason, Uri? Location, string? MediaType, string? Html, long Bytes, bool Cut, long? Length, string? Problem)
    {
        public static Answer Failed(string problem) => new(0, null, null, null, null, 0, false, null, problem);
    }
}
