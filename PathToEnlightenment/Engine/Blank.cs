using System.Reflection;
using System.Threading.Channels;

namespace ThreadingKoans.Engine;

/// <summary>
/// The type of the value blank <c>__</c>. It converts to every type a koan compares against, so a blank
/// compiles wherever an answer of that type is expected. No value of it ever exists: reading <c>__</c>
/// throws a <see cref="BlankException"/> that points at the koan's line.
/// </summary>
/// <remarks>Add a conversion here when a new koan compares against a type not listed yet.</remarks>
public sealed class Blank
{
    private Blank()
    {
    }

    private static T Never<T>() => throw new InvalidOperationException("A blank has no value.");

#pragma warning disable IDE0060 // The parameter exists only so the conversion compiles.
    public static implicit operator int(Blank blank) => Never<int>();
    public static implicit operator long(Blank blank) => Never<long>();
    public static implicit operator double(Blank blank) => Never<double>();
    public static implicit operator decimal(Blank blank) => Never<decimal>();
    public static implicit operator bool(Blank blank) => Never<bool>();
    public static implicit operator char(Blank blank) => Never<char>();
    public static implicit operator string(Blank blank) => Never<string>();
    public static implicit operator Type(Blank blank) => Never<Type>();
    public static implicit operator TimeSpan(Blank blank) => Never<TimeSpan>();
    public static implicit operator int[](Blank blank) => Never<int[]>();
    public static implicit operator long[](Blank blank) => Never<long[]>();
    public static implicit operator string[](Blank blank) => Never<string[]>();
    public static implicit operator char[](Blank blank) => Never<char[]>();
    public static implicit operator bool[](Blank blank) => Never<bool[]>();
    public static implicit operator double[](Blank blank) => Never<double[]>();
    public static implicit operator List<int>(Blank blank) => Never<List<int>>();
    public static implicit operator List<string>(Blank blank) => Never<List<string>>();
    public static implicit operator Dictionary<string, int>(Blank blank) => Never<Dictionary<string, int>>();
    public static implicit operator ThreadState(Blank blank) => Never<ThreadState>();
    public static implicit operator ThreadPriority(Blank blank) => Never<ThreadPriority>();
    public static implicit operator BindingFlags(Blank blank) => Never<BindingFlags>();
    public static implicit operator MemberTypes(Blank blank) => Never<MemberTypes>();
    public static implicit operator TaskStatus(Blank blank) => Never<TaskStatus>();
    public static implicit operator BoundedChannelFullMode(Blank blank) => Never<BoundedChannelFullMode>();
    public static implicit operator System.Collections.Concurrent.BlockingCollection<Action>(Blank blank) => Never<System.Collections.Concurrent.BlockingCollection<Action>>();
    public static implicit operator Exception(Blank blank) => Never<Exception>();
    public static implicit operator Action(Blank blank) => Never<Action>();
    public static implicit operator Func<int>(Blank blank) => Never<Func<int>>();
    public static implicit operator Func<int, int>(Blank blank) => Never<Func<int, int>>();
    public static implicit operator Func<string, string>(Blank blank) => Never<Func<string, string>>();
    public static implicit operator TaskStatus[](Blank blank) => Never<TaskStatus[]>();
    public static implicit operator CancellationToken(Blank blank) => Never<CancellationToken>();
    public static implicit operator CancellationTokenRegistration(Blank blank) => Never<CancellationTokenRegistration>();
    public static implicit operator ThreadState[](Blank blank) => Never<ThreadState[]>();
#pragma warning restore IDE0060
}
