using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ThreadingKoans.Tests;

/// <summary>
/// The explanation of an answer of the wrong type in a Shouldly assertion: small koan bodies compiled in
/// memory against the framework and Shouldly, and the sentence each error gets.
/// </summary>
[TestFixture]
public sealed class ShouldlyClashTests
{
    private const string Counts = "var counts = new long[] { 1, 1 };";
    private const string Names = "var list = new List<string> { \"a\", \"b\" };";

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(ShouldBeTestExtensions).Assembly.Location)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList());

    [Test]
    public void AnIntArrayForALongArrayNamesBothArrays()
    {
        var (error, explanation) = TheError(Counts, "counts.ShouldBe(new[] { 1, 1 });");

        error.ShouldContain("ShouldBeStringTestExtensions", customMessage: "the compiler's own message points at strings");
        explanation.ShouldBe("`counts` is a long[], but your answer `new[] { 1, 1 }` is an int[]: ShouldBe compares values of the same type.");
    }

    [Test]
    public void AnArrayForAListWithAMessageNamesBothCollectionTypes()
    {
        var (error, explanation) = TheError(Names, "list.ShouldBe(new[] { \"a\", \"b\" }, \"why\");");

        error.ShouldContain("Shouldly.Case", customMessage: "the compiler's own message points at Case");
        explanation.ShouldBe(
            "`list` is a List<string>, but your answer `new[] { \"a\", \"b\" }` is a string[]: ShouldBe accepts two different "
            + "collection types only as sequences of string, and its sequence overloads do not take your other arguments in that order.");
    }

    [Test]
    public void TheRightAnswersCompile()
    {
        Compile(Counts, "counts.ShouldBe(new long[] { 1, 1 });", Names, "list.ShouldBe(new List<string> { \"a\", \"b\" }, \"why\");")
            .GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .ShouldBeEmpty();
    }

    [Test]
    public void AComparisonOfAnIntWithALongNamesBoth()
    {
        TheError("var count = 3;", "count.ShouldBeGreaterThan(0L);").Explanation
            .ShouldBe("`count` is an int, but your answer `0L` is a long: ShouldBeGreaterThan compares values of the same type.");
    }

    [Test]
    public void AnItemOfTheWrongTypeNamesTheItemType()
    {
        TheError("var list = new List<int> { 1 };", "list.ShouldContain(5L);").Explanation
            .ShouldBe("`list` is a List<int>, so its items are int, but your answer `5L` is a long: ShouldContain looks for an item of the same type as the items.");
    }

    [TestCase("var count = 3;", "int wrong = \"three\";", TestName = "an error outside any call")]
    [TestCase("var count = 3;", "string.IsNullOrEmpty(count);", TestName = "an error in a call that is not Shouldly's")]
    [TestCase("var list = new List<int> { 1 };", "list.ShouldBeInOrder(5L);", TestName = "a Shouldly call whose argument is not an expected value")]
    [TestCase("var count = 3;", "count.ShouldBe(3, \"why\", 4);", TestName = "a Shouldly call whose types agree")]
    public void OtherErrorsAreLeftToTheCompiler(string setup, string statement)
    {
        TheError(setup, statement).Explanation.ShouldBeNull();
    }

    /// <summary>The one error of the body, as the compiler words it, and its explanation.</summary>
    private static (string Error, string? Explanation) TheError(params string[] body)
    {
        var compilation = Compile(body);
        var error = compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ShouldHaveSingleItem();
        return (error.GetMessage(CultureInfo.InvariantCulture), ShouldlyClash.Explain(compilation, error));
    }

    /// <summary>A koan whose body is <paramref name="body"/>, compiled against the framework and Shouldly.</summary>
    private static CSharpCompilation Compile(params string[] body)
    {
        var source = $$"""
            using System.Collections.Generic;
            using Shouldly;

            public static class Koan
            {
                public static void Meditate()
                {
                    {{string.Join("\n        ", body)}}
                }
            }
            """;
        return CSharpCompilation.Create(
            "Snippet",
            [CSharpSyntaxTree.ParseText(source)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    }
}
