namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutWorkerLoopsWrongAnswers : IWrongAnswers
{
    private const string TheLoop = "while (TakeNext(worker, out var job))\n        {\n            Run(worker, job);\n        }";

    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutWorkerLoops.AWorkerIsALoopThatKeepsTakingJobs", "takes one job and ends, as if it were a thread per job",
            Find: "foreach (var job in jobs.GetConsumingEnumerable())", Replace: "if (jobs.TryTake(out var job, Bounded.Timeout))",
            Symptom: "all three jobs"),
        new("AboutWorkerLoops.ClosingTheQueueLetsTheWorkerFinishWhatIsQueued", "stops when the queue is closed, with jobs still queued",
            Find: "while (!jobs.IsCompleted)", Replace: "while (!jobs.IsAddingCompleted)", Symptom: "the jobs the worker did"),
        new("AboutWorkerLoops.YourWorkersTakeJobsAndRunThem", "each worker takes one job and ends (if instead of while)",
            Find: "while (TakeNext(worker, out var job))", Replace: "if (TakeNext(worker, out var job))",
            Symptom: "all five jobs", InPool: "WorkerPool.WorkLoop"),
        new("AboutWorkerLoops.YourPoolStartsNamedBackgroundWorkers", "forgot IsBackground",
            Find: "worker.Thread.IsBackground = true;", Replace: "", Symptom: "foreground", InPool: "WorkerPool.StartWorker"),
        new("AboutWorkerLoops.AJobThatThrowsDoesNotKillItsWorker", "exception kills worker: the catch wraps the whole loop, not each job",
            Find: TheLoop,
            Replace: """
                try
                        {
                            while (TakeNext(worker, out var job))
                            {
                                job();
                                Interlocked.Increment(ref _completed);
                            }
                        }
                        catch (Exception failure)
                        {
                            LastFailure = failure;
                            Interlocked.Increment(ref _failed);
                        }
                """,
            Symptom: "after the failing one", InPool: "WorkerPool.WorkLoop"),
        new("AboutWorkerLoops.AJobThatThrowsDoesNotKillItsWorker", "counts the failure but forgets to keep what the job threw",
            Find: "LastFailure = failure;", Replace: "", Symptom: "keep what the failing job threw", InPool: "WorkerPool.Run"),
        new("AboutWorkerLoops.AnIdleWorkerSleepsInTheQueue", "busy-wait loop: asks the queue again and again instead of blocking",
            Find: TheLoop,
            Replace: """
                while (!_queue.IsCompleted)
                        {
                            if (_queue.TryTake(out var job))
                            {
                                Run(worker, job);
                            }
                        }
                """,
            Symptom: "spinning", InPool: "WorkerPool.WorkLoop"),
    ];
}
