using System.Runtime.CompilerServices;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace ThreadingKoans.Engine;

/// <summary>
/// Marks a class as one topic of the path. The topic's place on the path is the number its file name
/// starts with (<c>07_AboutBackgroundThreads.cs</c> is topic 7): the file names are the one source of
/// truth for the order, and they sort the same way in every file browser.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TopicAttribute : NUnitAttribute, IApplyToTest
{
    /// <param name="intro">One paragraph that says what the topic teaches and why it matters.</param>
    /// <param name="file">Filled in by the compiler: the file the topic is written in.</param>
    public TopicAttribute(string intro, [CallerFilePath] string file = "")
    {
        Intro = intro;
        File = file;
        Number = PathOrder.TopicNumber(file);
    }

    /// <summary>The paragraph the runner shows when the learner arrives at this topic.</summary>
    public string Intro { get; }

    /// <summary>The full path of the file the topic is written in.</summary>
    public string File { get; }

    /// <summary>The topic's number on the path, from its file name; 0 when the name has none.</summary>
    public int Number { get; }

    public void ApplyToTest(Test test)
    {
        test.Properties.Set(PropertyNames.Order, Number);
        test.Properties.Set(KoanProperties.TopicIntro, Intro);
        test.Properties.Set(KoanProperties.File, File);
    }
}
