namespace Koans;

[Topic("""
    A thread is only useful if it gets its work in and its result out. Work goes in as one object handed
    to Start, or through the variables a lambda captures; results come out through captured variables,
    an array with one slot per thread, or a Task. Captured variables are shared, not copied: what a thread
    reads is whatever the variable holds at the moment it reads it, and a result is only safe to read once
    Join has said the thread is done.
    """)]
public class AboutPassingDataToThreads
{
    // A job description for a thread: several fields travel together as one object, and the answer can ride back in it.
    private sealed record KitchenOrder(string Dish, int Portions)
    {
        public string? Served { get; set; }
    }

    // Start(object) is the oldest way to give a thread its input: the body receives it as its parameter.
    [Koan("The worker keeps whatever it is handed. Start has an overload that hands it something.")]
    public void StartCanHandTheThreadOneObject()
    {
        object? received = null;
        var worker = new Thread(state => received = state) { IsBackground = true, Name = "keeper" };
        ___();
        Bounded.Join(worker, "the keeper only stores what it was handed");
        received.ShouldBe("spam", "the keeper ran, but it was handed nothing to keep");
    }

    // Start takes any object at all, so the compiler cannot stop a wrong one: the body must check what it got.
    [Koan("The body hopes for a word. Look at what Start hands it, and which branch writes the report.")]
    public void StartCannotCheckTheTypeOfWhatItIsGiven()
    {
        string? report = null;
        var worker = new Thread(state => report = state is string word
            ? $"a word of {word.Length} letters"
            : $"not a word but {state?.GetType().Name}")
        {
            IsBackground = true,
            Name = "reader",
        };
        worker.Start(42);
        Bounded.Join(worker, "the reader only writes one report");
        report.ShouldBe(__);
    }

    // A lambda can use the locals around it directly: as many as it needs, each with its own type, no casts.
    [Koan("The thread multiplies two locals of the koan. Do the sum yourself.")]
    public void ALambdaCanUseTheLocalsAroundIt()
    {
        var price = 3;
        var tins = 4;
        var bill = 0;
        var worker = new Thread(() => bill = price * tins) { IsBackground = true, Name = "cashier" };
        worker.Start();
        Bounded.Join(worker, "the cashier only multiplies two numbers");
        bill.ShouldBe(__);
    }

    // Start hands the thread the value its argument has at that moment; a lambda reads the variable itself, whenever it reads.
    [Koan("word changes after both readers have started, before either reads. Trace what each of them reads.")]
    public void StartHandsOverAValueWhereALambdaSharesTheVariable()
    {
        var word = "spam";
        string? handedOver = null;
        string? captured = null;
        using var gate = new ManualResetEventSlim();
        var handed = new Thread(state =>
        {
            gate.Wait(Bounded.Timeout);
            handedOver = (string?)state;
        }) { IsBackground = true, Name = "handed" };
        var capturing = new Thread(() =>
        {
            gate.Wait(Bounded.Timeout);
            captured = word;
        }) { IsBackground = true, Name = "capturing" };
        handed.Start(word);
        capturing.Start();
        word = "eggs";
        gate.Set();
        Bounded.Join(handed, "the handed reader reads as soon as the gate opens");
        Bounded.Join(capturing, "the capturing reader reads as soon as the gate opens");
        new[] { handedOver, captured }.ShouldBe(__, "what the handed reader saw, what the capturing reader saw");
    }

    // A thread hands its results back by writing a captured variable, and only Join makes the whole of them safe to read.
    [Koan("The koan counts what was served twice: once when the waiter is halfway, once after Join.")]
    public void TheResultIsThereOnlyOnceJoinHasReturned()
    {
        var served = new List<string>();
        using var halfway = new ManualResetEventSlim();
        using var mayGoOn = new ManualResetEventSlim();
        var waiter = new Thread(() =>
        {
            served.Add("soup");
            halfway.Set();
            mayGoOn.Wait(Bounded.Timeout);
            served.Add("bread");
            served.Add("cheese");
        }) { IsBackground = true, Name = "waiter" };
        waiter.Start();
        Bounded.Wait(halfway, "the waiter to serve the first dish");
        var countedHalfway = served.Count;
        mayGoOn.Set();
        Bounded.Join(waiter, "the waiter serves the rest as soon as it may");
        new[] { countedHalfway, served.Count }.ShouldBe(__, "dishes counted halfway, dishes counted after Join");
    }

    // With one slot per thread, many threads can hand back results at once without ever touching the same place.
    [Koan("Each counter gets its slot number through Start, and writes there the length of the word in that slot.")]
    public void EachThreadCanWriteItsOwnSlotOfAResultArray()
    {
        var words = new[] { "spam", "eggs", "ham", "baked beans" };
        var letters = new int[words.Length];
        var counters = new List<Thread>();
        for (var n = words.Length - 1; n >= 0; n--)
        {
            var counter = new Thread(state =>
            {
                var slot = (int)state!;
                letters[slot] = words[slot].Length;
            }) { IsBackground = true, Name = $"counter {n}" };
            counter.Start(n);
            counters.Add(counter);
        }

        counters.ForEach(counter => Bounded.Join(counter, "a counter only writes one number"));
        letters.ShouldBe(__, "the letters array, slot 0 first");
    }

    // A for loop has one i for all its turns: a thread reads whatever i holds when it reads, not the turn that started it.
    [Koan("Each reader reads i when its own gate opens. Find where each gate is opened, and what i holds then.")]
    public void AThreadReadsTheLoopVariableAsItIsWhenItReads()
    {
        var seen = new ConcurrentQueue<int>();
        var gates = new List<ManualResetEventSlim>();
        var readers = new List<Thread>();
        for (var i = 0; i < 3; i++)
        {
            var gate = new ManualResetEventSlim();
            gates.Add(gate);
            readers.Add(new Thread(() =>
            {
                gate.Wait(Bounded.Timeout);
                seen.Enqueue(i);
            }) { IsBackground = true, Name = $"reader {i}" });
            readers[i].Start();
            if (i == 1)
            {
                LetThrough(gates[0], readers[0]);
            }
        }

        LetThrough(gates[1], readers[1]);
        LetThrough(gates[2], readers[2]);
        seen.ToArray().ShouldBe(__, "what the readers saw, in the order they read");
    }

    // A variable declared inside the loop is a new one on every turn; one declared outside is shared by every turn, copy or not.
    [Koan("Each reader reads two copies of i once the gate opens: one declared inside the loop, one outside it.")]
    public void ACopyInsideTheLoopGivesEachThreadItsOwnVariable()
    {
        var seen = new ConcurrentQueue<string>();
        using var gate = new ManualResetEventSlim();
        var readers = new List<Thread>();
        var outside = 0;
        for (var i = 0; i < 3; i++)
        {
            var inside = i;
            outside = i;
            var reader = new Thread(() =>
            {
                gate.Wait(Bounded.Timeout);
                seen.Enqueue($"{inside}/{outside}");
            }) { IsBackground = true, Name = $"reader {i}" };
            reader.Start();
            readers.Add(reader);
        }

        gate.Set();
        readers.ForEach(reader => Bounded.Join(reader, "each reader reads once the gate opens"));
        seen.Order(StringComparer.Ordinal).ToArray().ShouldBe(__, "inside/outside as the readers saw them, sorted");
    }

    // One state object carries several fields in through Start, and can carry the result back out in the same object.
    [Koan("The cook repeats the dish as many times as the order says, with spaces between.")]
    public void AStateObjectCarriesSeveralFieldsInAndTheResultOut()
    {
        var order = new KitchenOrder("spam", 3);
        var cook = new Thread(state =>
        {
            var mine = (KitchenOrder)state!;
            mine.Served = string.Join(" ", Enumerable.Repeat(mine.Dish, mine.Portions));
        })
        {
            IsBackground = true,
            Name = "cook",
        };
        cook.Start(order);
        Bounded.Join(cook, "the cook only fills one order");
        order.Served.ShouldBe(__);
    }

    // A Task<T> brings its result back typed: wait for it, with a bound, then read Result.
    [Koan("The task adds up the letters of three words.")]
    public void ATaskHandsBackATypedResult()
    {
        var words = new[] { "spam", "eggs", "ham" };
        var letters = Task.Run(() => words.Sum(word => word.Length));
        letters.Wait(Bounded.Timeout).ShouldBeTrue("the task did not finish within a second");
        letters.Result.ShouldBe(__);
    }

    // Opens a reader's gate and waits until it has read.
    private static void LetThrough(ManualResetEventSlim gate, Thread reader)
    {
        gate.Set();
        Bounded.Join(reader, "the reader reads as soon as its gate opens");
    }
}
