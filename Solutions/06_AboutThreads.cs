using ThreadState = System.Threading.ThreadState;

namespace Koans;

[Topic("""
    A thread is a second line of work running beside yours. You make one with new Thread(work), and it does
    nothing until it is started; Join waits (here, always with a time limit) until it has finished. A thread
    has a state, a name and a number of its own, and it runs exactly once. Threads are costly to make, which
    is why the path ahead ends with a pool: a few workers that take many jobs from one queue.
    """)]
public class AboutThreads
{
    // Making a Thread only describes the work; nothing runs until someone starts it.
    [Koan("The worker exists, but has it been told to go?")]
    public void AThreadDoesNothingUntilItIsStarted()
    {
        var ran = new ManualResetEventSlim();
        var worker = new Thread(() => ran.Set()) { IsBackground = true };
        worker.Start();
        Bounded.Wait(ran, "the worker to run (was it ever started?)");
    }

    // Join is how one thread waits for another; with a time limit it also says whether the other finished.
    [Koan("The koan must wait for the worker, and keep the answer of that wait in finished.")]
    public void JoinWaitsForAThreadToFinish()
    {
        var answer = 0;
        var worker = new Thread(() => answer = 6 * 7) { IsBackground = true };
        worker.Start();
        var finished = false;
        finished = worker.Join(Bounded.Timeout);
        finished.ShouldBeTrue("finished is still false: the koan has no word that the worker finished");
        answer.ShouldBe(42);
    }

    // A Join with a time limit never hangs: when time runs out it gives up and says so, and the thread goes on.
    [Koan("Both Joins go into the log, and so does the worker. Follow the gate: who writes what, and when?")]
    public void JoinWithATimeLimitGivesUpOnABusyThread()
    {
        var log = new ConcurrentQueue<string>();
        var gate = new ManualResetEventSlim();
        var worker = new Thread(() =>
        {
            log.Enqueue("worker: at the gate");
            gate.Wait(Bounded.Timeout);
            log.Enqueue("worker: through the gate");
        }) { IsBackground = true, Name = "worker" };
        worker.Start();
        Bounded.Until(() => !log.IsEmpty, "the worker to reach the gate");
        string JoinFor(TimeSpan limit) => worker.Join(limit) ? "koan: it has ended" : "koan: gave up waiting";
        log.Enqueue(JoinFor(Bounded.Brief));
        gate.Set();
        log.Enqueue(JoinFor(Bounded.Timeout));
        log.ToArray().ShouldBe(
            ["worker: at the gate", "koan: gave up waiting", "worker: through the gate", "koan: it has ended"],
            "the log, in the order it was written");
    }

    // IsAlive tells you whether a thread is running right now: not before its start, not after its end.
    [Koan("The koan looks at the worker four times. Which of the looks find it alive?")]
    public void AThreadIsAliveOnlyBetweenStartAndEnd()
    {
        var gate = new ManualResetEventSlim();
        var worker = new Thread(() => gate.Wait(Bounded.Timeout)) { IsBackground = true, Name = "worker" };
        var foundAlive = new List<string>();
        void Look(string when)
        {
            if (worker.IsAlive)
            {
                foundAlive.Add(when);
            }
        }

        Look("made");
        worker.Start();
        Look("started");
        Bounded.UntilSteady(() => Background.IsWaiting(worker), "the worker to wait at the gate");
        Look("waiting");
        gate.Set();
        Bounded.Join(worker, "the gate is open, so the worker should have gone through and ended");
        Look("joined");
        foundAlive.ToArray().ShouldBe(["started", "waiting"], "the looks that found the worker alive");
    }

    // ThreadState names where a thread is in its life, which is what you look at when one seems stuck.
    [Koan("The koan notes the worker's state three times. Find each moment in the code, and name the state.")]
    public void ThreadStateFollowsAThreadThroughItsLife()
    {
        var gate = new ManualResetEventSlim();
        var worker = new Thread(() => gate.Wait(Bounded.Timeout)) { Name = "sleeper" };
        var states = new List<ThreadState> { worker.ThreadState };
        worker.Start();
        Bounded.UntilSteady(() => Background.IsWaiting(worker), "the worker to stop running and wait at the gate");
        states.Add(worker.ThreadState);
        gate.Set();
        Bounded.Join(worker, "the gate is open, so the worker should have gone through and ended");
        states.Add(worker.ThreadState);
        states.ToArray().ShouldBe([ThreadState.Unstarted, ThreadState.WaitSleepJoin, ThreadState.Stopped], "the states the koan noted, in order");
    }

    // A named thread is easy to find in a debugger, in logs, and in the failure messages of these koans.
    [Koan("The worker asks itself for its name. Give it one before it starts.")]
    public void AThreadCanBeGivenAName()
    {
        string? nameInside = null;
        var worker = new Thread(() => nameInside = Thread.CurrentThread.Name) { IsBackground = true };
        worker.Name = "printer";
        worker.Start();
        Bounded.Join(worker, "the worker only reads its own name");
        nameInside.ShouldBe("printer", "the worker found no name of its own: nobody named it before it started");
    }

    // Every living thread carries a number of its own, the same whether it asks itself or you ask its Thread.
    [Koan("Count what goes into ids, and from which threads. How many of those numbers can differ?")]
    public void LivingThreadsNeverShareAnId()
    {
        var allThere = new Barrier(3);
        var ids = new ConcurrentQueue<int>();
        void NoteMyIdAndMeetTheOthers()
        {
            ids.Enqueue(Environment.CurrentManagedThreadId);
            allThere.SignalAndWait(Bounded.Timeout);
        }

        var first = new Thread(NoteMyIdAndMeetTheOthers) { IsBackground = true, Name = "first" };
        var second = new Thread(NoteMyIdAndMeetTheOthers) { IsBackground = true, Name = "second" };
        first.Start();
        second.Start();
        NoteMyIdAndMeetTheOthers();
        Bounded.Join(first, "the first worker only notes its id and meets the others");
        Bounded.Join(second, "the second worker only notes its id and meets the others");
        ids.Enqueue(first.ManagedThreadId);
        ids.Enqueue(second.ManagedThreadId);
        new[] { ids.Count, ids.Distinct().Count() }.ShouldBe([5, 3], "numbers in ids, different numbers in ids");
    }

    // Thread.CurrentThread is not one particular thread: it is whichever thread runs that line.
    [Koan("One lambda, noteWhoRunsMe, is run twice. Which thread runs it each time?")]
    public void CurrentThreadIsWhicheverThreadRunsTheLine()
    {
        var names = new ConcurrentQueue<string>();
        ThreadStart noteWhoRunsMe = () => names.Enqueue(Thread.CurrentThread.Name ?? "nameless");
        var cook = new Thread(noteWhoRunsMe) { IsBackground = true, Name = "cook" };
        var waiter = new Thread(() =>
        {
            noteWhoRunsMe();
            cook.Start();
            Bounded.Join(cook, "the cook only notes a name");
        }) { IsBackground = true, Name = "waiter" };
        waiter.Start();
        Bounded.Join(waiter, "the waiter notes a name, then starts the cook and waits for it");
        names.ToArray().ShouldBe(["waiter", "cook"], "the names noted, in order");
    }

    // A thread runs its work once; to run the work again you need a new thread.
    [Koan("Follow the loop's attempts, then the last lines. Count the runs of the work, and the refused starts.")]
    public void AThreadCanBeStartedOnlyOnce()
    {
        var runs = 0;
        var refusals = 0;
        ThreadStart countARun = () => runs++;
        var worker = new Thread(countARun) { IsBackground = true, Name = "counter" };
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                worker.Start();
                Bounded.Join(worker, "the worker only counts one run");
            }
            catch (ThreadStateException)
            {
                refusals++;
            }
        }

        var another = new Thread(countARun) { IsBackground = true, Name = "another counter" };
        another.Start();
        Bounded.Join(another, "the other worker only counts one run");
        new[] { runs, refusals }.ShouldBe([2, 2], "runs of the work, refused starts");
    }

    // Each thread costs a stack and an operating-system thread: making one per job pays that cost per job.
    [Koan("The same jobs are done twice. Count the threads each way makes.")]
    public void AFewWorkersDoTheJobsOfManyThreads()
    {
        var oneThreadPerJob = new CountingThreadMaker();
        var doneOnePerJob = new CountdownEvent(50);
        var onePerJob = new List<Thread>();
        for (var job = 0; job < 50; job++)
        {
            var thread = oneThreadPerJob.Make(() => doneOnePerJob.Signal());
            thread.Start();
            onePerJob.Add(thread);
        }

        Bounded.Wait(doneOnePerJob, "the 50 jobs, each done by a thread of its own");
        onePerJob.ForEach(thread => Bounded.Join(thread, "its one job is done, so the thread should end"));

        var fewWorkers = new CountingThreadMaker();
        var doneByWorkers = new CountdownEvent(50);
        var jobs = AClosedQueueOf(50, () => doneByWorkers.Signal());
        Thread[] workers = [fewWorkers.Make(() => TakeJobsUntilTheQueueIsDone(jobs)), fewWorkers.Make(() => TakeJobsUntilTheQueueIsDone(jobs))];
        Array.ForEach(workers, worker => worker.Start());
        Bounded.Wait(doneByWorkers, "the 50 jobs, done by the workers");
        Array.ForEach(workers, worker => Bounded.Join(worker, "the queue is empty and complete, so the worker's loop should end"));

        new[] { oneThreadPerJob.Made, fewWorkers.Made }.ShouldBe([50, 2], "threads made one per job, threads made for the workers");
    }

    // Makes background threads and counts how many it has made.
    private sealed class CountingThreadMaker
    {
        public int Made { get; private set; }

        public Thread Make(ThreadStart work)
        {
            Made++;
            return new Thread(work) { IsBackground = true };
        }
    }

    // A queue holding the job count times, already closed to new jobs.
    private static BlockingCollection<Action> AClosedQueueOf(int count, Action job)
    {
        var jobs = new BlockingCollection<Action>();
        for (var i = 0; i < count; i++)
        {
            jobs.Add(job);
        }

        jobs.CompleteAdding();
        return jobs;
    }

    // A worker's loop: take a job and do it, until the queue is empty and closed.
    private static void TakeJobsUntilTheQueueIsDone(BlockingCollection<Action> jobs)
    {
        while (jobs.TryTake(out var job, Bounded.Timeout))
        {
            job();
        }
    }
}
