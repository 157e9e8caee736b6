using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace ThreadingKoans.Engine.Pool;

/// <summary>
/// One measurement of the benchmark: one workload done by one contender, in a process of its own so that
/// no contender inherits another's warm threads.
/// </summary>
public static class PoolBenchmark
{
    /// <summary>The workloads, by the name the command line uses.</summary>
    public static IReadOnlyList<string> Workloads { get; } = ["blocking", "tiny"];

    /// <summary>The contenders, by the name the command line uses.</summary>
    public static IReadOnlyList<string> Contenders { get; } = ["pool", "threadpool", "thread-per-job"];

    /// <summary>The pool's shape in the benchmark.</summary>
    public static IReadOnlyDictionary<string, object?> PoolShape { get; } = new Dictionary<string, object?>
    {
        ["MinWorkers"] = 2,
        ["MaxWorkers"] = 16,
        ["GrowWhenQueueOver"] = 10,
    };

    /// <summary>Runs <paramref name="workload"/> with <paramref name="contender"/> and sends one <see cref="BenchFigure"/>.</summary>
    /// <param name="assembly">The koans whose <c>WorkerPool</c> competes.</param>
    /// <param name="workload"><c>blocking</c> (jobs that wait 50 ms) or <c>tiny</c> (jobs that add one to a counter).</param>
    /// <param name="contender"><c>pool</c>, <c>threadpool</c> (<c>Task.Run</c>) or <c>thread-per-job</c>.</param>
    /// <param name="jobs">How many jobs.</param>
    /// <param name="send">Where the figure goes.</param>
    public static void Run(Assembly assembly, string workload, string contender, int jobs, Action<HostEvent> send)
    {
        ArgumentNullException.ThrowIfNull(send);
        var done = 0L;
        Action job = workload switch
        {
            "blocking" => () =>
            {
                Thread.Sleep(50);
                Interlocked.Increment(ref done);
            },
            "tiny" => () => Interlocked.Increment(ref done),
            _ => throw new ArgumentException($"unknown workload {workload}; known: {string.Join(", ", Workloads)}", nameof(workload)),
        };

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

        send(new BenchFigure(workload, contender, jobs, clock.Elapsed.TotalSeconds, peak.Stop(), Environment.ProcessorCount));
    }

    private static void Wait(CountdownEvent countdown)
    {
        if (!countdown.Wait(TimeSpan.FromMinutes(10)))
        {
            throw new TimeoutException($"{countdown.CurrentCount} jobs were still not done after 10 minutes");
        }
    }

    /// <summary>Watches how many threads the process has, every few milliseconds, and keeps the most.</summary>
    private sealed class PeakThreads : IDisposable
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
        private static int Count()
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
