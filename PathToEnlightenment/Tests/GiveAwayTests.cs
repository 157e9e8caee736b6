using System.Globalization;
using Microsoft.CodeAnalysis;

namespace ThreadingKoans.Tests;

/// <summary>
/// The mechanical give-aways of a value blank: an answer the koan's name, the comment above it or its question
/// already says, and too many blanks whose answer is a bare <c>true</c> or <c>false</c>. A blank should ask for a
/// consequence the learner works out by tracing the koan's code, one step beyond what its name states.
/// </summary>
[TestFixture]
public sealed partial class GiveAwayTests
{
    /// <summary>At most this share of the value blanks of the topic files may have a boolean answer.</summary>
    private const double MostBooleanShare = 0.10;

    [Test]
    public void NoValueBlankIsAnsweredByItsKoansNameCommentOrQuestion()
    {
        var told = ValueBlanks.All
            .SelectMany(blank => blank.TellingWords().Where(blank.IsToldBefore).Select(word => $"{blank.Place} ({blank.Koan}): `{word}` of the answer `{blank.Answer}` stands in its name, comment or question"))
            .ToList();
        told.ShouldBeEmpty("a value blank whose answer the learner can read off before reading the koan's code");
    }

    [Test]
    public void AtMostOneValueBlankInTenIsABoolean()
    {
        var all = ValueBlanks.All;
        var booleans = all.Where(blank => blank.IsBoolean).ToList();
        var share = (double)booleans.Count / all.Count;
        foreach (var topic in all.GroupBy(blank => blank.File))
        {
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{topic.Key,-34} {topic.Count(),3} value blanks, {topic.Count(blank => blank.IsBoolean),2} boolean"));
        }

        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{all.Count} value blanks, {booleans.Count} boolean ({share:P0})"));
        share.ShouldBeLessThanOrEqualTo(
            MostBooleanShare,
            $"{booleans.Count} of {all.Count} value blanks are answered by true or false (or an array of them): {string.Join(", ", booleans.Select(blank => blank.Koan))}");
    }

}
