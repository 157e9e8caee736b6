namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutWaitingForWorkWrongAnswers : IWrongAnswers
{
    // WorkerPool.Run from the end of the job's try to the JobDone in the outer finally, exactly as answered.
    private const string AfterTheJob = """
                    }
                    catch (Exception failure)
                    {
                        Step.Act($"throws {failure.GetType().Name}");
                        // AboutWorkerLoops.AJobThatThrowsDoesNotKillItsWorker: what a job throws ends the job, not the worker:
                        // keep it in LastFailure and count the job in _failed.
                        LastFailure = failure;
                        Interlocked.Increment(ref _failed);
                    }
                }
                finally
                {
                    Step.Act("job done");
                    worker.Busy = false;
                    // AboutMonitoring.EveryWorkerCountsTheJobsItHasDone: one more job done by this worker.
                    worker.JobsDone++;
                    // AboutWaitingForWork.AFinishedJobIsCountedOffInAFinallyEvenWhenItThrows: count the job off.
                    JobDone();
        """;

    // WaitForIdle's loop, exactly as answered.
    private const string TheWaitLoop = """
        while (Pending > 0)
                        {
                            var left = deadline - DateTime.UtcNow;
                            if (left <= TimeSpan.Zero || !Monitor.Wait(_poolLock, left))
                            {
                                return Pending == 0;
                            }
                        }
        """;

    private const string CountOffInTheFinally = "\n            JobDone();";

    // WorkerPool.Run from the job to the JobDone in the outer finally, exactly as answered.
    private const string TheJobToItsCountOff = "job();\n                Interlocked.Increment(ref _completed);\n" + AfterTheJob;

    // Submit's count-in and the Add it comes before, exactly as answered.
    private const string CountInThenAdd = "Interlocked.Increment(ref _pending);\n        try\n        {\n            _queue.Add(job);\n        }";

    private const string WaitForIdle = "AboutWaitingForWork.WaitForIdleSleepsUntilNothingIsPendingOrItsTimeIsUp";

    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutWaitingForWork.AJobIsCountedInWhenSubmittedAndCountedOffWhenDone", "counts the job off before running it",
            Find: "job();\n            Interlocked.Decrement(ref pending);",
            Replace: "Interlocked.Decrement(ref pending);\n            job();",
            Symptom: "the second one runs"),
        new("AboutWaitingForWork.TheLastCountOffWakesWhoeverWaitsForZero", "reaches zero but wakes nobody",
            Find: "Monitor.PulseAll(gate);", Replace: "", Symptom: "as if nobody told it"),
        new("AboutWaitingForWork.AWaiterForZeroChecksTheCounterAgainAfterEveryWakeUp", "an if around Monitor.Wait instead of a while",
            Find: "while (pending > 0)", Replace: "if (pending > 0)", Symptom: "fall asleep again"),
        new("AboutWaitingForWork.EverySubmittedJobCountsAsPendingUntilItIsDone", "pool: decrement before the job runs",
            Find: TheJobToItsCountOff,
            Replace: "JobDone();\n                job();\n                Interlocked.Increment(ref _completed);\n" + AfterTheJob.Replace(CountOffInTheFinally, "", StringComparison.Ordinal),
            Symptom: "Pending lost count", InPool: "WorkerPool.Run"),
        new("AboutWaitingForWork.EverySubmittedJobCountsAsPendingUntilItIsDone", "pool: Submit never counts the job in",
            Find: CountInThenAdd, Replace: "try\n        {\n            _queue.Add(job);\n        }",
            Symptom: "Pending lost count", InPool: "WorkerPool.Submit"),
        new("AboutWaitingForWork.EverySubmittedJobCountsAsPendingUntilItIsDone", "pool: Submit counts the job in after queueing it, when a worker may have finished it already",
            Find: CountInThenAdd, Replace: "try\n        {\n            _queue.Add(job);\n            Interlocked.Increment(ref _pending);\n        }",
            Symptom: "", InPool: "WorkerPool.Submit", KnownToPass: true),
        new("AboutWaitingForWork.AFinishedJobIsCountedOffInAFinallyEvenWhenItThrows", "pool: forgot the finally decrement (a job that throws skips it)",
            Find: "Interlocked.Increment(ref _completed);\n" + AfterTheJob,
            Replace: "Interlocked.Increment(ref _completed);\n                JobDone();\n" + AfterTheJob.Replace(CountOffInTheFinally, "", StringComparison.Ordinal),
            Symptom: "a job that throws is counted off too", InPool: "WorkerPool.Run"),
        new("AboutWaitingForWork.AFinishedJobIsCountedOffInAFinallyEvenWhenItThrows", "pool: counts the job off before it runs",
            Find: TheJobToItsCountOff,
            Replace: "JobDone();\n                job();\n                Interlocked.Increment(ref _completed);\n" + AfterTheJob.Replace(CountOffInTheFinally, "", StringComparison.Ordinal),
            Symptom: "counted off once it has ended, not before", InPool: "WorkerPool.Run"),
        new("AboutWaitingForWork.AFinishedJobIsCountedOffInAFinallyEvenWhenItThrows", "pool: never counts a job off",
            Find: AfterTheJob, Replace: AfterTheJob.Replace(CountOffInTheFinally, "", StringComparison.Ordinal),
            Symptom: "Pending should count exactly the jobs that have not ended", InPool: "WorkerPool.Run"),
        new(WaitForIdle, "pool: WaitForIdle waits without a timeout",
            Find: "Monitor.Wait(_poolLock, left)", Replace: "Monitor.Wait(_poolLock)", Symptom: "was given 500 ms", InPool: "WorkerPool.WaitForIdle"),
        new(WaitForIdle, "pool: no PulseAll, so WaitForIdle sleeps until its timeout",
            Find: "Monitor.PulseAll(_poolLock);", Replace: "", Symptom: "as if nobody told them", InPool: "WorkerPool.JobDone"),
        new(WaitForIdle, "pool: Pulse instead of PulseAll, so only one waiter wakes",
            Find: "Monitor.PulseAll(_poolLock);", Replace: "Monitor.Pulse(_poolLock);", Symptom: "Pulse wakes one waiter", InPool: "WorkerPool.JobDone"),
        new(WaitForIdle, "pool: an if around Monitor.Wait instead of a while, answering true after a wake-up",
            Find: "while (Pending > 0)", Replace: "if (Pending > 0)", Symptom: "looks at Pending again after every wake-up", InPool: "WorkerPool.WaitForIdle"),
        new(WaitForIdle, "pool: an if around Monitor.Wait instead of a while, looking at Pending once after the wake-up",
            Find: TheWaitLoop,
            Replace: """
                if (Pending > 0)
                                {
                                    Monitor.Wait(_poolLock, timeout);
                                }

                                return Pending == 0;
                """,
            Symptom: "looks at Pending again after every wake-up", InPool: "WorkerPool.WaitForIdle"),
        new(WaitForIdle, "pool: WaitForIdle looks at Pending every millisecond, asleep with the lock held",
            Find: TheWaitLoop,
            Replace: """
                while (Pending > 0 && DateTime.UtcNow < deadline)
                                {
                                    Thread.Sleep(1);
                                }

                                return Pending == 0;
                """,
            Symptom: "nobody may keep it while waiting", InPool: "WorkerPool.WaitForIdle"),
        new(WaitForIdle, "pool: WaitForIdle looks at Pending every millisecond, letting the lock go between looks",
            Find: TheWaitLoop,
            Replace: """
                while (Pending > 0 && DateTime.UtcNow < deadline)
                                {
                                    Monitor.Exit(_poolLock);
                                    Thread.Sleep(1);
                                    Monitor.Enter(_poolLock);
                                }

                                return Pending == 0;
                """,
            Symptom: "", InPool: "WorkerPool.WaitForIdle", KnownToPass: true),
    ];
}
