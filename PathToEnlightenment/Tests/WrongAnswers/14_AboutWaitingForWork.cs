namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutWaitingForWorkWrongAnswers : IWrongAnswers
{
    // WorkerPool.Run from the end of the job's try to the JobDone in the outer finally, exactly as answered.
    private const string AfterTheJob = """
                    }
                    catch (Exception failure)
                    {
                        // AboutWorkerLoops.AJobThatThrowsDoesNotKillItsWorker: what a job throws ends the job, not the worker:
                        // keep it in LastFailure and count the job in _failed.
                        LastFailure = failure;
                        Interlocked.Increment(ref _failed);
                    }
                }
                finally
                {
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
            Find: "job();\n                Interlocked.Increment(ref _completed);\n" + AfterTheJob,
            Replace: "JobDone();\n                job();\n                Interlocked.Increment(ref _completed);\n" + AfterTheJob.Replace(CountOffInTheFinally, "", StringComparison.Ordinal),
            Symptom: "Pending lost count", InPool: "WorkerPool.Run"),
        new("AboutWaitingForWork.AFinishedJobIsCountedOffInAFinallyEvenWhenItThrows", "pool: forgot the finally decrement (a job that throws skips it)",
            Find: "Interlocked.Increment(ref _completed);\n" + AfterTheJob,
            Replace: "Interlocked.Increment(ref _completed);\n                JobDone();\n" + AfterTheJob.Replace(CountOffInTheFinally, "", StringComparison.Ordinal),
            Symptom: "Pending to come back to 0", InPool: "WorkerPool.Run"),
        new("AboutWaitingForWork.WaitForIdleReturnsFalseWhenTheTimeRunsOut", "pool: WaitForIdle waits without a timeout",
            Find: "Monitor.Wait(_poolLock, left)", Replace: "Monitor.Wait(_poolLock)", Symptom: "was given 20 ms", InPool: "WorkerPool.WaitForIdle"),
        new("AboutWaitingForWork.WaitForIdleWakesUpWhenTheLastJobIsDone", "pool: no PulseAll, so WaitForIdle sleeps until its timeout",
            Find: "Monitor.PulseAll(_poolLock);", Replace: "", Symptom: "sleeps on in WaitForIdle", InPool: "WorkerPool.JobDone"),
        new("AboutWaitingForWork.YourWaitForIdleLooksAtPendingAgainAfterEveryWakeUp", "pool: an if around Monitor.Wait instead of a while",
            Find: "while (Pending > 0)", Replace: "if (Pending > 0)", Symptom: "while the second job was still pending", InPool: "WorkerPool.WaitForIdle"),
        new("AboutWaitingForWork.WaitForIdleWakesUpWhenTheLastJobIsDone", "pool: WaitForIdle looks at Pending every millisecond, asleep with the lock held",
            Find: TheWaitLoop,
            Replace: """
                while (Pending > 0 && DateTime.UtcNow < deadline)
                                {
                                    Thread.Sleep(1);
                                }

                                return Pending == 0;
                """,
            Symptom: "the pool's lock stayed taken", InPool: "WorkerPool.WaitForIdle"),
        new("AboutWaitingForWork.WaitForIdleWakesUpWhenTheLastJobIsDone", "pool: WaitForIdle looks at Pending every millisecond, letting the lock go between looks",
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
