using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ThreadingKoans.Runner.Running;

/// <summary>
/// Explains, in the learner's words, a compile error that the C# compiler words misleadingly: an answer
/// of the wrong type in a Shouldly assertion. <c>counts.ShouldBe(new[] { 1, 1 })</c> on a <c>long[]</c> makes
/// the compiler talk about <c>ShouldBeStringTestExtensions</c> and a receiver of type <c>string</c>; the
/// real trouble is that a <c>long[]</c> is compared with an <c>int[]</c>. The explanation names the two
/// types that disagree and never the answer.
/// </summary>
internal static class ShouldlyClash
{
    /// <summary>The errors a type clash in a Shouldly call shows up as.</summary>
    private static readonly HashSet<string> ClashCodes = new(StringComparer.Ordinal)
    {
        "CS0121", // the call is ambiguous between two overloads
        "CS0411", // the type arguments cannot be inferred
        "CS1061", // no accessible extension method accepts the receiver
        "CS1502", // the best overload has some invalid arguments
        "CS1503", // argument N: cannot convert
        "CS1929", // the best extension method requires a receiver of another type
    };

    /// <summary>The compiler errors that may be a type clash in a Shouldly call.</summary>
    public static IReadOnlySet<string> Codes => ClashCodes;

    /// <summary>Answers quoted longer than this are cut short.</summary>
    private const int LongestQuote = 40;

    /// <summary>
    /// The explanation of <paramref name="diagnostic"/>, one of the errors of <paramref name="compilation"/>,
    /// or null when it is not a type clash in a Shouldly call.
    /// </summary>
    public static string? Explain(Compilation compilation, Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        ArgumentNullException.ThrowIfNull(diagnostic);
        var tree = diagnostic.Location.SourceTree;
        if (tree is null || !compilation.ContainsSyntaxTree(tree))
        {
            return null;
        }

        return Explain(compilation.GetSemanticModel(tree), diagnostic.Location.SourceSpan, diagnostic.Id);
    }

    /// <summary>
    /// The explanation of the error <paramref name="errorCode"/> (such as <c>CS1929</c>) reported at
    /// <paramref name="errorSpan"/> of the tree <paramref name="model"/> binds, or null unless the error sits on
    /// a Shouldly call (<c>actual.ShouldSomething(expected, ...)</c>) or on one of its arguments, and the
    /// actual value's type and the expected value's type disagree.
    /// </summary>
    public static string? Explain(SemanticModel model, TextSpan errorSpan, string errorCode)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!ClashCodes.Contains(errorCode) || !model.SyntaxTree.GetRoot().FullSpan.Contains(errorSpan))
        {
            return null;
        }

        if (ShouldlyCall(model.SyntaxTree.GetRoot().FindNode(errorSpan, getInnermostNodeForTie: true), errorSpan) is not { } found
            || Answer(found.Call) is not { } answer)
        {
            return null;
        }

        var (call, access) = found;
        var method = access.Name.Identifier.ValueText;
        var actualType = model.GetTypeInfo(access.Expression).Type;
        var answerType = model.GetTypeInfo(answer).Type;
        if (actualType is null || answerType is null || actualType.TypeKind == TypeKind.Error || answerType.TypeKind == TypeKind.Error
            || SymbolEqualityComparer.Default.Equals(actualType, answerType))
        {
            return null;
        }

        var extensions = ShouldlyExtensions(model.Compilation, method);
        if (!extensions.Any(TakesAnExpectedValue))
        {
            return null;
        }

        var actual = $"`{Quote(access.Expression)}` is {Article(actualType)}";
        var yours = $"your answer `{Quote(answer)}` is {Article(answerType)}";
        if (ItemType(actualType) is { } itemType && extensions.Any(LooksForAnItem))
        {
            return SymbolEqualityComparer.Default.Equals(itemType, answerType)
                ? null
                : $"{actual}, so its items are {Show(itemType)}, but {yours}: {method} looks for an item of the same type as the items.";
        }

        if (!FailsWithTheAnswerAlone(model, call, access, answer))
        {
            // Some overload takes these two types (a sequence one, say), so the rest of the call is at fault.
            return ItemType(actualType) is { } items && SymbolEqualityComparer.Default.Equals(items, ItemType(answerType))
                ? $"{actual}, but {yours}: {method} accepts two different collection types only as sequences of {Show(items)}, and its sequence overloads do not take your other arguments in that order."
                : null;
        }

        return $"{actual}, but {yours}: {method} compares values of the same type.";
    }

    /// <summary>
    /// The invocation of a Shouldly-style extension method (<c>receiver.ShouldX(...)</c>) the error at
    /// <paramref name="errorSpan"/> sits on: on its receiver, on its name, on the whole call, or on one of its
    /// arguments.
    /// </summary>
    private static (InvocationExpressionSyntax Call, MemberAccessExpressionSyntax Access)? ShouldlyCall(SyntaxNode node, TextSpan errorSpan)
    {
        foreach (var call in node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is not MemberAccessExpressionSyntax access
                || !access.Name.Identifier.ValueText.StartsWith("Should", StringComparison.Ordinal))
            {
                continue;
            }

            var onTheCall = errorSpan == call.Span
                || errorSpan == access.Span
                || errorSpan == access.Expression.Span
                || access.Name.Span.Contains(errorSpan)
                || call.ArgumentList.Arguments.Any(argument => argument.Span == errorSpan || argument.Expression.Span == errorSpan);
            if (onTheCall)
            {
                return (call, access);
            }
        }

        return null;
    }

    /// <summary>The expected value of <paramref name="call"/>: its first argument, unless that is named otherwise.</summary>
    private static ExpressionSyntax? Answer(InvocationExpressionSyntax call)
    {
        if (call.ArgumentList.Arguments.FirstOrDefault() is not { } first)
        {
            return null;
        }

        return first.NameColon is null || first.NameColon.Name.Identifier.ValueText == "expected" ? first.Expression : null;
    }

    /// <summary>Shouldly's extension methods called <paramref name="name"/>.</summary>
    private static List<IMethodSymbol> ShouldlyExtensions(Compilation compilation, string name)
    {
        var shouldly = compilation.GlobalNamespace.GetNamespaceMembers().FirstOrDefault(space => space.Name == "Shouldly");
        if (shouldly is null)
        {
            return [];
        }

        return shouldly.GetTypeMembers()
            .Where(type => type.IsStatic)
            .SelectMany(type => type.GetMembers(name).OfType<IMethodSymbol>())
            .Where(method => method.IsExtensionMethod && method.Parameters.Length >= 2)
            .ToList();
    }

    /// <summary>Whether the argument after the receiver is the value the receiver is compared with.</summary>
    private static bool TakesAnExpectedValue(IMethodSymbol method) => method.Parameters[1].Name == "expected";

    /// <summary>Whether <paramref name="method"/> looks for one item in a sequence: <c>(IEnumerable&lt;T&gt; actual, T expected)</c>.</summary>
    private static bool LooksForAnItem(IMethodSymbol method) =>
        method.TypeParameters.Length == 1
        && TakesAnExpectedValue(method)
        && SymbolEqualityComparer.Default.Equals(method.Parameters[1].Type, method.TypeParameters[0])
        && method.Parameters[0].Type is INamedTypeSymbol { Arity: 1 } sequence
        && sequence.ConstructedFrom.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;

    /// <summary>The item type of a sequence other than a string, or null.</summary>
    private static ITypeSymbol? ItemType(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String)
        {
            return null;
        }

        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        var sequences = type.AllInterfaces.Append(type)
            .OfType<INamedTypeSymbol>()
            .Where(candidate => candidate.ConstructedFrom.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            .Select(sequence => sequence.TypeArguments[0])
            .Distinct<ITypeSymbol>(SymbolEqualityComparer.Default)
            .ToList();
        return sequences.Count == 1 ? sequences[0] : null;
    }

    /// <summary>
    /// Whether the call fails even with the answer as its only argument: then no overload takes the
    /// receiver's type and the answer's type together.
    /// </summary>
    private static bool FailsWithTheAnswerAlone(SemanticModel model, InvocationExpressionSyntax call, MemberAccessExpressionSyntax access, ExpressionSyntax answer)
    {
        if (call.ArgumentList.Arguments.Count == 1)
        {
            return true;
        }

        var alone = SyntaxFactory.InvocationExpression(
            access,
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(answer))));
        return model.GetSpeculativeSymbolInfo(call.SpanStart, alone, SpeculativeBindingOption.BindAsExpression).Symbol is null;
    }

    /// <summary>The expression as written, on one line and cut short when long.</summary>
    private static string Quote(ExpressionSyntax expression)
    {
        var text = string.Join(' ', expression.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= LongestQuote ? text : string.Concat(text.AsSpan(0, LongestQuote - 1), "…");
    }

    /// <summary>The type as C# spells it (<c>long[]</c>, <c>List&lt;string&gt;</c>).</summary>
    private static string Show(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    /// <summary>The type with its article: "an int[]", "a long", "a uint".</summary>
    private static string Article(ITypeSymbol type)
    {
        var shown = Show(type);
        return ("aeioAEIO".Contains(shown[0], StringComparison.Ordinal) ? "an " : "a ") + shown;
    }
}
