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
        new("AboutChannels.CompletingYourAsyncPoolStillRunsTheJobsInIt", "CompleteAsync completes the channel but does not wait for the readers",
            Find: "await Task.WhenAll(_readers);", Replace: "", Symptom: "still held by the gate", InPool: "AsyncWorkerPool.CompleteAsync"),
        new("AboutChannels.AFailedJobIsCountedAndItsReaderGoesOn", "counts the failure but forgets to keep it",
            Find: "LastFailure = exception;", Replace: "", Symptom: "LastFailure is not the last job's failure", InPool: "AsyncWorkerPool.RunAsync"),
        new("AboutChannels.SubmitAsyncHandsBackATaskThatEndsAsItsJobEnds", "SubmitAsync's task is never told that its job threw",
            Find: "done.SetException(exception);", Replace: "", Symptom: "the job that throws to end", InPool: "AsyncWorkerPool.SubmitAsync"),
    ];
}
