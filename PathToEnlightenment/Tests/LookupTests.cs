using Spectre.Console.Testing;

namespace ThreadingKoans.Tests;

/// <summary>
/// <c>dir</c> and <c>help</c>: how types are found (keywords, simple, generic and full names, the koans), what
/// is shown of them, pinned for types whose members and documentation do not move, and what a name that
/// leads nowhere, or to several types, gets.
/// </summary>
[TestFixture]
public sealed class LookupTests
{
    /// <summary>Wide enough that no line breaks, for the tests that look for whole lines; the pinned ones are 80 wide.</summary>
    private const int Wide = 250;

    [Test]
    public void DirListsAFrameworkTypesMembersByKind()
    {
        var (exit, output) = Dir("ManualResetEventSlim", width: 80);
        exit.ShouldBe(0);
        output.ShouldBe("""
            namespace System.Threading, in System.Private.CoreLib
            public class ManualResetEventSlim : IDisposable

            Constructors
              ManualResetEventSlim()
              ManualResetEventSlim(bool initialState)
              ManualResetEventSlim(bool initialState, int spinCount)

            Properties
              IsSet       bool        { get; }
              SpinCount   int         { get; }
              WaitHandle  WaitHandle  { get; }

            Methods
              Dispose      void
              Equals       bool        from object
              GetHashCode  int         from object
              GetType      Type        from object
              Reset        void
              Set          void
              ToString     string      from object
              Wait         bool, void  6 overloads

            help ManualResetEventSlim.<member> shows a member's documentation.

            """);
    }

    [Test]
    public void HelpShowsEveryOverloadWithItsParametersAndWhatItReturns()
    {
        var (exit, output) = Help("string.PadLeft", width: 80);
        exit.ShouldBe(0);
        output.ShouldBe("""
            ── string.PadLeft (2 overloads) ────────────────────────────────────────────────
            public string PadLeft(int totalWidth)
              Returns a new string that right-aligns the characters in this instance by
              padding them with spaces on the left, for a specified total length.
              totalWidth  The number of characters in the resulting string, equal to the
                          number of original characters plus any additional padding
                          characters.
              Returns     A new string that is equivalent to this instance, but
                          right-aligned and padded on the left with as many spaces as needed
                          to create a length of totalWidth. However, if totalWidth is less
                          than the length of this instance, the method returns a reference
                          to the existing instance. If totalWidth is equal to the length of
                          this instance, the method returns a new string that is identical
                          to this instance.
              Throws      ArgumentOutOfRangeException: totalWidth is less than zero.

            public string PadLeft(int totalWidth, char paddingChar)
              Returns a new string that right-aligns the characters in this instance by
              padding them on the left with a specified Unicode character, for a specified
              total length.
              totalWidth   The number of characters in the resulting string, equal to the
                           number of original characters plus any additional padding
                           characters.
              paddingChar  A Unicode padding character.
              Returns      A new string that is equivalent to this instance, but
                           right-aligned and padded on the left with as many paddingChar
                           characters as needed to create a length of totalWidth. However,
                           if totalWidth is less than the length of this instance, the
                           method returns a reference to the existing instance. If
                           totalWidth is equal to the length of this instance, the method
                           returns a new string that is identical to this instance.
              Throws       ArgumentOutOfRangeException: totalWidth is less than zero.

            """);
    }

    [Test]
    public void HelpOfMonitorWaitShowsAllItsOverloads()
    {
        var (exit, output) = Help("Monitor.Wait");
        exit.ShouldBe(0);
        output.ShouldStartWith("── Monitor.Wait (5 overloads) ──");
        output.ShouldContain("public static bool Wait(object obj)\n  Releases the lock on an object and blocks the current thread until it reacquires the lock.\n");
        output.ShouldContain("public static bool Wait(object obj, int millisecondsTimeout)");
        output.ShouldContain("public static bool Wait(object obj, TimeSpan timeout, bool exitContext)");
        output.ShouldContain("  obj ");
        output.ShouldContain("  Returns ");
        output.ShouldContain("  Throws  ");
        output.ShouldContain("ArgumentNullException: ");
        output.ShouldNotContain("<see");
        output.ShouldNotContain("cref=");
    }

    [TestCase("string", "public sealed class String : ")]
    [TestCase("int", "public struct Int32 : ")]
    [TestCase("Thread", "public sealed class Thread : CriticalFinalizerObject")]
    [TestCase("thread", "public sealed class Thread : CriticalFinalizerObject")]
    [TestCase("System.Threading.Monitor", "public static class Monitor")]
    [TestCase("Threading.Monitor", "public static class Monitor")]
    [TestCase("List", "public class List<T> : ")]
    [TestCase("List<T>", "public class List<T> : ")]
    [TestCase("List<int>", "public class List<T> : ")]
    [TestCase("List`1", "public class List<T> : ")]
    [TestCase("BlockingCollection", "public class BlockingCollection<T> : ")]
    [TestCase("Func<,>", "public delegate TResult Func<in T, out TResult>(T arg)")]
    [TestCase("Environment.SpecialFolder", "public enum Environment.SpecialFolder")]
    [TestCase("Channel", "public static class Channel")]
    public void TypesAreFoundByKeywordSimpleGenericOrFullName(string name, string declaration)
    {
        var (exit, output) = Dir(name);
        exit.ShouldBe(0);
        output.Split('\n')[1].ShouldStartWith(declaration);
    }

    [Test]
    public void TypeNamesAreWrittenAsInCSharp()
    {
        var (_, output) = Help("Dictionary<TKey, TValue>.TryGetValue");
        output.ShouldContain("public bool TryGetValue(TKey key, out TValue value)");
        Help("Interlocked.Increment").Output.ShouldContain("public static int Increment(ref int location)");
        Help("Task.Run").Output.ShouldContain("public static Task<TResult> Run<TResult>(Func<TResult> function)");
        Help("string.Split").Output.ShouldContain("public string[] Split(char separator, StringSplitOptions options = StringSplitOptions.None)");
        Help("string.Join").Output.ShouldContain("public static string Join(string separator, params string[] value)");
        Help("Enumerable.Select").Output.ShouldContain("public static IEnumerable<TResult> Select<TSource, TResult>(this IEnumerable<TSource> source, Func<TSource, TResult> selector)");
        Help("Timeout.Infinite").Output.ShouldContain("public const int Infinite = -1");
    }

    [Test]
    public void AGenericFamilyWithoutTypeArgumentsMeansItsFewest()
    {
        var (exit, output) = Dir("Task");
        exit.ShouldBe(0);
        output.Split('\n')[1].ShouldStartWith("public class Task : ");
        output.ShouldContain("Of the same name, with more type parameters: System.Threading.Tasks.Task<TResult>.");
    }

    [Test]
    public void AnUnknownTypeGetsTheNearestNamesAndExitCodeTwo()
    {
        var (exit, output) = Dir("Thred");
        exit.ShouldBe(ExitCodes.Usage);
        output.ShouldStartWith("No type named Thred was found in .NET or in your koans.\nThe nearest names:\n  System.Threading.Thread\n");
    }

    [Test]
    public void AnAmbiguousNameListsTheTypesItCouldBeAndExitCodeTwo()
    {
        var (exit, output) = Dir("Timer");
        exit.ShouldBe(ExitCodes.Usage);
        output.ShouldStartWith("Timer is the name of ");
        output.ShouldContain("Name the one you mean in full:\n");
        output.ShouldContain("\n  System.Threading.Timer\n");
        output.ShouldContain("\n  System.Timers.Timer\n");
    }

    [Test]
    public void NoNameAtAllGetsExamplesAndExitCodeTwo()
    {
        var (exit, output) = Dir(" ");
        exit.ShouldBe(ExitCodes.Usage);
        output.ShouldBe("Name what to look up, for example: dir Thread, dir string, dir AboutThreads.\n");
    }

    [Test]
    public void AnObsoleteMemberSaysSo()
    {
        var (exit, output) = Help("Thread.Abort");
        exit.ShouldBe(0);
        output.ShouldContain("public void Abort()\n  Obsolete: Thread.Abort is not supported and throws PlatformNotSupportedException.\n");
        Dir("Thread").Output.ShouldMatch(@"\n +Suspend +void +obsolete\n");
    }

    [Test]
    public void AnUnknownMemberGetsTheNearestMemberNamesAndExitCodeTwo()
    {
        var (exit, output) = Help("Thread.Joon");
        exit.ShouldBe(ExitCodes.Usage);
        output.ShouldStartWith("System.Threading.Thread has no public member named Joon.\nThe nearest names:\n  Join\n");
        Help("Thred.Join").Exit.ShouldBe(ExitCodes.Usage);
    }

    [Test]
    public void DirFindsTheKoansWithoutRunningThem()
    {
        var (exit, output) = Dir("AboutThreads");
        exit.ShouldBe(0);
        output.ShouldStartWith("namespace Koans, in Koans\npublic class AboutThreads\n");
        output.ShouldContain("\n  AThreadDoesNothingUntilItIsStarted ");
        output.ShouldContain("\n  ToString  ");
        output.ShouldContain("from object\n");
        // Read as metadata only: the koans were never loaded into this process, so none of their code ran.
        AppDomain.CurrentDomain.GetAssemblies().ShouldNotContain(assembly => assembly.GetName().Name == "Koans");
    }

    [Test]
    public void AKoanWithoutDocumentationSaysSoAndShowsItsComment()
    {
        var (exit, output) = Help("AboutThreads.AThreadDoesNothingUntilItIsStarted");
        exit.ShouldBe(0);
        output.ShouldContain("""
            public void AThreadDoesNothingUntilItIsStarted()
              No documentation was found for AboutThreads.AThreadDoesNothingUntilItIsStarted.
              The comment above the koan:
                Making a Thread only describes the work; nothing runs until someone starts it.
            """);
    }

    [Test]
    public void HelpOfATopicShowsItsIntroduction()
    {
        var (exit, output) = Help("AboutThreads");
        exit.ShouldBe(0);
        output.ShouldContain("No documentation was found for AboutThreads.");
        output.ShouldContain("A thread is a second line of work running beside yours.");
    }

    [Test]
    public void HelpOfATypeShowsItsSummary()
    {
        var (exit, output) = Help("Thread");
        exit.ShouldBe(0);
        output.ShouldContain("public sealed class Thread : CriticalFinalizerObject\n  Creates and controls a thread, sets its priority, and gets its status.\n");
        output.ShouldContain("dir Thread lists its members.");
    }

    [Test]
    public void TheEngineTheKoansUseIsDocumentedToo()
    {
        var (exit, output) = Help("Bounded.Join");
        exit.ShouldBe(0);
        output.ShouldContain("public static void Join(Thread thread, string because)");
        output.ShouldContain("Waits for thread to finish; fails with its name and state if it does not.");
    }

    [TestCase("string", "System.String", 0)]
    [TestCase("List<T>", "List", 1)]
    [TestCase("Dictionary<,>", "Dictionary", 2)]
    [TestCase("Dictionary<TKey, List<int>>", "Dictionary", 2)]
    [TestCase("List`1", "List", 1)]
    [TestCase("Dictionary<TKey, TValue>.KeyCollection", "Dictionary.KeyCollection", null)]
    [TestCase("Environment+SpecialFolder", "Environment.SpecialFolder", null)]
    [TestCase(" Thread ", "Thread", null)]
    public void TypeNamesAreReadAsTyped(string text, string name, int? arity) =>
        TypeQuery.Parse(text).ShouldBe(new TypeQuery(name, arity));

    [TestCase("Join", "join", 0)]
    [TestCase("Thred", "Thread", 1)]
    [TestCase("", "abc", 3)]
    [TestCase("kitten", "sitting", 3)]
    public void EditDistanceCountsInsertionsDeletionsAndReplacements(string first, string second, int distance) =>
        EditDistance.Between(first, second).ShouldBe(distance);

    private static (int Exit, string Output) Dir(string type, int width = Wide) => Run(lookup => lookup.Dir(new RepoLayout(RepoPaths.Root), type), width);

    private static (int Exit, string Output) Help(string member, int width = Wide) => Run(lookup => lookup.Help(new RepoLayout(RepoPaths.Root), member), width);

    private static (int Exit, string Output) Run(Func<Lookup, int> command, int width)
    {
        var console = new TestConsole();
        console.Profile.Width = width;
        var exit = command(new Lookup(console));
        // Spectre pads some lines to the console's width; the trailing blanks are invisible, so not pinned.
        var lines = console.Output.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd(' '));
        return (exit, string.Join('\n', lines));
    }
}
