using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace ThreadingKoans.Runner.Pool;

/// <summary>
/// One measurement of the benchmark: one workload done by one contender, in a process of its own so that
/// no contender inherits another's warm threads.
/// </summary>
internal static class PoolBenchmark
{
    /// <summary>The workloads, by the name the command line uses: jobs that block, tiny jobs, and a crawl of a site.</summary>
    public static IReadOnlyList<string> Workloads { get; } = ["blocking", "tiny", "crawl"];

    /// <summary>The contenders of the blocking and tiny workloads, by the name the command line uses.</summary>
    public static IReadOnlyList<string> Contenders { get; } = ["pool", "threadpool", "thread-per-job"];

    /// <summary>The contenders of a workload (the crawl has its own: <see cref="CrawlContenders.Names"/>).</summary>
    public static IReadOnlyList<string> ContendersOf(string workload) => workload == "crawl" ? CrawlContenders.Names : Contenders;

    /// <summary>How long a blocking job blocks, and the latency of the crawl's site.</summary>
    public static TimeSpan JobWait { get; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Rounds of the tiny jobs in one process, of which the median is kept: a single round is mostly noise.</summary>
    public const int TinyRounds = 3;

    /// <summary>The pool's shape in the benchmark.</summary>
    public static IReadOnlyDictionary<string, object?> PoolShape { get; } = new Dictionary<string, object?>
    {
        ["MinWorkers"] = 2,
        ["MaxWorkers"] = 16,
        ["GrowWhenQueueOver"] = 10,
    };

    /// <summary>Runs <paramref name="workload"/> with <paramref name="contender"/> and sends one <see cref="BenchFigure"/>.</summary>
    /// <param name="assembly">The koans whose <c>WorkerPool</c> (and <c>AsyncWorkerPool</c>) compete.</param>
    /// <param name="workload"><c>blocking</c> (jobs that wait 50 ms), <c>tiny</c> (jobs that add one to a counter) or <c>crawl</c>.</param>
    /// <param name="contender">One of <see cref="ContendersOf"/> the workload.</param>
    /// <param name="jobs">How many jobs; for the crawl, how many pages the site has.</param>
    /// <param name="site">The crawl's first page (on a site whose server takes <see cref="JobWait"/> per answer); null for the other workloads.</param>
    /// <param name="send">Where the figure goes.</param>
    public static void Run(Assembly assembly, string workload, string contender, int jobs, Uri? site, Action<PoolEvent> send)
    {
        ArgumentNullException.ThrowIfNull(send);
        if (workload == "crawl")
        {
            send(Crawl(assembly, contender, jobs, site ?? throw new ArgumentNullException(nameof(site), "the crawl needs a site")));
            return;
        }

        var rounds = workload == "tiny" && contender != "thread-per-job" ? TinyRounds : 1;
        var figures = Enumerable.Range(0, rounds).Select(_ => Jobs(assembly, workload, contender, jobs)).OrderBy(figure => figure.Seconds).ToList();
        var median = figures[figures.Count / 2];
        send(median with
        {
            PeakThreads = figures.Max(figure => figure.PeakThreads),
            Note = rounds > 1 ? string.Create(CultureInfo.InvariantCulture, $"median of {rounds} rounds in one process") : median.Note,
        });
    }

    private static BenchFigure Jobs(Assembly assembly, string workload, string contender, int jobs)
    {
        var done = 0L;
        Action job = workload switch
        {
            "blocking" => () =>
            {
                Thread.Sleep(JobWait);
                Interlocked.Increment(ref done);
            },
            "tiny" => () => Interlocked.Increment(ref done),
            _ => throw new ArgumentException($"unknown workload {workload}; known: {string.Join(", ", Workloads)}", nameof(workload)),
        };

        ThreadPool.GetMinThreads(out var fewestThreads, out _);
        var note = contender == "threadpool" && workload == "blocking"
            ? string.Create(CultureInfo.InvariantCulture, $"ThreadPool minimum left at its default, {fewestThreads} threads; no cap on jobs at once")
            : null;
        int? atOnce = contender switch
        {
            "pool" => (int)PoolShape["MaxWorkers"]!,
            "thread-per-job" => jobs,
            _ => null,
        };
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        using var peak = new PeakThreads();
        var clock = Stopwatch.StartNew();
        switch (contender)
        {
            case "pool":
                using (var pool = LearnerPool.Create(assembly, PoolShape))
                {
                    for (var i = 0; i < jobs; i++)
                    {
                        pool.Submit(job);
                    }

                    if (!pool.WaitForIdle(TimeSpan.FromMinutes(10)))
                    {
                        throw new TimeoutException("the pool did not finish in 10 minutes");
                    }
                }

                break;
            case "threadpool":
                using (var countdown = new CountdownEvent(jobs))
                {
                    for (var i = 0; i < jobs; i++)
                    {
                        Task.Run(() =>
                        {
                            job();
                            countdown.Signal();
                        });
                    }

                    Wait(countdown);
                }

                break;
            case "thread-per-job":
                using (var countdown = new CountdownEvent(jobs))
                {
                    for (var i = 0; i < jobs; i++)
                    {
                        new Thread(() =>
                        {
                            job();
                            countdown.Signal();
                        })
                        {
                            IsBackground = true,
                        }.Start();
                    }

                    Wait(countdown);
                }

                break;
            default:
                throw new ArgumentException($"unknown contender {contender}; known: {string.Join(", ", Contenders)}", nameof(contender));
        }

        clock.Stop();
        if (Interlocked.Read(ref done) != jobs)
        {
            throw new InvalidOperationException($"{contender} reported {jobs} jobs done, but {Interlocked.Read(ref done)} ran");
        }

        return new BenchFigure(workload, contender, jobs, clock.Elapsed.TotalSeconds, peak.Stop(), Environment.ProcessorCount)
        {
            AllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated,
            AtOnce = atOnce,
            JobSeconds = workload == "blocking" ? JobWait.TotalSeconds : 0,
            Note = note,
        };
    }

    private static BenchFigure Crawl(Assembly assembly, string contender, int pages, Uri site)
    {
        ThreadPool.GetMinThreads(out var fewestThreads, out _);
        using var crawl = new SiteCrawl();
        crawl.WarmUp(site);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        using var peak = new PeakThreads();
        var clock = Stopwatch.StartNew();
        CrawlContenders.Run(assembly, contender, crawl, site);
        clock.Stop();
        var threads = peak.Stop();
        if (crawl.Fetched != pages || crawl.Failed != 0)
        {
            throw new InvalidOperationException($"{contender} fetched {crawl.Fetched} pages and failed {crawl.Failed}; the site has {pages}");
        }

        return new BenchFigure("crawl", contender, pages, clock.Elapsed.TotalSeconds, threads, Environment.ProcessorCount)
        {
            AllocatedBytes = GC.GetTotalAllocatedBytes(precise: true) - allocated,
            AtOnce = CrawlContenders.AtOnce,
            JobSeconds = JobWait.TotalSeconds,
            Note = contender == "threadpool"
                ? string.Create(CultureInfo.InvariantCulture, $"ThreadPool minimum raised from {fewestThreads} to {CrawlContenders.AtOnce} threads")
                : null,
        };
    }

    private static void Wait(CountdownEvent countdown)
    {
        if (!countdown.Wait(TimeSpan.FromMinutes(10)))
        {
            throw new TimeoutException($"{countdown.CurrentCount} jobs were still not done after 10 minutes");
        }
    }

    /// <summary>Watches how many threads the process has, every few milliseconds, and keeps the most.</summary>
    internal sealed class PeakThreads : IDisposable
    {
        private readonly Thread _watcher;
        private readonly ManualResetEventSlim _stop = new();
        private int _peak;

        public PeakThreads()
        {
            _peak = Count();
            _watcher = new Thread(() =>
            {
                while (!_stop.Wait(5))
                {
                    _peak = Math.Max(_peak, Count());
                }
            })
            {
                IsBackground = true,
                Name = "thread counter",
            };
            _watcher.Start();
        }

        public int Stop()
        {
            _stop.Set();
            _watcher.Join();
            return Math.Max(_peak, Count());
        }

        public void Dispose()
        {
            _stop.Set();
            _stop.Dispose();
        }

        /// <summary>The process's threads: the kernel's count on Linux (cheap), else the runtime's list.</summary>
        internal static int Count()
        {
            const string Status = "/proc/self/status";
            if (File.Exists(Status))
            {
                foreach (var line in File.ReadLines(Status))
                {
                    if (line.StartsWith("Threads:", StringComparison.Ordinal))
                    {
                        return int.Parse(line.AsSpan("Threads:".Length).Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }

            using var process = Process.GetCurrentProcess();
            return process.Threads.Count;
        }
    }
}
