using System.Runtime.CompilerServices;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;
using NUnit.Framework.Internal.Commands;

namespace ThreadingKoans.Engine;

/// <summary>
/// Marks a method as a koan: an NUnit test that runs in source order within its topic, is skipped while
/// an earlier koan of the same run has failed (see <see cref="StopAtFirstFailure"/>), and is abandoned with a clear
/// failure if it runs longer than <see cref="TimeoutSeconds"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class KoanAttribute : NUnitAttribute, ISimpleTestBuilder, IApplyToTest, IImplyFixture, IWrapTestMethod
{
    private readonly NUnitTestCaseBuilder _builder = new();

    /// <param name="hint">
    /// A first nudge, shown by the runner when asked; it must not give the answer away. A second, more concrete
    /// one waits out of the learner's view in <see cref="DeeperHints.Folder"/>.
    /// </param>
    /// <param name="file">Filled in by the compiler: the koan's file.</param>
    /// <param name="line">Filled in by the compiler: the koan's line, which orders koans within a topic.</param>
    public KoanAttribute(string hint, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Hint = hint;
        File = file;
        Line = line;
    }

    /// <summary>The first nudge.</summary>
    public string Hint { get; }

    /// <summary>How long the koan may run before it is abandoned and fails.</summary>
    public int TimeoutSeconds { get; init; } = 5;

    /// <summary>The full path of the koan's file.</summary>
    public string File { get; }

    /// <summary>The line of the koan's attribute in its file.</summary>
    public int Line { get; }

    public TestMethod BuildFrom(IMethodInfo method, Test? suite) => _builder.BuildTestMethod(method, suite, null);

    public void ApplyToTest(Test test)
    {
        test.Properties.Set(PropertyNames.Order, Line);
        test.Properties.Set(KoanProperties.File, File);
        test.Properties.Set(KoanProperties.Line, Line);
        test.Properties.Set(KoanProperties.Hint, Hint);
        test.Properties.Set(KoanProperties.Timeout, TimeoutSeconds);
        if (DeeperHints.For(File, test.Name) is { } deeper)
        {
            test.Properties.Set(KoanProperties.DeeperHint, deeper);
        }
    }

    public TestCommand Wrap(TestCommand command) => new KoanCommand(command, this);
}
