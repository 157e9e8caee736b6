namespace ThreadingKoans.Tests.WrongAnswers;

internal sealed class AboutChannelsWrongAnswers : IWrongAnswers
{
    public IEnumerable<WrongAnswer> All =>
    [
        new("AboutChannels.ReadAllAsyncIsTheAwaitableGetConsumingEnumerable", "reads one item instead of looping until the writer completes",
            Find: "await foreach (var item in channel.Reader.ReadAllAsync())\n            {\n                read.Add(item);\n            }",
            Replace: "read.Add(await channel.Reader.ReadAsync());", Symptom: "did not read every item"),
        new("AboutChannels.AnErrorPassedToCompleteReachesTheReader", "completes the writer without the error",
            Find: "channel.Writer.Complete(broken);", Replace: "channel.Writer.Complete();", Symptom: "never heard that the feed broke"),
        new("AboutChannels.CompletionFlowsDownATwoStagePipeline", "stage one completes its input instead of its output",
            Find: "squares.Writer.Complete();", Replace: "numbers.Writer.TryComplete();", Symptom: "waits for more squares"),

        // Submit and ReadLoopAsync, claimed by YourAsyncPoolRunsTheJobsYouSubmit.
        new("AboutChannels.YourAsyncPoolRunsTheJobsYouSubmit", "Submit ignores TryWrite's answer: a completed pool takes jobs without a word",
            Find: "if (!_jobs.Writer.TryWrite(job))\n        {\n            throw new InvalidOperationException(\"This pool has been completed: it takes no more jobs.\");\n        }",
            Replace: "_jobs.Writer.TryWrite(job);", Symptom: "disposed pool took a new job", InPool: "AsyncWorkerPool.Submit"),
        new("AboutChannels.YourAsyncPoolRunsTheJobsYouSubmit", "the reader loop ends as soon as the channel is empty for a moment",
            Find: "await foreach (var job in _jobs.Reader.ReadAllAsync())", Replace: "while (_jobs.Reader.TryRead(out var job))",
            Symptom: "when the channel is empty", InPool: "AsyncWorkerPool.ReadLoopAsync"),
        new("AboutChannels.YourAsyncPoolRunsTheJobsYouSubmit", "each reader reads one job and ends",
            Find: "await foreach (var job in _jobs.Reader.ReadAllAsync())\n        {\n            await RunAsync(job);\n        }",
            Replace: "await RunAsync(await _jobs.Reader.ReadAsync());", Symptom: "when the channel is empty", InPool: "AsyncWorkerPool.ReadLoopAsync"),
        new("AboutChannels.YourAsyncPoolRunsTheJobsYouSubmit", "the reader awaits the job itself, not RunAsync, so nothing is counted",
            Find: "await RunAsync(job);", Replace: "await job();", Symptom: "through RunAsync", InPool: "AsyncWorkerPool.ReadLoopAsync"),

        // CompleteAsync, claimed by CompletingYourAsyncPoolStillRunsTheJobsInIt.
        new("AboutChannels.CompletingYourAsyncPoolStillRunsTheJobsInIt", "CompleteAsync completes the channel but does not wait for the readers",
            Find: "await Task.WhenAll(_readers);", Replace: "", Symptom: "ended at once", InPool: "AsyncWorkerPool.CompleteAsync"),
        new("AboutChannels.CompletingYourAsyncPoolStillRunsTheJobsInIt", "CompleteAsync waits for the channel to be read empty, not for the readers to end",
            Find: "await Task.WhenAll(_readers);", Replace: "await _jobs.Reader.Completion;", Symptom: "only for the channel to be read empty",
            InPool: "AsyncWorkerPool.CompleteAsync"),
        new("AboutChannels.CompletingYourAsyncPoolStillRunsTheJobsInIt", "CompleteAsync waits for the readers but never tells the channel that no more jobs come",
            Find: "_jobs.Writer.TryComplete();\n        await Task.WhenAll(_readers);", Replace: "await Task.WhenAll(_readers);",
            Symptom: "tell the channel that no more jobs will come", InPool: "AsyncWorkerPool.CompleteAsync"),
        new("AboutChannels.CompletingYourAsyncPoolStillRunsTheJobsInIt", "CompleteAsync blocks its caller until the readers end",
            Find: "await Task.WhenAll(_readers);", Replace: "Task.WhenAll(_readers).Wait();", Symptom: "does it block", InPool: "AsyncWorkerPool.CompleteAsync"),

        // RunAsync's catch, claimed by AFailedJobIsCountedAndItsReaderGoesOn.
        new("AboutChannels.AFailedJobIsCountedAndItsReaderGoesOn", "counts the failure but forgets to keep it",
            Find: "LastFailure = exception;", Replace: "", Symptom: "LastFailure is not the last job's failure", InPool: "AsyncWorkerPool.RunAsync"),
        new("AboutChannels.AFailedJobIsCountedAndItsReaderGoesOn", "keeps the failure but counts it as completed",
            Find: "Interlocked.Increment(ref _failed);", Replace: "Interlocked.Increment(ref _completed);", Symptom: "Completed, then Failed, of your pool",
            InPool: "AsyncWorkerPool.RunAsync"),
        new("AboutChannels.AFailedJobIsCountedAndItsReaderGoesOn", "counts the failure and throws it on, so the reader dies",
            Find: "Interlocked.Increment(ref _failed);", Replace: "Interlocked.Increment(ref _failed);\n            throw;", Symptom: "its reader died",
            InPool: "AsyncWorkerPool.RunAsync"),

        // SubmitAsync, claimed by SubmitAsyncHandsBackATaskThatEndsAsItsJobEnds.
        new("AboutChannels.SubmitAsyncHandsBackATaskThatEndsAsItsJobEnds", "SubmitAsync's task is never told that its job threw",
            Find: "done.SetException(exception);", Replace: "", Symptom: "the second and third jobs to end", InPool: "AsyncWorkerPool.SubmitAsync"),
        new("AboutChannels.SubmitAsyncHandsBackATaskThatEndsAsItsJobEnds", "SubmitAsync hands the failure to its task but not to the pool",
            Find: "done.SetException(exception);\n                throw;", Replace: "done.SetException(exception);", Symptom: "but not your pool",
            InPool: "AsyncWorkerPool.SubmitAsync"),
        new("AboutChannels.SubmitAsyncHandsBackATaskThatEndsAsItsJobEnds", "SubmitAsync ends its task before the job has run",
            Find: "await job();\n                done.SetResult();", Replace: "done.SetResult();\n                await job();", Symptom: "[TaskStatus.RanToCompletion, TaskStatus.RanToCompletion, TaskStatus.RanToCompletion]",
            InPool: "AsyncWorkerPool.SubmitAsync"),
        new("AboutChannels.SubmitAsyncHandsBackATaskThatEndsAsItsJobEnds", "SubmitAsync blocks on its job with Wait",
            Find: "await job();", Replace: "job().Wait();", Symptom: "block on its job", InPool: "AsyncWorkerPool.SubmitAsync"),
        new("AboutChannels.SubmitAsyncHandsBackATaskThatEndsAsItsJobEnds", "SubmitAsync blocks on its job with GetAwaiter().GetResult()",
            Find: "await job();", Replace: "job().GetAwaiter().GetResult();", Symptom: "block on its job", InPool: "AsyncWorkerPool.SubmitAsync"),
    ];
}
