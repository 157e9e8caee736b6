using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ThreadingKoans.Engine.Web;

/// <summary>
/// A real web site on loopback: ASP.NET Core's Kestrel, from the SDK's shared framework, on
/// <c>127.0.0.1</c> and a free port. It serves the tea house (<see cref="TeaHouse"/>), a small site with
/// every trap a crawler meets, and, when asked, a generated site of <see cref="SiteOptions.Pages"/> pages
/// under <c>/pages/</c>. A koan decides when a fetch is in flight with <see cref="Hold"/>; the site
/// counts what it was asked for, and <see cref="DisposeAsync"/> always stops it, within a bounded time.
/// </summary>
public sealed class LoopbackSite : IAsyncDisposable, IDisposable
{
    /// <summary>The largest a request may stay held once the site stops: held requests are let go then.</summary>
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(2);

    private readonly WebApplication _app;
    private readonly SiteOptions _options;
    private readonly ConcurrentDictionary<string, PageHold> _holds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _userAgents = new();
    private readonly ConcurrentDictionary<string, byte> _connections = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _inFlight;
    private int _mostInFlight;
    private int _served;
    private long _latencyTicks;
    private int _disposed;

    private LoopbackSite(WebApplication app, SiteOptions options)
    {
        _app = app;
        _options = options;
        _latencyTicks = options.Latency.Ticks;
    }

    /// <summary>The site's root, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Root { get; private set; } = null!;

    /// <summary>The host and port every page of the site shares, as a link names it: <c>127.0.0.1:port</c>.</summary>
    public string Authority => Root.Authority;

    /// <summary>How long the server takes over every answer: the time a page spends on the wire, not a way of ordering anything.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    /// <summary>Requests answered (or still being answered) since the last <see cref="ResetCounts"/>.</summary>
    public int Served => Volatile.Read(ref _served);

    /// <summary>Requests the server is answering right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most requests the server answered at one time since the last <see cref="ResetCounts"/>.</summary>
    public int MostInFlight => Volatile.Read(ref _mostInFlight);

    /// <summary>The TCP connections requests came on since the last <see cref="ResetCounts"/>: a client that keeps its connections reuses them.</summary>
    public int Connections => _connections.Count;

    /// <summary>Every User-Agent the site was sent, in order, since the last <see cref="ResetCounts"/>.</summary>
    public IReadOnlyList<string> UserAgents => [.. _userAgents];

    /// <summary>Starts a site on a free loopback port and returns once it answers.</summary>
    /// <param name="options">The generated pages and the latency; the tea house alone, at once, by default.</param>
    public static async Task<LoopbackSite> StartAsync(SiteOptions? options = null)
    {
        options ??= new SiteOptions();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = null;
        });
        var app = builder.Build();
        var site = new LoopbackSite(app, options);
        app.Run(site.AnswerAsync);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await app.StartAsync(limit.Token).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        site.Root = new Uri(address.EndsWith('/') ? address : address + "/");
        return site;
    }

    /// <summary>Starts a site and waits, at most ten seconds, until it answers.</summary>
    public static LoopbackSite Start(SiteOptions? options = null)
    {
        var start = StartAsync(options);
        if (!start.Wait(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("the loopback web site did not start within 10 seconds");
        }

        return start.Result;
    }

    /// <summary>The absolute address of <paramref name="path"/> on this site: <c>Page("/menu/")</c>.</summary>
    public Uri Page(string path) => new(Root, path);

    /// <summary>How many times <paramref name="path"/> was asked for since the last <see cref="ResetCounts"/>.</summary>
    public int Requests(string path) => _requests.GetValueOrDefault(path);

    /// <summary>Every path asked for at least once since the last <see cref="ResetCounts"/>, in ordinal order.</summary>
    public IReadOnlyList<string> RequestedPaths => [.. _requests.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Holds every request for <paramref name="path"/> (from now until it is released) open: the server
    /// has the request and answers it only when the koan says so, or when the client gives up.
    /// </summary>
    public PageHold Hold(string path)
    {
        var hold = new PageHold(path);
        if (!_holds.TryAdd(path, hold))
        {
            throw new InvalidOperationException($"{path} is already held");
        }

        return hold;
    }

    /// <summary>Forgets the counts, the answers of the page that is busy twice, and lets every held page go.</summary>
    public void ResetCounts()
    {
        ReleaseHolds();
        _requests.Clear();
        _userAgents.Clear();
        _connections.Clear();
        Volatile.Write(ref _served, 0);
        Volatile.Write(ref _mostInFlight, Volatile.Read(ref _inFlight));
    }

    /// <summary>Stops the server; held requests are let go first. Never takes much more than two seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        ReleaseHolds();
        using var limit = new CancellationTokenSource(StopLimit);
        try
        {
            await _app.StopAsync(limit.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _stopping.Dispose();
        }
    }

    /// <summary>Stops the server, as <see cref="DisposeAsync"/> does, from code that cannot await.</summary>
    public void Dispose()
    {
        var stop = DisposeAsync().AsTask();
        if (!stop.Wait(StopLimit * 2))
        {
            throw new TimeoutException("the loopback web site did not stop within 4 seconds");
        }
    }

    private void ReleaseHolds()
    {
        foreach (var path in _holds.Keys)
        {
            if (_holds.TryRemove(path, out var hold))
            {
                hold.Release();
            }
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _requests.AddOrUpdate(path, 1, (_, count) => count + 1);
        _userAgents.Enqueue(context.Request.Headers.UserAgent.ToString());
        _connections.TryAdd(context.Connection.Id, 0);
        Interlocked.Increment(ref _served);
        var now = Interlocked.Increment(ref _inFlight);
        int most;
        while (now > (most = Volatile.Read(ref _mostInFlight)) && Interlocked.CompareExchange(ref _mostInFlight, now, most) != most)
        {
        }

        try
        {
            using var gone = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            if (_holds.TryGetValue(path, out var hold))
            {
                await hold.HoldAsync(gone.Token).ConfigureAwait(false);
            }

            var latency = Latency;
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, gone.Token).ConfigureAwait(false);
            }

            var page = TeaHouse.Answer(path, Requests(path), Root) ?? GeneratedPage(path);
            context.Response.StatusCode = page.Status;
            if (page.Location is { } location)
            {
                context.Response.Headers.Location = location;
            }

            context.Response.ContentType = page.ContentType;
            await context.Response.Body.WriteAsync(page.Body, gone.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            // The client gave up on a held or slow page, or the site is stopping: nobody is left to answer.
            context.Abort();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary><c>/pages/N</c>: links to the next <see cref="SiteOptions.FanOut"/> pages of the tree and back to the first.</summary>
    private SitePage GeneratedPage(string path)
    {
        const string Prefix = "/pages/";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal)
            || !int.TryParse(path.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number >= _options.Pages)
        {
            return SitePage.NotFound;
        }

        var links = Enumerable.Range(number * _options.FanOut + 1, _options.FanOut)
            .Where(child => child < _options.Pages)
            .Select(child => string.Create(CultureInfo.InvariantCulture, $"/pages/{child}"))
            .Append("/pages/0");
        if (_options.BrokenLinkEvery > 0 && number % _options.BrokenLinkEvery == _options.BrokenLinkEvery - 1)
        {
            links = links.Append(string.Create(CultureInfo.InvariantCulture, $"/pages/gone-{number}"));
        }

        return SitePage.Html(string.Create(CultureInfo.InvariantCulture, $"Page {number}"), links);
    }
}

/// <summary>What a <see cref="LoopbackSite"/> serves beside the tea house, and how fast.</summary>
public sealed record SiteOptions
{
    /// <summary>Generated pages, <c>/pages/0</c> to <c>/pages/{Pages - 1}</c>, every one reachable from <c>/pages/0</c>.</summary>
    public int Pages { get; init; }

    /// <summary>How many new pages each generated page links to.</summary>
    public int FanOut { get; init; } = 4;

    /// <summary>How long the server takes over every answer.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>
    /// When above zero, every generated page whose number is one less than a multiple of it (with 37: pages
    /// 36, 73, …) also links to <c>/pages/gone-N</c>, a page that is not there (404). Zero by default: no broken links.
    /// </summary>
    public int BrokenLinkEvery { get; init; }
}

/// <summary>Requests for one path, held open until the koan lets them go.</summary>
public sealed class PageHold
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;

    internal PageHold(string path) => Path = path;

    /// <summary>The path held.</summary>
    public string Path { get; }

    /// <summary>Completes when the first request for the path has reached the server and is being held.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Requests for the path the server holds now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Lets every held request for the path, and every later one, be answered.</summary>
    public void Release() => _released.TrySetResult();

    internal async Task HoldAsync(CancellationToken gone)
    {
        Interlocked.Increment(ref _waiting);
        _arrived.TrySetResult();
        try
        {
            await _released.Task.WaitAsync(gone).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }
}

/// <summary>One answer of the site.</summary>
internal sealed record SitePage(int Status, string ContentType, byte[] Body, string? Location = null)
{
    public static SitePage NotFound { get; } = new(404, "text/html; charset=utf-8", Encoding.UTF8.GetBytes("<!doctype html><title>Not here</title><p>No such page."));

    public static SitePage Html(string title, IEnumerable<string> links, int status = 200)
    {
        var html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(title)).Append("</title></head><body><h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1><ul>");
        foreach (var link in links)
        {
            html.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(link)).Append("\">").Append(WebUtility.HtmlEncode(link)).Append("</a></li>");
        }

        return new(status, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html.Append("</ul></body></html>").ToString()));
    }

    public static SitePage Redirect(string location) => new(301, "text/html; charset=utf-8", [], location);
}
