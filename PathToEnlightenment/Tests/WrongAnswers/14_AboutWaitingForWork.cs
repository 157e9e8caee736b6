namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutWaitingForWorkWrongAnswers : IWrongAnswers
{
    // WorkerPool.Run from the end of the job's try to the JobDone in the outer finally, exactly as answered.
    private const string AfterTheJob = """
                    }
                    catch (Exception failure)
                    {
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

    private const string CountOffInTheFinally = "\n            JobDone();";

    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutWaitingForWork.AJobIsCountedInWhenSubmittedAndCountedOffWhenDone", "counts the job off before running it",
            Find: "job();\n                Interlocked.Decrement(ref pending);",
            Replace: "Interlocked.Decrement(ref pending);\n                job();",
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
    ];
}
