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
            Find: "while (!jobs.IsCompleted)", Replace: "while (!jobs.IsAddingCompleted)", Symptom: "what the worker did"),
        new("AboutWorkerLoops.YourWorkersTakeJobsAndRunThem", "each worker takes one job and ends (if instead of while)",
            Find: "while (TakeNext(worker, out var job))", Replace: "if (TakeNext(worker, out var job))",
            Symptom: "goes back for the next", InPool: "WorkerPool.WorkLoop"),
        new("AboutWorkerLoops.YourWorkersTakeJobsAndRunThem", "a loop that stops when the queue is empty for a moment",
            Find: TheLoop,
            Replace: """
                while (_queue.TryTake(out var job))
                        {
                            Run(worker, job);
                        }
                """,
            Symptom: "ended before any job came", InPool: "WorkerPool.WorkLoop"),
        new("AboutWorkerLoops.YourWorkersTakeJobsAndRunThem", "busy-wait loop: asks the queue again and again instead of blocking",
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
        new("AboutWorkerLoops.YourWorkersTakeJobsAndRunThem", "counts the job completed before running it",
            Find: "job();\n                Interlocked.Increment(ref _completed);",
            Replace: "Interlocked.Increment(ref _completed);\n                job();",
            Symptom: "yet your pool counts it completed", InPool: "WorkerPool.Run"),
        new("AboutWorkerLoops.YourWorkersTakeJobsAndRunThem", "runs the job but never counts it completed",
            Find: "Interlocked.Increment(ref _completed);", Replace: "",
            Symptom: "count the four jobs that have returned", InPool: "WorkerPool.Run"),
        new("AboutWorkerLoops.YourPoolStartsNamedBackgroundWorkers", "forgot IsBackground",
            Find: "worker.Thread.IsBackground = true;", Replace: "", Symptom: "foreground", InPool: "WorkerPool.StartWorker"),
        new("AboutWorkerLoops.YourPoolStartsNamedBackgroundWorkers", "numbers the workers from the list's count, from 0",
            Find: "worker.Thread.Name = $\"worker-{_started}\";", Replace: "worker.Thread.Name = $\"worker-{_workers.Count}\";",
            Symptom: "your workers' names", InPool: "WorkerPool.StartWorker"),
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
            Symptom: "the last job to run", InPool: "WorkerPool.WorkLoop"),
        new("AboutWorkerLoops.AJobThatThrowsDoesNotKillItsWorker", "counts the failure but forgets to keep what the job threw",
            Find: "LastFailure = failure;", Replace: "", Symptom: "keep what the last failing job threw", InPool: "WorkerPool.Run"),
        new("AboutWorkerLoops.AJobThatThrowsDoesNotKillItsWorker", "keeps what the job threw but never counts it failed",
            Find: "Interlocked.Increment(ref _failed);", Replace: "", Symptom: "the ones that threw", InPool: "WorkerPool.Run"),
    ];
}
