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
    [Koan("Visitors come one at a time while the gate is opened and closed around them. Close it where the comment says; then, who got through?")]
    public void AManualGateStaysOpenUntilItIsReset()
    {
        var gate = new ManualResetEventSlim();
        var through = new List<string>();
        VisitBriefly(gate, "Ann", through);
        gate.Set();
        VisitBriefly(gate, "Bob", through);
        VisitBriefly(gate, "Cid", through);

        // close the gate again
        gate.Reset();

        gate.IsSet.ShouldBeFalse("the gate is still open: nothing closed it");
        VisitBriefly(gate, "Dee", through);
        gate.Set();
        VisitBriefly(gate, "Eve", through);
        VisitBriefly(gate, "Fay", through);
        through.ShouldBe(new List<string> { "Bob", "Cid", "Eve", "Fay" });
    }

    // An AutoResetEvent is a turnstile: each Set lets exactly one waiter through and then it closes again.
    [Koan("The turnstile was set before any waiter came. How many waiters were still waiting when the loop began? Then give the loop its missing line.")]
    public void AnAutoResetEventLetsOneWaiterThroughPerSet()
    {
        var turnstile = new AutoResetEvent(false);
        turnstile.Set();
        turnstile.Set();
        var through = new CountdownEvent(3);
        var waiters = StartedThreads(3, "waiter", () =>
        {
            if (turnstile.WaitOne(Bounded.Timeout))
            {
                through.Signal();
            }
        });
        Bounded.Until(() => through.CurrentCount < through.InitialCount, "a waiter to pass the turnstile");
        _ = through.Wait(Bounded.Brief); // a moment for any other waiter to pass as well
        var stillWaiting = through.CurrentCount;

        while (through.CurrentCount > 0)
        {
            var before = through.CurrentCount;

            // let one more waiter through
            turnstile.Set();

            Bounded.Until(() => through.CurrentCount < before, "the next waiter to pass the turnstile");
        }

        waiters.ForEach(waiter => Bounded.Join(waiter, "a waiter that passed the turnstile has nothing left to do"));
        stillWaiting.ShouldBe(2, "the waiters still waiting when the loop began");
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
    [Koan("What must a guest do on the way out? Then trace CurrentCount, the free places, at the three moments the koan notes it.")]
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

        var freePlaces = new List<int> { room.CurrentCount };
        leave[(outside + 1) % 3].Set();
        Bounded.Wait(inside[outside], "the guest outside to get in after one guest left");
        freePlaces.Add(room.CurrentCount);
        Array.ForEach(leave, signal => signal.Set());
        guests.ForEach(guest => Bounded.Join(guest, "every guest leaves when told to"));
        freePlaces.Add(room.CurrentCount);
        freePlaces.ShouldBe(new List<int> { 0, 0, 2 }, "the free places at the three moments the koan noted them");
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
        workers.ForEach(worker => Bounded.Join(worker, "a worker past the barrier has nothing left to do"));
    }

    // A barrier's post-phase action runs once per phase, after every participant's part of that phase is in.
    [Koan("The action notes the arrivals so far each time a leg ends. Count the participants, and the legs each one walks.")]
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
    [Koan("One PulseAll woke both customers, and each of them looks at the shelf only once. What did each come away with?")]
    public void AnIfAroundWaitGoesOnAfterTheThingItWaitedForIsGone()
    {
        var shelf = new Queue<string>();
        var waits = 0;
        var took = new ConcurrentQueue<string>();
        var customers = StartedThreads(2, "customer", () =>
        {
            lock (shelf)
            {
                if (shelf.Count == 0)
                {
                    waits++;
                    Monitor.Wait(shelf, Bounded.Timeout);
                }

                took.Enqueue(shelf.TryDequeue(out var item) ? item : "nothing");
            }
        });
        Bounded.Until(() => { lock (shelf) { return waits == 2; } }, "both customers to wait at the empty shelf");
        ShelveAndWakeEveryone(shelf, "bread");
        customers.ForEach(customer => Bounded.Join(customer, "a woken customer should have gone on"));
        took.Order(StringComparer.Ordinal).ToArray().ShouldBe(new[] { "bread", "nothing" });
    }

    // With `while`, a woken waiter checks the condition again and goes back to waiting if it still does not hold.
    [Koan("Each item shelved wakes the customer. Count its waits: every wake-up sends it back to the test of its while.")]
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
                    Step.Check("shelf: empty");
                    waits++;
                    if (!Monitor.Wait(shelf, Bounded.Timeout))
                    {
                        return;
                    }
                }

                took = shelf.TryDequeue(out var item) ? item : "nothing";
                Step.Act($"takes {took}");
            }
        });
        Bounded.Until(() => Under(shelf, () => waits > 0), "the customer to wait at the empty shelf");
        ShelveSnatchItFirstAndWatchTheCustomerLook(shelf, "bread", () => waits, () => took);
        ShelveSnatchItFirstAndWatchTheCustomerLook(shelf, "cheese", () => waits, () => took);
        ShelveAndWakeEveryone(shelf, "milk");
        Bounded.Join(customer, "the customer should have taken the milk and left");
        waits.ShouldBe(3);
    }

    // A pulse is not stored anywhere: if nobody is waiting at that moment, it is simply lost.
    [Koan("The bell is rung before the listener comes, and while it listens. How many times was it rung, and how many rings did the listener hear?")]
    public void APulseWithNobodyWaitingIsLost()
    {
        var bell = new object();
        var listening = false;
        var rings = 0;
        var heard = 0;
        void Ring()
        {
            RingThe(bell);
            rings++;
        }

        Ring();
        Ring();
        Ring();
        var listener = Background.Started("listener", () =>
        {
            lock (bell)
            {
                listening = true;
                Step.Act("waits for a ring");
                var patience = Bounded.Timeout;
                while (Monitor.Wait(bell, patience))
                {
                    heard++;
                    Step.Act("hears a ring");
                    patience = Bounded.Brief; // after a ring, it listens only a moment longer for another
                }

                Step.Act("quiet: stops listening");
            }
        });
        Bounded.Until(() => Under(bell, () => listening), "the listener to listen for the bell");
        Ring();
        Bounded.Join(listener, "the listener stops once the bell has been quiet for a moment");
        new[] { rings, heard }.ShouldBe(new[] { 4, 1 }, "rings rung, rings heard");
    }

    // That many background threads, all started on body and named "name 1", "name 2", ...
    private static List<Thread> StartedThreads(int count, string name, ThreadStart body) =>
        Enumerable.Range(1, count).Select(n => Background.Started($"{name} {n}", body)).ToList();

    // What read says, read while holding the lock on lockObject.
    private static T Under<T>(object lockObject, Func<T> read)
    {
        lock (lockObject)
        {
            return read();
        }
    }

    // Rings the bell: one Monitor.Pulse, under the bell's lock as Pulse requires.
    private static void RingThe(object bell)
    {
        lock (bell)
        {
            Monitor.Pulse(bell);
            Step.Act("rings the bell: Pulse");
        }
    }

    // A visitor thread that waits at the gate a moment, and is let through only if it is open in that time.
    private static void VisitBriefly(ManualResetEventSlim gate, string visitor, List<string> through)
    {
        var passed = false;
        var thread = Background.Started(visitor, () => passed = gate.Wait(Bounded.Brief));
        Bounded.Join(thread, "a visitor waits at the gate only a moment");
        if (passed)
        {
            through.Add(visitor);
        }
    }

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
            Step.Act($"shelves {item}, wakes all");
        }
    }

    // Shelves the item, wakes everyone and snatches it first (as below); then waits until the woken customer has looked
    // at the shelf: it waited once more, or it took something, which it must not have done.
    private static void ShelveSnatchItFirstAndWatchTheCustomerLook(Queue<string> shelf, string item, Func<int> waits, Func<string?> took)
    {
        var waitsBefore = Under(shelf, waits);
        ShelveWakeEveryoneAndSnatchItFirst(shelf, item);
        Bounded.Until(() => Under(shelf, () => waits() > waitsBefore || took() is not null), "the woken customer to look at the shelf");
        took().ShouldBeNull($"the customer went on with an empty shelf and came away with {took()}: being woken is not being served");
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
            Step.Act($"wakes all, snatches {item}");
        }
    }
}
