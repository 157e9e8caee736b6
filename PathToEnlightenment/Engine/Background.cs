namespace ThreadingKoans.Engine;

/// <summary>
/// The threads a koan starts to stage its scene: background, so that a koan that fails never keeps the process
/// alive, and named, so that a failure can say which thread it was.
/// </summary>
public static class Background
{
    /// <summary>
    /// A background thread named <paramref name="name"/>, already started on <paramref name="body"/>. Its start and what
    /// it throws are steps of the koan's timeline.
    /// </summary>
    public static Thread Started(string name, ThreadStart body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception thrown)
            {
                Timeline.Note($"throws {thrown.GetType().Name}", StepMark.Failure);
                throw;
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        Timeline.Note(name, "starts", StepMark.Starts);
        thread.Start();
        return thread;
    }

    /// <summary>Whether <paramref name="thread"/> is parked: waiting for a lock, a signal, a join or a job.</summary>
    public static bool IsWaiting(Thread thread)
    {
        ArgumentNullException.ThrowIfNull(thread);
        return thread.ThreadState.HasFlag(ThreadState.WaitSleepJoin);
    }
}
