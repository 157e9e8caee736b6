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
        ___();
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
        ___();
        finished.ShouldBeTrue("finished is still false: the koan has no word that the worker finished");
        answer.ShouldBe(42);
    }

    // A Join with a time limit never hangs: when time runs out it gives up and says so.
    [Koan("The worker cannot finish while the gate is shut. What does each Join answer?")]
    public void JoinWithATimeLimitGivesUpOnABusyThread()
    {
        var gate = new ManualResetEventSlim();
        var worker = new Thread(() => gate.Wait(Bounded.Timeout)) { IsBackground = true };
        worker.Start();
        var endedWhileShut = worker.Join(Bounded.Brief);
        gate.Set();
        var endedOnceOpen = worker.Join(Bounded.Timeout);
        endedWhileShut.ShouldBe(__);
        endedOnceOpen.ShouldBe(__);
    }

    // IsAlive tells you whether a thread is running right now: not before its start, not after its end.
    [Koan("A thread is alive between two moments. Which?")]
    public void AThreadIsAliveOnlyBetweenStartAndEnd()
    {
        var gate = new ManualResetEventSlim();
        var worker = new Thread(() => gate.Wait(Bounded.Timeout)) { IsBackground = true };
        var aliveBeforeStart = worker.IsAlive;
        worker.Start();
        var aliveAtTheGate = worker.IsAlive;
        gate.Set();
        Bounded.Join(worker, "the gate is open, so the worker should have gone through and ended");
        aliveBeforeStart.ShouldBe(__);
        aliveAtTheGate.ShouldBeTrue();
        worker.IsAlive.ShouldBe(__);
    }

    // ThreadState names where a thread is in its life, which is what you look at when one seems stuck.
    [Koan("What is a thread that was made but never started? And one that has finished?")]
    public void AThreadStartsUnstartedAndEndsStopped()
    {
        var worker = new Thread(() => { });
        worker.ThreadState.ShouldBe(__);
        worker.Start();
        Bounded.Join(worker, "the worker has nothing to do but end");
        worker.ThreadState.ShouldBe(__);
    }

    // A thread that waits (at a gate, in Sleep, in Join) is parked, using no CPU, in a state of its own.
    [Koan("The koan holds the gate shut; the worker is stuck in front of it. Which state is that?")]
    public void AThreadWaitingAtAGateIsInWaitSleepJoin()
    {
        var gate = new ManualResetEventSlim();
        var worker = new Thread(() => gate.Wait(Bounded.Timeout));
        worker.Start();
        var seen = ThreadState.Unstarted;
        Bounded.Until(
            () => (seen = worker.ThreadState) is not (ThreadState.Unstarted or ThreadState.Running),
            "the worker to stop running and wait at the gate");
        gate.Set();
        Bounded.Join(worker, "the gate is open, so the worker should have gone through and ended");
        seen.ShouldBe(__, "this is the state the worker was in while the gate was shut");
    }

    // A named thread is easy to find in a debugger, in logs, and in the failure messages of these koans.
    [Koan("The worker asks itself for its name. Give it one before it starts.")]
    public void AThreadCanBeGivenAName()
    {
        string? nameInside = null;
        var worker = new Thread(() => nameInside = Thread.CurrentThread.Name) { IsBackground = true };
        ___();
        worker.Start();
        Bounded.Join(worker, "the worker only reads its own name");
        nameInside.ShouldBe("printer", "the worker found no name of its own: nobody named it before it started");
    }

    // Every living thread carries a number of its own, so two threads can always be told apart.
    [Koan("Three threads are alive at the same moment: the koan's and two workers. How many different numbers?")]
    public void LivingThreadsNeverShareAnId()
    {
        var bothAlive = new Barrier(2);
        var firstId = 0;
        var secondId = 0;
        var first = new Thread(() =>
        {
            firstId = Thread.CurrentThread.ManagedThreadId;
            bothAlive.SignalAndWait(Bounded.Timeout);
        }) { IsBackground = true };
        var second = new Thread(() =>
        {
            secondId = Thread.CurrentThread.ManagedThreadId;
            bothAlive.SignalAndWait(Bounded.Timeout);
        }) { IsBackground = true };
        first.Start();
        second.Start();
        Bounded.Join(first, "the first worker only notes its id and meets the second");
        Bounded.Join(second, "the second worker only notes its id and meets the first");
        int[] ids = [firstId, secondId, Thread.CurrentThread.ManagedThreadId];
        ids.Distinct().Count().ShouldBe(__);
    }

    // Thread.CurrentThread is not one particular thread: it is whichever thread runs that line.
    [Koan("The same words, Thread.CurrentThread, were run by two different threads.")]
    public void CurrentThreadIsWhicheverThreadRunsTheLine()
    {
        Thread? seenInside = null;
        var worker = new Thread(() => seenInside = Thread.CurrentThread) { IsBackground = true };
        worker.Start();
        Bounded.Join(worker, "the worker only looks at itself");
        var seenOutside = Thread.CurrentThread;
        ReferenceEquals(seenInside, worker).ShouldBe(__);
        ReferenceEquals(seenOutside, worker).ShouldBe(__);
    }

    // A thread runs its work once; to run the work again you need a new thread.
    [Koan("Starting a finished thread again fails. Which exception says so?")]
    public void AThreadCanBeStartedOnlyOnce()
    {
        var runs = 0;
        var worker = new Thread(() => runs++) { IsBackground = true };
        worker.Start();
        Bounded.Join(worker, "the worker only counts one run");
        var thrown = Should.Throw<Exception>(() => worker.Start());
        runs.ShouldBe(1);
        thrown.GetType().ShouldBe(__);
    }

    // Each thread costs a stack and an operating-system thread: making one per job pays that cost per job.
    [Koan("The same 50 jobs are done twice. Count the threads each way makes.")]
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
        var threadsForOnePerJob = oneThreadPerJob.Made;

        var twoWorkers = new CountingThreadMaker();
        var doneByWorkers = new CountdownEvent(50);
        var jobs = AClosedQueueOf(50, () => doneByWorkers.Signal());
        Thread[] workers = [twoWorkers.Make(() => TakeJobsUntilTheQueueIsDone(jobs)), twoWorkers.Make(() => TakeJobsUntilTheQueueIsDone(jobs))];
        Array.ForEach(workers, worker => worker.Start());
        Bounded.Wait(doneByWorkers, "the 50 jobs, done by the two workers");
        Array.ForEach(workers, worker => Bounded.Join(worker, "the queue is empty and complete, so the worker's loop should end"));
        var threadsMade = twoWorkers.Made;

        threadsForOnePerJob.ShouldBe(__);
        threadsMade.ShouldBe(__);
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
