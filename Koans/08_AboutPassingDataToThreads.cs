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
    [Koan("The body expected a word. Was it handed one?")]
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

    // A lambda captures the variable itself, not a copy of its value: the thread sees what it holds when it reads.
    [Koan("The variable changed after the thread was started but before the thread read it.")]
    public void ALambdaCapturesTheVariableNotItsValue()
    {
        var word = "spam";
        string? seen = null;
        using var gate = new ManualResetEventSlim();
        var worker = new Thread(() =>
        {
            gate.Wait(Bounded.Timeout);
            seen = word;
        })
        {
            IsBackground = true,
            Name = "reader",
        };
        worker.Start();
        word = "eggs";
        gate.Set();
        Bounded.Join(worker, "the reader reads as soon as the gate opens");
        seen.ShouldBe(__);
    }

    // A thread hands its result back by writing a captured variable, and only Join makes it safe to read.
    [Koan("The first read happens while the worker still waits at its gate; the second after Join.")]
    public void TheResultIsThereOnlyOnceJoinHasReturned()
    {
        var answer = 0;
        using var mayCompute = new ManualResetEventSlim();
        var worker = new Thread(() =>
        {
            mayCompute.Wait(Bounded.Timeout);
            answer = 6 * 7;
        })
        {
            IsBackground = true,
            Name = "thinker",
        };
        worker.Start();
        var readBeforeJoin = answer;
        mayCompute.Set();
        Bounded.Join(worker, "the thinker computes as soon as it may");
        var readAfterJoin = answer;
        readBeforeJoin.ShouldBe(__, "this read came before the thinker had written anything");
        readAfterJoin.ShouldBe(__);
    }

    // With one slot per thread, many threads can hand back results at once without ever touching the same place.
    [Koan("Each worker gets its slot number through Start and writes the square of it there.")]
    public void EachThreadCanWriteItsOwnSlotOfAResultArray()
    {
        var squares = new int[4];
        var workers = new List<Thread>();
        for (var n = 0; n < squares.Length; n++)
        {
            var worker = new Thread(state =>
            {
                var slot = (int)state!;
                squares[slot] = slot * slot;
            })
            {
                IsBackground = true,
                Name = $"squarer {n}",
            };
            worker.Start(n);
            workers.Add(worker);
        }

        foreach (var worker in workers)
        {
            Bounded.Join(worker, "a squarer only writes one number");
        }

        squares.ShouldBe(__);
    }

    // A for loop has one variable for all its turns; threads that read it late all see the value it ended with.
    [Koan("The gate opens only after the loop has finished. What is i then?")]
    public void ThreadsThatReadTheLoopVariableLateAllSeeItsLastValue()
    {
        var seen = new ConcurrentQueue<int>();
        using var gate = new ManualResetEventSlim();
        var workers = new List<Thread>();
        for (var i = 0; i < 3; i++)
        {
            var worker = new Thread(() =>
            {
                gate.Wait(Bounded.Timeout);
                seen.Enqueue(i);
            })
            {
                IsBackground = true,
            };
            worker.Start();
            workers.Add(worker);
        }

        gate.Set();
        foreach (var worker in workers)
        {
            Bounded.Join(worker, "each worker reads once the gate opens");
        }

        seen.Order().ToArray().ShouldBe(__);
    }

    // A variable declared inside the loop is a new one on every turn, so each thread captures one of its own.
    [Koan("Each thread must capture a variable that no later turn of the loop will change.")]
    public void ACopyInsideTheLoopGivesEachThreadItsOwnVariable()
    {
        var seen = new ConcurrentQueue<int>();
        using var gate = new ManualResetEventSlim();
        var workers = new List<Thread>();
        for (var i = 0; i < 3; i++)
        {
            int mine = __;
            var worker = new Thread(() =>
            {
                gate.Wait(Bounded.Timeout);
                seen.Enqueue(mine);
            })
            {
                IsBackground = true,
            };
            worker.Start();
            workers.Add(worker);
        }

        gate.Set();
        foreach (var worker in workers)
        {
            Bounded.Join(worker, "each worker reads once the gate opens");
        }

        seen.Order().ToArray().ShouldBe([0, 1, 2], "the threads did not each see their own turn of the loop");
    }

    // foreach declares its variable anew for every item, so capturing it in a thread is safe.
    [Koan("The gate opens after the loop again. Does foreach share one variable like for does?")]
    public void ForeachGivesEveryTurnItsOwnVariable()
    {
        var seen = new ConcurrentQueue<string>();
        using var gate = new ManualResetEventSlim();
        var workers = new List<Thread>();
        foreach (var word in new[] { "spam", "eggs", "ham" })
        {
            var worker = new Thread(() =>
            {
                gate.Wait(Bounded.Timeout);
                seen.Enqueue(word);
            })
            {
                IsBackground = true,
            };
            worker.Start();
            workers.Add(worker);
        }

        gate.Set();
        foreach (var worker in workers)
        {
            Bounded.Join(worker, "each worker reads once the gate opens");
        }

        seen.Order(StringComparer.Ordinal).ToArray().ShouldBe(__);
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
}
