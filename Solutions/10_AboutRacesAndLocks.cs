namespace Koans;

[Topic("""
    When two threads update the same variable, each update is really a read followed by a write, and the
    other thread can slip in between: both read the old value, both write, and one update is lost. Here
    the bad timing is forced with gates, so every race shows itself every time. The cures: a lock, which
    lets one thread at a time run the read and the write together; Interlocked, which makes a small update
    one indivisible step; a lock on a private object that no outsider can take; and one fixed order for
    taking several locks, because two threads that each hold what the other wants wait forever.
    """)]
public class AboutRacesAndLocks
{
    // A counter that writes in its log every time it is read or written, and can stop a thread after a read.
    private sealed class LoggedCounter(int start, ConcurrentQueue<string> log, Action afterRead)
    {
        private int _value = start;

        public int Value
        {
            get
            {
                var value = _value;
                log.Enqueue($"read {value}");
                afterRead();
                return value;
            }

            set
            {
                log.Enqueue($"write {value}");
                _value = value;
            }
        }
    }

    // A tally that locks on itself: anybody holding a reference to it can take the very same lock.
    private sealed class SelfLockingTally
    {
        public int Count { get; private set; }

        public bool TryAdd()
        {
            if (!Monitor.TryEnter(this, Bounded.Brief))
            {
                Step.Act("TryAdd: kept out");
                return false;
            }

            try
            {
                Count++;
                Step.Act("TryAdd: adds one");
                return true;
            }
            finally
            {
                Monitor.Exit(this);
            }
        }
    }

    // A lost update needs no bad luck, only bad timing: both threads read before either one writes.
    [Koan("Both threads read the balance before either of them wrote. Trace what each read, what each wrote, and whose write came last.")]
    public void WhenBothThreadsReadBeforeEitherWritesAnUpdateIsLost()
    {
        var balance = 100;
        var aHasRead = new ManualResetEventSlim();
        var bothHaveRead = new Barrier(2);
        var aHasWritten = new ManualResetEventSlim();
        var a = Background.Started("A", () =>
        {
            var seen = balance;
            Step.Read($"balance {seen}");
            aHasRead.Set();
            bothHaveRead.SignalAndWait(Bounded.Timeout);
            balance = seen + 50;
            Step.Write($"balance {balance}");
            aHasWritten.Set();
        });
        Bounded.Wait(aHasRead, "A to read the balance");
        var b = Background.Started("B", () =>
        {
            var seen = balance;
            Step.Read($"balance {seen}");
            bothHaveRead.SignalAndWait(Bounded.Timeout);
            aHasWritten.Wait(Bounded.Timeout);
            balance = seen - 30;
            Step.Write($"balance {balance}");
        });
        Bounded.Join(b, "B reads after A, meets A at the barrier, waits for A's write, and takes out 30");
        Bounded.Join(a, "A reads, meets B at the barrier, and pays in 50");
        balance.ShouldBe(70, "the balance once both threads wrote");
    }

    // counter++ looks like one step, but it reads, adds and writes, and another thread fits in between.
    [Koan("The counter logs every read and every write, and each thread does Value++ once. Write the log in order.")]
    public void PlusPlusReadsAddsAndWrites()
    {
        var log = new ConcurrentQueue<string>();
        var bothHaveRead = new Barrier(2);
        var counter = new LoggedCounter(start: 7, log, () => bothHaveRead.SignalAndWait(Bounded.Timeout));
        void Increment() => counter.Value++;

        var a = Background.Started("A", Increment);
        var b = Background.Started("B", Increment);
        Bounded.Join(a, "A does Value++ once");
        Bounded.Join(b, "B does Value++ once");
        log.ToArray().ShouldBe(["read 7", "read 7", "write 8", "write 8"]);
    }

    // A lock lets one thread at a time through, so the read and the write happen with nobody in between.
    [Koan("Which C# statement lets only one thread at a time run a block of code?")]
    public void ALockKeepsTheReadAndTheWriteTogether()
    {
        var counter = 0;
        var counterLock = new object();
        var aHasRead = new ManualResetEventSlim();
        var letAWrite = new ManualResetEventSlim();
        var bHasRead = new ManualResetEventSlim();
        void Increment(Action afterRead)
        {
            // read the counter, call afterRead(), then write back what you read plus one: no other thread in between
            lock (counterLock)
            {
                var seen = counter;
                afterRead();
                counter = seen + 1;
            }
        }

        var a = Background.Started("A", () => Increment(() =>
        {
            aHasRead.Set();
            letAWrite.Wait(Bounded.Timeout);
        }));
        Bounded.Wait(aHasRead, "thread A to read the counter");
        var b = Background.Started("B", () => Increment(bHasRead.Set));
        Bounded.Until(() => bHasRead.IsSet || b.ThreadState.HasFlag(System.Threading.ThreadState.WaitSleepJoin),
            "thread B to read the counter, or to wait for its turn");
        var bReadTooSoon = bHasRead.IsSet;
        letAWrite.Set();
        Bounded.Join(a, "A writes as soon as it is let go");
        Bounded.Join(b, "B only waits for A to finish");
        bReadTooSoon.ShouldBeFalse("thread B read the counter while A was between its read and its write: a lost update");
        counter.ShouldBe(2, "an update was lost");
    }

    // Interlocked does a small update to a shared int in one indivisible step: no thread can get in between.
    [Koan("Each loop must add to total in one step that no other thread can cut in two.")]
    public void InterlockedUpdatesCannotBeCutInTwo()
    {
        const int Rounds = 200_000;
        var total = 0;
        var together = new Barrier(2);
        var ones = Background.Started("ones", () =>
        {
            together.SignalAndWait(Bounded.Timeout);
            for (var i = 0; i < Rounds; i++)
            {
                // add 1 to total
                Interlocked.Increment(ref total);
            }
        });
        var twos = Background.Started("twos", () =>
        {
            together.SignalAndWait(Bounded.Timeout);
            for (var i = 0; i < Rounds; i++)
            {
                // add 2 to total
                Interlocked.Add(ref total, 2);
            }
        });
        Bounded.Join(ones, "ones adds 1, many times");
        Bounded.Join(twos, "twos adds 2, many times");
        total.ShouldBe(3 * Rounds, $"the total is {(3 * Rounds) - total} short: updates were lost, or never made");
    }

    // CompareExchange writes only if the value is still the one you read, and tells you what it found instead.
    [Koan("Interlocked.CompareExchange(ref location, newValue, expected) writes newValue only if location still holds expected, and returns what it " +
        "found there.")]
    public void CompareExchangeLetsTheLoserTryAgain()
    {
        var counter = 0;
        var retries = 0;
        var bothHaveRead = new Barrier(2);
        void Increment()
        {
            var attempts = 0;
            while (attempts < 3)
            {
                attempts++;
                var seen = Volatile.Read(ref counter);
                if (attempts == 1)
                {
                    bothHaveRead.SignalAndWait(Bounded.Timeout);
                }

                // write seen + 1, but only if counter still holds seen; then this thread is done
                if (Interlocked.CompareExchange(ref counter, seen + 1, seen) == seen)
                {
                    return;
                }

                Interlocked.Increment(ref retries);
            }
        }

        var a = Background.Started("A", Increment);
        var b = Background.Started("B", Increment);
        Bounded.Join(a, "A tries at most three times");
        Bounded.Join(b, "B tries at most three times");
        counter.ShouldBe(2, "an update was lost, or never made");
        retries.ShouldBe(1, "exactly one thread found the counter changed after its first read");
    }

    // Check-then-act is a race too: both threads check, both see nothing there yet, both create it.
    [Koan("Both threads checked before either of them created, and each adds its choice to what it got. What do the shared settings hold at the end?")]
    public void CheckThenActLetsBothThreadsAct()
    {
        List<string>? settings = null;
        var bothHaveChecked = new Barrier(2);
        var aHasCreated = new ManualResetEventSlim();
        List<string> GetOrCreate(ManualResetEventSlim? createAfter)
        {
            var found = settings;
            if (found is null)
            {
                Step.Check("settings: none");
                bothHaveChecked.SignalAndWait(Bounded.Timeout);
                createAfter?.Wait(Bounded.Timeout);
                found = settings = [];
                Step.Act("creates the settings");
                aHasCreated.Set();
            }

            return found;
        }

        var a = Background.Started("A", () => GetOrCreate(createAfter: null).Add("dark mode"));
        Bounded.Until(() => bothHaveChecked.ParticipantsRemaining == 1, "A to check for the settings");
        var b = Background.Started("B", () => GetOrCreate(createAfter: aHasCreated).Add("large font"));
        Bounded.Join(b, "B checks, meets A, maybe creates once A has, and adds its choice");
        Bounded.Join(a, "A checks, meets B, maybe creates, and adds its choice");
        settings.ShouldBe(new List<string> { "large font" }, "the settings everyone sees from now on");
    }

    // The check and the act must be one step for other threads: hold one lock from the check to the act.
    [Koan("CheckThenCreate is only safe if no other thread runs it at the same time.")]
    public void ALockAroundCheckAndActCreatesOnlyOnce()
    {
        var settings = new SettingsMadeOnFirstUse();
        var creationLock = new object();
        var aBetweenCheckAndCreate = new PausePoint();
        var bHasChecked = new ManualResetEventSlim();
        void CheckThenCreate(Action afterCheck) => settings.CheckThenCreate(afterCheck);

        void GetOrCreate(Action afterCheck)
        {
            // run CheckThenCreate(afterCheck) so that no other thread can check or create in between
            lock (creationLock)
            {
                CheckThenCreate(afterCheck);
            }
        }

        var a = Background.Started("A", () => GetOrCreate(aBetweenCheckAndCreate.StopHere));
        aBetweenCheckAndCreate.AwaitArrival("thread A to check for the settings");
        var b = Background.Started("B", () => GetOrCreate(bHasChecked.Set));
        Bounded.Until(() => bHasChecked.IsSet || Background.IsWaiting(b), "thread B to check for the settings, or to wait for its turn");
        var bCheckedTooSoon = bHasChecked.IsSet;
        aBetweenCheckAndCreate.LetGo();
        Bounded.Join(b, "B only waits for A to finish");
        Bounded.Join(a, "A creates as soon as it is let go");
        bCheckedTooSoon.ShouldBeFalse("thread B checked while A was between its check and its create: both saw nothing there");
        settings.Created.ShouldBe(1, "the settings were created more than once");
    }

    // lock (this) shares your lock with every outsider who holds a reference to you (and a string with everyone).
    [Koan("An outsider locks the tally object for a while. Which object does TryAdd try to lock, and how many adds were counted?")]
    public void OutsidersCanTakeALockOnThis()
    {
        var tally = new SelfLockingTally();
        var holding = new ManualResetEventSlim();
        var release = new ManualResetEventSlim();
        var outsider = Background.Started("outsider", () =>
        {
            lock (tally)
            {
                Step.Lock("the tally");
                holding.Set();
                release.Wait(Bounded.Timeout);
                Step.Act("lets go of the tally");
            }
        });
        Bounded.Wait(holding, "the outsider to lock the tally");
        tally.TryAdd();
        tally.TryAdd();
        tally.TryAdd();
        release.Set();
        Bounded.Join(outsider, "the outsider lets go when released");
        tally.TryAdd();
        tally.TryAdd();
        tally.Count.ShouldBe(2, "the adds the tally counted");
    }

    // A private lock object is yours alone: no code outside can take it and block you, as it can with this.
    [Koan("Add must count under a lock, and code outside Add that locks this object must not be able to block it.")]
    public void APrivateLockObjectIsYoursAlone()
    {
        var count = 0;
        var countLock = new object();
        void Add()
        {
            // add one to count, under a lock that no code outside Add can take
            lock (countLock)
            {
                count++;
            }
        }

        // code outside Add locks this object, as any code holding a reference to it may
        lock (this)
        {
            var adder = Background.Started("adder", Add);
            Bounded.Join(adder, "Add is blocked: code outside it holds a lock on the very object Add locks");
        }

        count.ShouldBe(1, "the adder finished, but nothing was counted");
    }

    // A lock is re-entrant: the thread that holds it may take it again, and must let go as often as it took it.
    [Koan("Transfer holds the ledger's lock when it calls a method that takes the same lock. After each lock block ends, an outsider tries the lock. Write the log.")]
    public void TheHolderOfALockMayTakeItAgain()
    {
        var ledgerLock = new object();
        var log = new List<string>();
        void Deposit()
        {
            lock (ledgerLock)
            {
                Step.Lock("the ledger");
                log.Add("deposit");
            }

            log.Add(AnOutsiderTries(ledgerLock));
        }

        void Transfer()
        {
            lock (ledgerLock)
            {
                Step.Lock("the ledger");
                log.Add("withdraw");
                Deposit();
            }

            log.Add(AnOutsiderTries(ledgerLock));
        }

        Transfer();
        log.ShouldBe(new List<string> { "withdraw", "deposit", "outsider kept out", "outsider got in" });
    }

    // Two threads that take two locks in opposite orders can each hold one and wait for the other forever.
    [Koan("Each thread takes one lock, then tries the other for a moment; its note says what it held and who held what it wanted. What did A and B note?")]
    public void OppositeLockOrdersDeadlock()
    {
        var accounts = new NamedLock("accounts");
        var audit = new NamedLock("audit");
        var bothHoldOne = new Barrier(2);
        var bothHaveTried = new Barrier(2);
        string HoldOneAndTryTheOther(NamedLock first, NamedLock second)
        {
            lock (first)
            {
                first.Holder = Thread.CurrentThread.Name;
                bothHoldOne.SignalAndWait(Bounded.Timeout);
                var gotSecond = Monitor.TryEnter(second, Bounded.Brief);
                var note = gotSecond ? $"{first.Holder} got both" : $"{first.Holder} holds {first}, wants {second} from {second.Holder}";
                bothHaveTried.SignalAndWait(Bounded.Timeout);
                if (gotSecond)
                {
                    Monitor.Exit(second);
                }

                return note;
            }
        }

        var notes = new string[2];
        var a = Background.Started("A", () => notes[0] = HoldOneAndTryTheOther(accounts, audit));
        var b = Background.Started("B", () => notes[1] = HoldOneAndTryTheOther(audit, accounts));
        Bounded.Join(a, "A gives up on its second lock after a short while");
        Bounded.Join(b, "B gives up on its second lock after a short while");
        notes.ShouldBe(["A holds accounts, wants audit from B", "B holds audit, wants accounts from A"]);
    }

    // When every thread takes the locks in the same order, nobody can hold the second while waiting for the first.
    [Koan("Thread B must take both locks too, without risking a deadlock with A.")]
    public void OneLockOrderForEveryoneCannotDeadlock()
    {
        var accountsLock = new object();
        var auditLock = new object();
        var aHoldingOne = new PausePoint();
        var gotBoth = new bool[2];
        var a = Background.Started("A", () => gotBoth[0] = TakeBoth(accountsLock, auditLock, aHoldingOne.StopHere));
        aHoldingOne.AwaitArrival("thread A to take its first lock");
        var b = Background.Started("B", () =>
        {
            // take both locks for B (it needs no pause while holding the first)
            gotBoth[1] = TakeBoth(accountsLock, auditLock, () => { });
        });
        Bounded.Until(() => Background.IsWaiting(b) || !b.IsAlive, "thread B to wait for a lock, or to end");
        aHoldingOne.LetGo();
        Bounded.Join(a, "A gives up on a lock after a second at most");
        Bounded.Join(b, "B gives up on a lock after a second at most");
        gotBoth.ShouldBe([true, true],
            "a thread did not get both locks: was it caught in a deadlock, holding one lock while waiting in vain for the other, or did it never try?");
    }

    // .NET 9 brought Lock, a type made only for locking; lock (aLock) on it calls EnterScope for you.
    [Koan("Hold the gate from the missing line to the end of the block, and let it go by itself when the block ends.")]
    public void TheLockTypeHoldsItsScope()
    {
        var gate = new Lock();
        var heldInside = false;
        var outsiderGotIn = true;
        {
            using var scope = gate.EnterScope();
            heldInside = gate.IsHeldByCurrentThread;
            var outsider = Background.Started("outsider", () =>
            {
                outsiderGotIn = gate.TryEnter(Bounded.Brief);
                if (outsiderGotIn)
                {
                    gate.Exit();
                }
            });
            Bounded.Join(outsider, "the outsider tries the gate only briefly");
        }

        heldInside.ShouldBeTrue("inside the block the koan did not hold the gate");
        outsiderGotIn.ShouldBeFalse("another thread got through the gate while the koan was inside the block");
        gate.IsHeldByCurrentThread.ShouldBeFalse("the koan still holds the gate after the block: nothing let it go");
    }

    // A place in a thread's work where it stops and says so, until the koan lets it go on.
    private sealed class PausePoint
    {
        private readonly ManualResetEventSlim _arrived = new();
        private readonly ManualResetEventSlim _letGo = new();

        public void StopHere()
        {
            _arrived.Set();
            _letGo.Wait(Bounded.Timeout);
        }

        public void AwaitArrival(string what) => Bounded.Wait(_arrived, what);

        public void LetGo() => _letGo.Set();
    }

    // Takes the first lock, runs whileHoldingFirst, then tries the second briefly; true when it held both. Never waits
    // longer than its bounds.
    private static bool TakeBoth(object first, object second, Action whileHoldingFirst)
    {
        if (!Monitor.TryEnter(first, Bounded.Timeout))
        {
            return false;
        }

        try
        {
            whileHoldingFirst();
            if (!Monitor.TryEnter(second, Bounded.Brief))
            {
                return false;
            }

            Monitor.Exit(second);
            return true;
        }
        finally
        {
            Monitor.Exit(first);
        }
    }

    // Starts an outsider thread that tries the lock for a moment, and says whether it got in.
    private static string AnOutsiderTries(object lockObject)
    {
        var gotIn = false;
        var outsider = Background.Started("outsider", () =>
        {
            gotIn = Monitor.TryEnter(lockObject, Bounded.Brief);
            Step.Act(gotIn ? "gets the lock" : "is kept out");
            if (gotIn)
            {
                Monitor.Exit(lockObject);
            }
        });
        Bounded.Join(outsider, "the outsider tries the lock only for a moment");
        return gotIn ? "outsider got in" : "outsider kept out";
    }

    // An object to lock that knows its name, and which thread last took it.
    private sealed class NamedLock(string name)
    {
        public string? Holder { get; set; }

        public override string ToString() => name;
    }

    // Settings made the first time they are missing, by a check-then-act with a pause between the two.
    private sealed class SettingsMadeOnFirstUse
    {
        private List<string>? _settings;
        private int _created;

        public int Created => _created;

        public void CheckThenCreate(Action afterCheck)
        {
            var missing = _settings is null;
            Step.Check(missing ? "settings: none" : "settings: made");
            afterCheck();
            if (missing)
            {
                _settings = [];
                Step.Act("creates the settings");
                Interlocked.Increment(ref _created);
            }
        }
    }
}
