using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ThreadingKoans.PathModel;

/// <summary>What a blank looks like in a syntax tree: the value blank <c>__</c> and the code blank <c>___();</c>.</summary>
internal static class BlankSyntax
{
    /// <summary>The value blank's name.</summary>
    public const string ValueName = "__";

    /// <summary>The code blank's name.</summary>
    public const string CodeName = "___";

    /// <summary>True for the value blank <c>__</c> (a simple name, not a member name after a dot).</summary>
    public static bool IsValueBlank(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node is IdentifierNameSyntax { Identifier.ValueText: ValueName } name
            && !(name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
            && !(name.Parent is QualifiedNameSyntax qualified && qualified.Right == name);
    }

    /// <summary>True for the code blank statement <c>___();</c>.</summary>
    public static bool IsCodeBlank(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node is ExpressionStatementSyntax
        {
            Expression: InvocationExpressionSyntax
            {
                Expression: IdentifierNameSyntax { Identifier.ValueText: CodeName },
                ArgumentList.Arguments.Count: 0,
            },
        };
    }

    /// <summary>True when <paramref name="node"/> is or contains a blank of either kind.</summary>
    public static bool ContainsBlank(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.DescendantNodesAndSelf().Any(inner => IsValueBlank(inner) || IsCodeBlank(inner));
    }
}
