using System.Diagnostics;
using System.Reflection;

namespace ThreadingKoans.Runner.Pool;

/// <summary>
/// The threading demo: a real crawl of the loopback site. The learner's pool fetches pages with blocking
/// <see cref="HttpClient.Send(HttpRequestMessage)"/> calls from its workers, and every page fetched brings
/// up to four new ones, so pages arrive faster than two workers fetch them: the queue passes 10 and the
/// pool grows. Every few moments a <see cref="DemoFrame"/> reports the queue, the workers and the counts.
/// <see cref="RunAsync"/> crawls the same way with the learner's async pool and sends <see cref="AsyncDemoFrame"/>s.
/// </summary>
internal static class PoolDemo
{
    /// <summary>The option of the engine's <c>demo</c> command that runs <see cref="RunAsync"/>.</summary>
    public const string AsyncOption = "--async";

    /// <summary>The most workers the demo's pool grows to, and the readers of the demo's async pool.</summary>
    public const int MostAtOnce = 12;

    /// <summary>How often a frame is sent.</summary>
    public static TimeSpan FrameEvery { get; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a crawl may take before the demo gives up on it.</summary>
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(3);

    /// <summary>Crawls from <paramref name="start"/> with the koans' <c>WorkerPool</c> (2 to 12 workers) and sends its frames.</summary>
    /// <param name="assembly">The koans whose <c>WorkerPool</c> is shown.</param>
    /// <param name="start">The site's first page.</param>
    /// <param name="send">Where frames go.</param>
    public static void Run(Assembly assembly, Uri start, Action<PoolEvent> send)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(send);
        using var crawl = new SiteCrawl();
        using var pool = LearnerPool.Create(assembly, new Dictionary<string, object?>
        {
            ["MinWorkers"] = 2,
            ["MaxWorkers"] = MostAtOnce,
            ["GrowWhenQueueOver"] = 10,
        });
        var clock = Stopwatch.StartNew();
        DemoFrame Frame(bool finished) => new(clock.Elapsed.TotalSeconds, crawl.Found, pool.Snapshot(), finished);

        // Each fetch submits the pages it finds before it ends: the pool is idle once nothing is queued or in flight.
        void Follow(Uri page) => pool.Submit(() => crawl.Fetch(page, Follow));
        crawl.Find(start);
        Follow(start);
        while (!pool.WaitForIdle(FrameEvery))
        {
            if (clock.Elapsed > GiveUp)
            {
                throw new TimeoutException($"the pool had not finished the crawl after {GiveUp.TotalMinutes} minutes");
            }

            send(Frame(finished: false));
        }

        send(Frame(finished: true));
    }

    /// <summary>Crawls from <paramref name="start"/> with the koans' <c>AsyncWorkerPool</c> (12 readers) and sends its frames.</summary>
    /// <param name="assembly">The koans whose <c>AsyncWorkerPool</c> is shown.</param>
    /// <param name="start">The site's first page.</param>
    /// <param name="send">Where frames go.</param>
    public static void RunAsync(Assembly assembly, Uri start, Action<PoolEvent> send)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(send);
        using var crawl = new SiteCrawl();
        using var pool = LearnerAsyncPool.Create(assembly, MostAtOnce);
        var clock = Stopwatch.StartNew();
        AsyncDemoFrame Frame(bool finished) => new(
            clock.Elapsed.TotalSeconds, crawl.Found, crawl.InFlight, pool.Completed, pool.Failed, PoolBenchmark.PeakThreads.Count(), finished);

        crawl.Find(start);
        var done = crawl.OnAsyncPool(pool, start);
        while (!done.Wait(FrameEvery))
        {
            if (clock.Elapsed > GiveUp)
            {
                throw new TimeoutException($"the async pool had not finished the crawl after {GiveUp.TotalMinutes} minutes");
            }

            send(Frame(finished: false));
        }

        var complete = pool.CompleteAsync();
        if (!complete.Wait(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("the async pool's CompleteAsync did not end within 10 seconds of its last job");
        }

        send(Frame(finished: true));
    }
}
