using ThreadState = System.Threading.ThreadState;

namespace Koans;

[Topic("""
    Threads that share work must also tell each other when something has happened: the job is ready,
    the worker is done, there is room again. .NET has a signal for each kind of news. A manual gate
    opens for everyone and stays open; an automatic turnstile lets one waiter through at a time; a
    countdown waits for N reports; a semaphore counts free places; a barrier holds everyone until all
    have arrived; and Monitor.Wait / Monitor.PulseAll let a thread sleep until a condition it shares
    with others may have changed. Each has its own rules about who wakes up, and whether a signal sent
    too early is kept or lost. A worker pool is built from exactly these pieces.
    """)]
public class AboutSignaling
{
    // A ManualResetEventSlim is a gate: one Set releases every thread waiting at it, not just one.
    [Koan("The three waiters are all standing at the gate. Who opens it?")]
    public void OneSetOpensTheGateForEveryWaiter()
    {
        var gate = new ManualResetEventSlim();
        var through = new CountdownEvent(3);
        var waiters = Enumerable.Range(1, 3)
            .Select(n => new Thread(() =>
            {
                if (gate.Wait(Bounded.Timeout))
                {
                    through.Signal();
                }
            })
            { IsBackground = true, Name = $"waiter {n}" })
            .ToList();
        waiters.ForEach(waiter => waiter.Start());
        Bounded.Until(() => waiters.All(waiter => waiter.ThreadState.HasFlag(ThreadState.WaitSleepJoin)),
            "all three waiters to stand waiting at the gate");

        gate.Set();

        Bounded.Wait(through, "all three waiters to pass the gate");
        waiters.ForEach(waiter => Bounded.Join(waiter, "a waiter that passed the gate has nothing left to do"));
    }

    // An open manual gate stays open for latecomers too, until someone closes it on purpose.
    [Koan("Set does not wear off. Ask the gate whether it is still open, then close it yourself.")]
    public void AManualGateStaysOpenUntilItIsReset()
    {
        var gate = new ManualResetEventSlim();
        gate.Set();
        gate.Wait(0).ShouldBeTrue("the first visitor found the gate closed");
        gate.Wait(0).ShouldBeTrue("the second visitor found the gate closed");
        gate.IsSet.ShouldBe(true);

        gate.Reset();

        gate.Wait(Bounded.Brief).ShouldBeFalse("a visitor walked through although the gate should be closed again: it is still open");
        gate.IsSet.ShouldBeFalse("the gate is still open");
    }

    // A manual gate remembers that it was opened, so a thread that arrives late is not left behind.
    [Koan("The gate was opened before the latecomer even started. Does it find it open?")]
    public void AManualGateOpenedBeforeAnyoneWaitsIsNotLost()
    {
        var gate = new ManualResetEventSlim();
        gate.Set();
        var passed = false;
        var latecomer = new Thread(() => passed = gate.Wait(Bounded.Timeout)) { IsBackground = true, Name = "latecomer" };
        latecomer.Start();
        Bounded.Join(latecomer, "the latecomer waits at most a second at the gate");

        passed.ShouldBe(true);
    }

    // An AutoResetEvent is a turnstile: each Set lets exactly one waiter through and then it closes again.
    [Koan("Count the signals of the waiters that got through one Set. Then let the other one through.")]
    public void AnAutoResetEventLetsOneWaiterThroughPerSet()
    {
        var turnstile = new AutoResetEvent(false);
        var through = new[] { new ManualResetEventSlim(), new ManualResetEventSlim() };
        var waiters = Enumerable.Range(0, 2)
            .Select(i => new Thread(() =>
            {
                if (turnstile.WaitOne(Bounded.Timeout))
                {
                    through[i].Set();
                }
            })
            { IsBackground = true, Name = $"waiter {i + 1}" })
            .ToList();
        waiters.ForEach(waiter => waiter.Start());
        Bounded.Until(() => waiters.All(waiter => waiter.ThreadState.HasFlag(ThreadState.WaitSleepJoin)),
            "both waiters to stand waiting at the turnstile");

        turnstile.Set();
        Bounded.Until(() => through.Any(signal => signal.IsSet), "a waiter to pass the turnstile");
        var passedAfterOneSet = through.Count(signal => signal.Wait(Bounded.Brief));
        passedAfterOneSet.ShouldBe(1);

        turnstile.Set();

        Bounded.Until(() => through.All(signal => signal.IsSet), "the other waiter to pass the turnstile as well");
        waiters.ForEach(waiter => Bounded.Join(waiter, "a waiter that passed the turnstile has nothing left to do"));
    }

    // A CountdownEvent lets one thread wait until N others have each reported that they are done.
    [Koan("The koan waits for four reports. Each worker must send one when its job is finished.")]
    public void ACountdownWaitsForEveryWorkerToReportDone()
    {
        var done = new CountdownEvent(4);
        var squares = new ConcurrentBag<int>();
        var workers = Enumerable.Range(1, 4)
            .Select(n => new Thread(() =>
            {
                squares.Add(n * n);
                done.Signal();
            })
            { IsBackground = true, Name = $"worker {n}" })
            .ToList();
        workers.ForEach(worker => worker.Start());

        Bounded.Wait(done, "all four workers to report done");

        squares.Sum().ShouldBe(1 + 4 + 9 + 16, "a worker reported done before its job was in");
        workers.ForEach(worker => Bounded.Join(worker, "a worker that reported done has nothing left to do"));
    }

    // A SemaphoreSlim counts free places: when they are taken, the next thread waits until one is given back.
    [Koan("How many free places are left when two guests are inside? And what must a guest do on the way out?")]
    public void ASemaphoreLetsOnlyAsManyInAsItHasPlaces()
    {
        var room = new SemaphoreSlim(2);
        var inside = new[] { new ManualResetEventSlim(), new ManualResetEventSlim(), new ManualResetEventSlim() };
        var leave = new[] { new ManualResetEventSlim(), new ManualResetEventSlim(), new ManualResetEventSlim() };
        var guests = Enumerable.Range(0, 3)
            .Select(i => new Thread(() =>
            {
                if (!room.Wait(Bounded.Timeout))
                {
                    return;
                }

                inside[i].Set();
                leave[i].Wait(Bounded.Timeout);
                room.Release();
            })
            { IsBackground = true, Name = $"guest {i + 1}" })
            .ToList();
        guests.ForEach(guest => guest.Start());
        Bounded.Until(() => inside.Count(signal => signal.IsSet) >= 2, "two guests to get into the room");
        var outside = Array.FindIndex(inside, signal => !signal.Wait(Bounded.Brief));
        outside.ShouldNotBe(-1, "a third guest got in, but the room has only two places");

        room.CurrentCount.ShouldBe(0);

        leave[(outside + 1) % 3].Set();
        Bounded.Wait(inside[outside], "the guest outside to get in after one guest left");
        Array.ForEach(leave, signal => signal.Set());
        guests.ForEach(guest => Bounded.Join(guest, "every guest leaves when told to"));
    }

    // A Barrier holds every participant until the last one has arrived; then all go on together.
    [Koan("The barrier has three participants; two workers are already waiting. Who is the third?")]
    public void ABarrierHoldsEveryoneUntilTheLastArrives()
    {
        var barrier = new Barrier(3);
        var wentOn = new CountdownEvent(2);
        var workers = Enumerable.Range(1, 2)
            .Select(n => new Thread(() =>
            {
                if (barrier.SignalAndWait(Bounded.Timeout))
                {
                    wentOn.Signal();
                }
            })
            { IsBackground = true, Name = $"worker {n}" })
            .ToList();
        workers.ForEach(worker => worker.Start());
        Bounded.Until(() => barrier.ParticipantsRemaining == 1, "both workers to arrive at the barrier");
        wentOn.Wait(Bounded.Brief).ShouldBeFalse("a worker went on before every participant had arrived");

        Bounded.SignalAndWait(barrier, "the two workers at the barrier");

        Bounded.Wait(wentOn, "both workers to go on past the barrier");
        barrier.CurrentPhaseNumber.ShouldBe(1);
        workers.ForEach(worker => Bounded.Join(worker, "a worker past the barrier has nothing left to do"));
    }

    // A barrier's post-phase action runs once per phase, after every participant's part of that phase is in.
    [Koan("Three participants walk three legs. What has the action counted at the end of each leg?")]
    public void ABarrierRunsItsPostPhaseActionOncePerPhase()
    {
        var arrivals = 0;
        var countedAtPhaseEnd = new List<int>();
        var barrier = new Barrier(3, _ => countedAtPhaseEnd.Add(Volatile.Read(ref arrivals)));
        var walkers = Enumerable.Range(1, 2)
            .Select(n => new Thread(() =>
            {
                for (var leg = 0; leg < 3; leg++)
                {
                    Interlocked.Increment(ref arrivals);
                    if (!barrier.SignalAndWait(Bounded.Timeout))
                    {
                        return;
                    }
                }
            })
            { IsBackground = true, Name = $"walker {n}" })
            .ToList();
        walkers.ForEach(walker => walker.Start());
        for (var leg = 0; leg < 3; leg++)
        {
            Interlocked.Increment(ref arrivals);
            Bounded.SignalAndWait(barrier, $"the two walkers to finish leg {leg + 1}");
        }

        walkers.ForEach(walker => Bounded.Join(walker, "a walker who finished three legs has nothing left to do"));
        countedAtPhaseEnd.ShouldBe(new List<int> { 3, 6, 9 });
    }

    // Monitor.Wait gives up the lock and sleeps; PulseAll wakes every thread waiting on that lock.
    [Koan("Both waiters sleep inside Monitor.Wait. Opening the gate is not enough: they must be woken.")]
    public void PulseAllWakesEveryThreadWaitingOnTheLock()
    {
        var gate = new object();
        var open = false;
        var waiting = 0;
        var woke = new CountdownEvent(2);
        var waiters = StartedThreads(2, "waiter", () =>
        {
            if (TakeTheLockAndWaitInMonitorUntil(gate, () => open, onArrival: () => waiting++))
            {
                woke.Signal();
            }
        });
        Bounded.Until(() => { lock (gate) { return waiting == 2; } }, "both waiters to wait inside Monitor.Wait");

        lock (gate)
        {
            open = true;
            Monitor.PulseAll(gate);
        }

        Bounded.Wait(woke, "both waiters to wake up and see the gate open");
        waiters.ForEach(waiter => Bounded.Join(waiter, "a woken waiter has nothing left to do"));
    }

    // Being woken only means "look again": with `if`, a waiter goes on even when the thing it waited for is gone.
    [Koan("The customer was woken for the bread, but the bread was taken before it got the lock back. What did it come away with?")]
    public void AnIfAroundWaitGoesOnAfterTheThingItWaitedForIsGone()
    {
        var shelf = new Queue<string>();
        var waits = 0;
        string? took = null;
        var customer = new Thread(() =>
        {
            lock (shelf)
            {
                if (shelf.Count == 0)
                {
                    waits++;
                    Monitor.Wait(shelf, Bounded.Timeout);
                }

                took = shelf.TryDequeue(out var item) ? item : "nothing";
            }
        })
        { IsBackground = true, Name = "customer" };
        customer.Start();
        Bounded.Until(() => { lock (shelf) { return waits == 1; } }, "the customer to wait at the empty shelf");

        lock (shelf)
        {
            shelf.Enqueue("bread");
            Monitor.PulseAll(shelf);
            // The koan holds the lock, so it plays the quicker customer too: the bread is gone before anyone wakes.
            shelf.Dequeue();
        }

        Bounded.Join(customer, "the woken customer should have gone on");
        took.ShouldBe("nothing");
    }

    // With `while`, a woken waiter checks the condition again and goes back to waiting if it still does not hold.
    [Koan("The bread was snatched again; then milk came. What did the customer take, and how often did it wait?")]
    public void AWhileAroundWaitChecksAgainAfterEveryWakeUp()
    {
        var shelf = new Queue<string>();
        var waits = 0;
        string? took = null;
        var customer = Background.Started("customer", () =>
        {
            lock (shelf)
            {
                while (shelf.Count == 0)
                {
                    waits++;
                    if (!Monitor.Wait(shelf, Bounded.Timeout))
                    {
                        return;
                    }
                }

                took = shelf.TryDequeue(out var item) ? item : "nothing";
            }
        });
        Bounded.Until(() => { lock (shelf) { return waits == 1; } }, "the customer to wait at the empty shelf");
        ShelveWakeEveryoneAndSnatchItFirst(shelf, "bread");
        Bounded.Until(() => { lock (shelf) { return waits == 2 || took is not null; } }, "the woken customer to look at the shelf");
        took.ShouldBeNull($"the customer went on with an empty shelf and came away with {took}: being woken is not being served");
        ShelveAndWakeEveryone(shelf, "milk");
        Bounded.Join(customer, "the customer should have taken the milk and left");
        took.ShouldBe("milk");
        waits.ShouldBe(2);
    }

    // A pulse is not stored anywhere: if nobody is waiting at that moment, it is simply lost.
    [Koan("The bell rang before the listener came. Did the listener hear it?")]
    public void APulseWithNobodyWaitingIsLost()
    {
        var bell = new object();
        lock (bell)
        {
            Monitor.Pulse(bell);
        }

        var heard = true;
        var listener = new Thread(() =>
        {
            lock (bell)
            {
                heard = Monitor.Wait(bell, Bounded.Brief);
            }
        })
        { IsBackground = true, Name = "listener" };
        listener.Start();
        Bounded.Join(listener, "the listener waits only a moment for the bell");

        heard.ShouldBe(false);
    }

    // That many background threads, all started on body and named "name 1", "name 2", ...
    private static List<Thread> StartedThreads(int count, string name, ThreadStart body) =>
        Enumerable.Range(1, count).Select(n => Background.Started($"{name} {n}", body)).ToList();

    // Takes the lock on the gate, runs onArrival under it, then sleeps in Monitor.Wait (which lets the lock go meanwhile)
    // until the condition holds. False when a wait ran out of time with nobody waking it.
    private static bool TakeTheLockAndWaitInMonitorUntil(object gate, Func<bool> condition, Action onArrival)
    {
        lock (gate)
        {
            onArrival();
            while (!condition())
            {
                if (!Monitor.Wait(gate, Bounded.Timeout))
                {
                    return false;
                }
            }

            return true;
        }
    }

    // Puts the item on the shelf and wakes everyone waiting on it.
    private static void ShelveAndWakeEveryone(Queue<string> shelf, string item)
    {
        lock (shelf)
        {
            shelf.Enqueue(item);
            Monitor.PulseAll(shelf);
        }
    }

    // Puts the item on the shelf, wakes everyone waiting on it, and takes it away again before letting the lock go: the
    // koan plays the quicker customer, so the item is gone before anyone woken gets the lock.
    private static void ShelveWakeEveryoneAndSnatchItFirst(Queue<string> shelf, string item)
    {
        lock (shelf)
        {
            shelf.Enqueue(item);
            Monitor.PulseAll(shelf);
            shelf.Dequeue();
        }
    }
}
