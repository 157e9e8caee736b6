using System.Reflection;
using System.Runtime.ExceptionServices;

namespace ThreadingKoans.Runner.Pool;

/// <summary>One worker as the demo shows it.</summary>
/// <param name="Name">The worker thread's name.</param>
/// <param name="State">Its thread state, as text.</param>
/// <param name="Busy">Whether it was running a job.</param>
/// <param name="JobsDone">How many jobs it had finished.</param>
internal sealed record PoolWorker(string Name, string State, bool Busy, int JobsDone);

/// <summary>A pool's snapshot, read from whichever copy of <c>WorkerPool</c> was loaded.</summary>
/// <param name="QueueLength">Jobs waiting.</param>
/// <param name="Workers">Every worker.</param>
/// <param name="Completed">Jobs that ran to the end.</param>
/// <param name="Failed">Jobs that threw.</param>
internal sealed record PoolView(int QueueLength, IReadOnlyList<PoolWorker> Workers, long Completed, long Failed);

/// <summary>
/// The learner's <c>Koans.WorkerPool</c> (or the answered one in Solutions), reached by reflection: the
/// engine cannot reference the koans it runs, and a pool that is not finished must fail here with a
/// sentence, not with a missing-method crash.
/// </summary>
internal sealed class LearnerPool : IDisposable
{
    /// <summary>The pool's type, as the koans name it.</summary>
    public const string TypeName = "Koans.WorkerPool";

    private readonly IDisposable _pool;
    private readonly Action<Action> _submit;
    private readonly Func<TimeSpan, bool> _waitForIdle;
    private readonly Func<object> _snapshot;
    private readonly Func<int> _workerCount;

    private LearnerPool(IDisposable pool, Type type)
    {
        _pool = pool;
        _submit = Bind<Action<Action>>(type, "Submit");
        _waitForIdle = Bind<Func<TimeSpan, bool>>(type, "WaitForIdle");
        _snapshot = Bind<Func<object>>(type, "Snapshot");
        var count = type.GetProperty("WorkerCount") ?? throw Missing(type, "WorkerCount");
        _workerCount = () => (int)count.GetValue(_pool)!;
    }

    /// <summary>Makes a pool from the <c>WorkerPool</c> and <c>PoolOptions</c> of <paramref name="assembly"/>.</summary>
    /// <param name="assembly">The built koans.</param>
    /// <param name="options">Option names (<c>MinWorkers</c>, <c>MaxWorkers</c>, <c>GrowWhenQueueOver</c>…) and values.</param>
    public static LearnerPool Create(Assembly assembly, IReadOnlyDictionary<string, object?> options)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(options);
        var type = assembly.GetType(TypeName) ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no {TypeName}.");
        var optionsType = assembly.GetType("Koans.PoolOptions") ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no Koans.PoolOptions.");
        var shape = Activator.CreateInstance(optionsType)!;
        foreach (var (name, value) in options)
        {
            var property = optionsType.GetProperty(name) ?? throw Missing(optionsType, name);
            property.SetValue(shape, value);
        }

        try
        {
            return new LearnerPool((IDisposable)Activator.CreateInstance(type, shape)!, type);
        }
        catch (TargetInvocationException invocation) when (invocation.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
    }

    /// <summary>Workers now.</summary>
    public int WorkerCount => _workerCount();

    /// <summary>Queues a job.</summary>
    public void Submit(Action job) => _submit(job);

    /// <summary>Waits, at most <paramref name="timeout"/>, until no job is pending.</summary>
    public bool WaitForIdle(TimeSpan timeout) => _waitForIdle(timeout);

    /// <summary>The pool's own snapshot, copied into engine types.</summary>
    public PoolView Snapshot()
    {
        var snapshot = _snapshot();
        var type = snapshot.GetType();
        var workers = ((System.Collections.IEnumerable)Read(type, snapshot, "Workers")!).Cast<object>()
            .Select(worker =>
            {
                var workerType = worker.GetType();
                return new PoolWorker(
                    (string)Read(workerType, worker, "Name")!,
                    Read(workerType, worker, "State")!.ToString()!,
                    (bool)Read(workerType, worker, "Busy")!,
                    (int)Read(workerType, worker, "JobsDone")!);
            })
            .ToList();
        return new PoolView((int)Read(type, snapshot, "QueueLength")!, workers, (long)Read(type, snapshot, "Completed")!, (long)Read(type, snapshot, "Failed")!);
    }

    /// <summary>Shuts the pool down at once.</summary>
    public void Dispose() => _pool.Dispose();

    private T Bind<T>(Type type, string name)
        where T : Delegate
    {
        var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance) ?? throw Missing(type, name);
        if (typeof(T) == typeof(Func<object>))
        {
            return (T)(Delegate)(Func<object>)(() => Invoke(method, _pool, [])!);
        }

        return (T)Delegate.CreateDelegate(typeof(T), _pool, method);
    }

    private static object? Invoke(MethodInfo method, object target, object?[] arguments)
    {
        try
        {
            return method.Invoke(target, arguments);
        }
        catch (TargetInvocationException invocation) when (invocation.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
    }

    private static object? Read(Type type, object instance, string name) =>
        (type.GetProperty(name) ?? throw Missing(type, name)).GetValue(instance);

    private static InvalidOperationException Missing(Type type, string member) =>
        new($"{type.FullName} has no public {member}; the pool koans expect one.");
}
