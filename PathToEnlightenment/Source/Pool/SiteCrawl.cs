using System.Collections.Concurrent;
using ThreadingKoans.Engine.Web;

namespace ThreadingKoans.Runner.Pool;

/// <summary>
/// One crawl of a site, shared by whoever runs its fetches (a pool of threads, the ThreadPool, an async
/// pool, <c>Parallel.ForEachAsync</c>): one <see cref="HttpClient"/>, a set of the pages already found so
/// that each is fetched once, and the counts. A fetch reads a page, finds its links with
/// <see cref="PageLinks.OnSite"/> and hands each new one to <c>follow</c>, which queues its fetch.
/// </summary>
internal sealed class SiteCrawl : IDisposable
{
    private readonly HttpClient _client;
    private readonly ConcurrentDictionary<Uri, byte> _found = new();
    private long _fetched;
    private long _failed;
    private int _inFlight;

    /// <summary>A crawl with a client of its own, which keeps its connections to the site open between fetches.</summary>
    public SiteCrawl()
    {
        _client = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("ThreadingKoansBench/1.0");
    }

    /// <summary>Pages found so far (each fetched once): fetched, failed, in flight or queued.</summary>
    public long Found => _found.Count;

    /// <summary>Pages fetched whole, with a 2xx answer.</summary>
    public long Fetched => Interlocked.Read(ref _fetched);

    /// <summary>Pages whose fetch failed: an error answer or a broken connection.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Fetches begun and not ended.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Marks <paramref name="page"/> found; false when it was found before, and must not be fetched again.</summary>
    public bool Find(Uri page) => _found.TryAdd(page, 0);

    /// <summary>
    /// Fetches <paramref name="page"/> on this thread, blocking it until the page is read (<see cref="HttpClient.Send(HttpRequestMessage)"/>),
    /// and hands every link not found before to <paramref name="follow"/>. A failure is counted, then thrown on.
    /// </summary>
    public void Fetch(Uri page, Action<Uri> follow)
    {
        ArgumentNullException.ThrowIfNull(follow);
        Interlocked.Increment(ref _inFlight);
        try
        {
            string html;
            Uri from;
            using (var request = new HttpRequestMessage(HttpMethod.Get, page))
            using (var response = _client.Send(request, HttpCompletionOption.ResponseContentRead))
            {
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(response.Content.ReadAsStream());
                html = reader.ReadToEnd();
                from = response.RequestMessage?.RequestUri ?? page;
            }

            Follow(from, html, follow);
        }
        catch
        {
            Interlocked.Increment(ref _failed);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Fetches <paramref name="page"/> without holding a thread while it waits, as <see cref="Fetch"/> does otherwise.</summary>
    public async Task FetchAsync(Uri page, Action<Uri> follow)
    {
        ArgumentNullException.ThrowIfNull(follow);
        Interlocked.Increment(ref _inFlight);
        try
        {
            using var response = await _client.GetAsync(page).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var html = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            Follow(response.RequestMessage?.RequestUri ?? page, html, follow);
        }
        catch
        {
            Interlocked.Increment(ref _failed);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>
    /// Fetches <paramref name="page"/> once each way, blocking and awaited, and finds its links, without
    /// counting it or marking anything found: the code of a fetch is compiled before the clock starts.
    /// </summary>
    public void WarmUp(Uri page)
    {
        using (var request = new HttpRequestMessage(HttpMethod.Get, page))
        using (var response = _client.Send(request))
        using (var reader = new StreamReader(response.Content.ReadAsStream()))
        {
            PageLinks.OnSite(page, reader.ReadToEnd());
        }

        PageLinks.OnSite(page, _client.GetStringAsync(page).GetAwaiter().GetResult());
    }

    /// <summary>
    /// Crawls from <paramref name="start"/> (already found) on <paramref name="pool"/>: each page's job fetches it and
    /// submits the pages it finds. The task ends once no page is pending, fetched or waiting.
    /// </summary>
    public Task OnAsyncPool(LearnerAsyncPool pool, Uri start)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var pending = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Follow(Uri page)
        {
            Interlocked.Increment(ref pending);
            pool.Submit(async () =>
            {
                try
                {
                    await FetchAsync(page, Follow).ConfigureAwait(false);
                }
                finally
                {
                    if (Interlocked.Decrement(ref pending) == 0)
                    {
                        done.TrySetResult();
                    }
                }
            });
        }

        Follow(start);
        return done.Task;
    }

    /// <summary>Lets the client's connections go.</summary>
    public void Dispose() => _client.Dispose();

    private void Follow(Uri from, string html, Action<Uri> follow)
    {
        foreach (var link in PageLinks.OnSite(from, html))
        {
            if (Find(link))
            {
                follow(link);
            }
        }

        Interlocked.Increment(ref _fetched);
    }
}
