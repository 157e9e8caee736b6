using System.Reflection;
using System.Threading.Channels;

namespace ThreadingKoans.Runner.Pool;

/// <summary>
/// The four ways the benchmark crawls a site, each allowed <see cref="AtOnce"/> fetches at a time: the
/// pool of threads from the koans (blocking fetches), the .NET ThreadPool (blocking fetches), the async
/// pool from the koans (awaited fetches) and <c>Parallel.ForEachAsync</c> (awaited fetches). Each ends when
/// nothing is queued and nothing is in flight.
/// </summary>
internal static class CrawlContenders
{
    /// <summary>The fetches every contender may have in flight at once.</summary>
    public const int AtOnce = 16;

    /// <summary>The contenders, by the name the command line uses.</summary>
    public static IReadOnlyList<string> Names { get; } = ["pool", "threadpool", "async-pool", "parallel-foreach"];

    /// <summary>How long a crawl may take before it is given up.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>Crawls from <paramref name="start"/> with <paramref name="contender"/> until every page found has been fetched.</summary>
    /// <param name="assembly">The koans whose pools compete.</param>
    /// <param name="contender">One of <see cref="Names"/>.</param>
    /// <param name="crawl">The crawl: its client, its set of pages found and its counts.</param>
    /// <param name="start">The first page.</param>
    public static void Run(Assembly assembly, string contender, SiteCrawl crawl, Uri start)
    {
        ArgumentNullException.ThrowIfNull(crawl);
        crawl.Find(start);
        switch (contender)
        {
            case "pool":
                WithPool(assembly, crawl, start);
                break;
            case "threadpool":
                WithThreadPool(crawl, start);
                break;
            case "async-pool":
                WithAsyncPool(assembly, crawl, start).GetAwaiter().GetResult();
                break;
            case "parallel-foreach":
                WithParallelForEach(crawl, start).GetAwaiter().GetResult();
                break;
            default:
                throw new ArgumentException($"unknown crawl contender {contender}; known: {string.Join(", ", Names)}", nameof(contender));
        }
    }

    /// <summary>The koans' <c>WorkerPool</c> (2 to 16 workers, growing when more than 10 pages wait): each fetch submits the pages it finds.</summary>
    private static void WithPool(Assembly assembly, SiteCrawl crawl, Uri start)
    {
        using var pool = LearnerPool.Create(assembly, PoolBenchmark.PoolShape);
        void Follow(Uri page) => pool.Submit(() => crawl.Fetch(page, Follow));
        Follow(start);

        // A fetch submits what it found before it ends, so the pool is idle only when nothing is queued or in flight.
        if (!pool.WaitForIdle(Limit))
        {
            throw new TimeoutException($"the pool did not finish the crawl in {Limit.TotalMinutes} minutes");
        }
    }

    /// <summary>
    /// The .NET ThreadPool with blocking fetches, at most <see cref="AtOnce"/> queued to it at a time (the rest
    /// wait in a queue of the crawl's own), its minimum of threads raised to <see cref="AtOnce"/> so that it
    /// need not discover, a thread every half second, that its threads block.
    /// </summary>
    private static void WithThreadPool(SiteCrawl crawl, Uri start)
    {
        ThreadPool.GetMinThreads(out var workers, out var ports);
        ThreadPool.SetMinThreads(Math.Max(workers, AtOnce), ports);
        var waiting = new Queue<Uri>();
        var gate = new Lock();
        var running = 0;
        using var done = new ManualResetEventSlim();

        void Dispatch()
        {
            // Called with the gate held.
            while (running < AtOnce && waiting.TryDequeue(out var page))
            {
                running++;
                ThreadPool.UnsafeQueueUserWorkItem(_ => Fetch(page), null);
            }

            if (running == 0 && waiting.Count == 0)
            {
                done.Set();
            }
        }

        void Follow(Uri page)
        {
            lock (gate)
            {
                waiting.Enqueue(page);
            }
        }

        void Fetch(Uri page)
        {
            try
            {
                crawl.Fetch(page, Follow);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException)
            {
                // Counted by the crawl.
            }
            finally
            {
                lock (gate)
                {
                    running--;
                    Dispatch();
                }
            }
        }

        lock (gate)
        {
            waiting.Enqueue(start);
            Dispatch();
        }

        if (!done.Wait(Limit))
        {
            throw new TimeoutException($"the ThreadPool did not finish the crawl in {Limit.TotalMinutes} minutes");
        }
    }

    /// <summary>The koans' <c>AsyncWorkerPool</c> with <see cref="AtOnce"/> readers: each fetch submits the pages it finds.</summary>
    private static async Task WithAsyncPool(Assembly assembly, SiteCrawl crawl, Uri start)
    {
        using var pool = LearnerAsyncPool.Create(assembly, AtOnce);
        await crawl.OnAsyncPool(pool, start).WaitAsync(Limit).ConfigureAwait(false);
        await pool.CompleteAsync().WaitAsync(Limit).ConfigureAwait(false);
    }

    /// <summary><c>Parallel.ForEachAsync</c> over a channel of the pages found, <see cref="AtOnce"/> at a time.</summary>
    private static async Task WithParallelForEach(SiteCrawl crawl, Uri start)
    {
        var found = Channel.CreateUnbounded<Uri>();
        var pending = 0;

        void Follow(Uri page)
        {
            Interlocked.Increment(ref pending);
            found.Writer.TryWrite(page);
        }

        Follow(start);
        using var limit = new CancellationTokenSource(Limit);
        var options = new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = limit.Token };
        await Parallel.ForEachAsync(found.Reader.ReadAllAsync(limit.Token), options, async (page, _) =>
        {
            try
            {
                await crawl.FetchAsync(page, Follow).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException)
            {
                // Counted by the crawl; a failed page must not end the loop.
            }
            finally
            {
                if (Interlocked.Decrement(ref pending) == 0)
                {
                    found.Writer.TryComplete();
                }
            }
        }).ConfigureAwait(false);
    }
}
