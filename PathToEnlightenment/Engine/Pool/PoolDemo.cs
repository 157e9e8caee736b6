using System.Diagnostics;
using System.Reflection;

namespace ThreadingKoans.Engine.Pool;

/// <summary>
/// The original threading demo, reborn: pages to crawl arrive faster than two workers can fetch them, the
/// queue passes 10, the pool grows, and every few moments a <see cref="DemoFrame"/> reports the queue, the
/// workers and the counts. The "fetch" of a page is a short sleep, as a download would be: it is the
/// work, not a way of ordering anything.
/// </summary>
public static class PoolDemo
{
    /// <summary>Jobs per second while pages pour in, and after.</summary>
    private const int RushRate = 100;
    private const int CalmRate = 12;

    /// <summary>How often a frame is sent.</summary>
    public static TimeSpan FrameEvery { get; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs the demo for about <paramref name="length"/> and sends its frames.</summary>
    /// <param name="assembly">The koans whose <c>WorkerPool</c> is shown.</param>
    /// <param name="length">How long pages keep arriving; the demo then waits for the pool to finish them.</param>
    /// <param name="send">Where frames go.</param>
    public static void Run(Assembly assembly, TimeSpan length, Action<HostEvent> send)
    {
        ArgumentNullException.ThrowIfNull(send);
        using var pool = LearnerPool.Create(assembly, new Dictionary<string, object?>
        {
            ["MinWorkers"] = 2,
            ["MaxWorkers"] = 12,
            ["GrowWhenQueueOver"] = 10,
        });
        var clock = Stopwatch.StartNew();
        var submitted = 0L;
        Exception? refused = null;
        var producer = new Thread(() =>
        {
            var random = new Random(2026);
            try
            {
                while (clock.Elapsed < length)
                {
                    var page = Interlocked.Increment(ref submitted);
                    var fetch = TimeSpan.FromMilliseconds(random.Next(40, 90));
                    pool.Submit(() => Fetch(page, fetch));
                    var rate = clock.Elapsed < length * 0.4 ? RushRate : CalmRate;
                    Thread.Sleep(TimeSpan.FromSeconds(1.0 / rate));
                }
            }
            catch (Exception exception) when (exception is InvalidOperationException or NotImplementedException or BlankException)
            {
                refused = exception;
            }
        })
        {
            IsBackground = true,
            Name = "demo producer",
        };
        producer.Start();

        DemoFrame Frame(bool finished) => new(clock.Elapsed.TotalSeconds, Interlocked.Read(ref submitted), pool.Snapshot(), finished);
        var giveUp = length + TimeSpan.FromSeconds(10);
        while (producer.IsAlive && clock.Elapsed < giveUp)
        {
            send(Frame(finished: false));
            producer.Join(FrameEvery);
        }

        if (refused is not null)
        {
            throw new InvalidOperationException($"The pool refused a job: {refused.Message}", refused);
        }

        while (!pool.WaitForIdle(FrameEvery) && clock.Elapsed < giveUp)
        {
            send(Frame(finished: false));
        }

        send(Frame(finished: true));
    }

    private static void Fetch(long page, TimeSpan fetch)
    {
        Thread.Sleep(fetch);
        if (page % 37 == 0)
        {
            throw new IOException($"page {page}: not found");
        }
    }
}
