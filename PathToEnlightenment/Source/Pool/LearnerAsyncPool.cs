using System.Reflection;
using System.Runtime.ExceptionServices;

namespace ThreadingKoans.Runner.Pool;

/// <summary>
/// The learner's <c>Koans.AsyncWorkerPool</c> of topic 21 (or the answered one in Solutions), reached by
/// reflection as <see cref="LearnerPool"/> reaches the pool of threads.
/// </summary>
internal sealed class LearnerAsyncPool : IDisposable
{
    /// <summary>The async pool's type, as the koans name it.</summary>
    public const string TypeName = "Koans.AsyncWorkerPool";

    private readonly IDisposable _pool;
    private readonly MethodInfo _submit;
    private readonly MethodInfo _complete;
    private readonly PropertyInfo _completed;
    private readonly PropertyInfo _failed;

    private LearnerAsyncPool(IDisposable pool, Type type)
    {
        _pool = pool;
        _submit = type.GetMethod("Submit", [typeof(Func<Task>)]) ?? throw Missing(type, "Submit(Func<Task>)");
        _complete = type.GetMethod("CompleteAsync", Type.EmptyTypes) ?? throw Missing(type, "CompleteAsync()");
        _completed = type.GetProperty("Completed") ?? throw Missing(type, "Completed");
        _failed = type.GetProperty("Failed") ?? throw Missing(type, "Failed");
    }

    /// <summary>Makes an async pool of <paramref name="readers"/> readers from <paramref name="assembly"/>.</summary>
    public static LearnerAsyncPool Create(Assembly assembly, int readers)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var type = assembly.GetType(TypeName) ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no {TypeName}.");
        return new LearnerAsyncPool((IDisposable)Invoke(() => Activator.CreateInstance(type, readers))!, type);
    }

    /// <summary>Jobs that ran to the end.</summary>
    public long Completed => (long)_completed.GetValue(_pool)!;

    /// <summary>Jobs that threw.</summary>
    public long Failed => (long)_failed.GetValue(_pool)!;

    /// <summary>Puts a job in the pool's channel.</summary>
    public void Submit(Func<Task> job) => Invoke(() => _submit.Invoke(_pool, [job]));

    /// <summary>Takes no more jobs, and ends once every job in the pool has ended.</summary>
    public Task CompleteAsync() => (Task)Invoke(() => _complete.Invoke(_pool, []))!;

    /// <summary>Stops the pool taking jobs.</summary>
    public void Dispose() => _pool.Dispose();

    private static object? Invoke(Func<object?> call)
    {
        try
        {
            return call();
        }
        catch (TargetInvocationException invocation) when (invocation.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
    }

    private static InvalidOperationException Missing(Type type, string member) =>
        new($"{type.FullName} has no public {member}; the async pool koans expect one.");
}
