using System.Globalization;
using System.Reflection;
using System.Text;

namespace ThreadingKoans.Runner.Lookup;

/// <summary>
/// Types and members written the way C# writes them: <c>string</c>, <c>List&lt;T&gt;</c>,
/// <c>Func&lt;T, TResult&gt;</c>, <c>int?</c>, <c>public static bool Wait(object obj, int millisecondsTimeout)</c>.
/// </summary>
/// <remarks>
/// Works on types from any load context, a <see cref="MetadataLoadContext"/>'s included: types are told apart
/// by their full names, never by identity with the types of this process.
/// </remarks>
internal static class CSharpNames
{
    private const string ObsoleteAttribute = "System.ObsoleteAttribute";

    private static readonly Dictionary<string, string> Keywords = new(StringComparer.Ordinal)
    {
        ["System.Boolean"] = "bool",
        ["System.Byte"] = "byte",
        ["System.SByte"] = "sbyte",
        ["System.Int16"] = "short",
        ["System.UInt16"] = "ushort",
        ["System.Int32"] = "int",
        ["System.UInt32"] = "uint",
        ["System.Int64"] = "long",
        ["System.UInt64"] = "ulong",
        ["System.IntPtr"] = "nint",
        ["System.UIntPtr"] = "nuint",
        ["System.Char"] = "char",
        ["System.Single"] = "float",
        ["System.Double"] = "double",
        ["System.Decimal"] = "decimal",
        ["System.String"] = "string",
        ["System.Object"] = "object",
        ["System.Void"] = "void",
    };

    private static readonly Dictionary<string, string> KeywordTypes =
        Keywords.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        ["op_Addition"] = "+",
        ["op_Subtraction"] = "-",
        ["op_Multiply"] = "*",
        ["op_Division"] = "/",
        ["op_Modulus"] = "%",
        ["op_UnaryPlus"] = "+",
        ["op_UnaryNegation"] = "-",
        ["op_Increment"] = "++",
        ["op_Decrement"] = "--",
        ["op_LogicalNot"] = "!",
        ["op_OnesComplement"] = "~",
        ["op_BitwiseAnd"] = "&",
        ["op_BitwiseOr"] = "|",
        ["op_ExclusiveOr"] = "^",
        ["op_LeftShift"] = "<<",
        ["op_RightShift"] = ">>",
        ["op_UnsignedRightShift"] = ">>>",
        ["op_Equality"] = "==",
        ["op_Inequality"] = "!=",
        ["op_LessThan"] = "<",
        ["op_GreaterThan"] = ">",
        ["op_LessThanOrEqual"] = "<=",
        ["op_GreaterThanOrEqual"] = ">=",
        ["op_True"] = "true",
        ["op_False"] = "false",
        ["op_CheckedAddition"] = "checked +",
        ["op_CheckedSubtraction"] = "checked -",
        ["op_CheckedMultiply"] = "checked *",
        ["op_CheckedDivision"] = "checked /",
        ["op_CheckedUnaryNegation"] = "checked -",
        ["op_CheckedIncrement"] = "checked ++",
        ["op_CheckedDecrement"] = "checked --",
    };

    /// <summary>The full name of the type a C# keyword stands for (<c>int</c> gives <c>System.Int32</c>), or null.</summary>
    public static string? KeywordType(string keyword) => KeywordTypes.GetValueOrDefault(keyword);

    /// <summary>A type as C# writes it where it is used: <c>string</c>, <c>List&lt;T&gt;</c>, <c>int[]</c>, <c>Environment.SpecialFolder</c>.</summary>
    public static string Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsByRef)
        {
            return Of(type.GetElementType()!);
        }

        if (type.IsPointer)
        {
            return Of(type.GetElementType()!) + "*";
        }

        if (type.IsArray)
        {
            var rank = type.IsSZArray ? string.Empty : new string(',', type.GetArrayRank() - 1);
            return Of(type.GetElementType()!) + "[" + rank + "]";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (!type.IsGenericType && type.FullName is { } full && Keywords.TryGetValue(full, out var keyword))
        {
            return keyword;
        }

        if (type.IsConstructedGenericType)
        {
            var definition = type.GetGenericTypeDefinition().FullName;
            var arguments = type.GetGenericArguments();
            if (definition == "System.Nullable`1")
            {
                return Of(arguments[0]) + "?";
            }

            if (definition is not null && definition.StartsWith("System.ValueTuple`", StringComparison.Ordinal) && arguments.Length is >= 2 and <= 7)
            {
                return "(" + string.Join(", ", arguments.Select(Of)) + ")";
            }
        }

        return Plain(type);
    }

    /// <summary>A type with its namespace: <c>System.Collections.Generic.List&lt;T&gt;</c>, <c>System.String</c>.</summary>
    public static string FullName(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return string.IsNullOrEmpty(type.Namespace) ? Plain(type) : type.Namespace + "." + Plain(type);
    }

    /// <summary>A type's declaration: <c>public sealed class Thread : CriticalFinalizerObject</c>, <c>public delegate TResult Func&lt;in T, out TResult&gt;(T arg)</c>.</summary>
    public static string Declaration(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var name = WithVariance(type);
        if (IsDelegate(type) && type.GetMethod("Invoke") is { } invoke)
        {
            return $"public delegate {Returns(invoke)} {name}({Parameters(invoke)})";
        }

        if (type.IsEnum)
        {
            var underlying = Of(type.GetEnumUnderlyingType());
            return underlying == "int" ? $"public enum {name}" : $"public enum {name} : {underlying}";
        }

        var kind = type.IsInterface ? "interface"
            : type.IsValueType ? "struct"
            : type is { IsAbstract: true, IsSealed: true } ? "static class"
            : type.IsAbstract ? "abstract class"
            : type.IsSealed ? "sealed class"
            : "class";
        var bases = new List<string>();
        if (type is { IsClass: true, BaseType: { } baseType } && baseType.FullName != "System.Object")
        {
            bases.Add(Of(baseType));
        }

        bases.AddRange(type.GetInterfaces().Where(face => face.IsVisible).Select(Of).Order(StringComparer.Ordinal));
        return bases.Count == 0 ? $"public {kind} {name}" : $"public {kind} {name} : {string.Join(", ", bases)}";
    }

    /// <summary>A member's declaration, as in the documentation: <c>public string PadLeft(int totalWidth, char paddingChar)</c>.</summary>
    public static string Signature(MemberInfo member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member switch
        {
            ConstructorInfo constructor => "public " + Constructor(constructor),
            MethodInfo method when Operator(method) is { } symbol =>
                symbol is "implicit" or "explicit"
                    ? $"public static {symbol} operator {Returns(method)}({Parameters(method)})"
                    : $"public static {Returns(method)} operator {symbol}({Parameters(method)})",
            MethodInfo method => $"public {Modifiers(method)}{Returns(method)} {MethodName(method)}({Parameters(method)})",
            PropertyInfo property => PropertySignature(property),
            FieldInfo field => FieldSignature(field),
            EventInfo @event => $"public {(IsStatic(@event) ? "static " : string.Empty)}event {Of(@event.EventHandlerType!)} {@event.Name}",
            Type type => Declaration(type),
            _ => throw new ArgumentException($"Members of kind {member.MemberType} have no C# signature here.", nameof(member)),
        };
    }

    /// <summary>A constructor as it is declared, without its access: <c>Thread(ThreadStart start, int maxStackSize)</c>.</summary>
    public static string Constructor(ConstructorInfo constructor)
    {
        ArgumentNullException.ThrowIfNull(constructor);
        return $"{TypeName(constructor.DeclaringType!)}({Parameters(constructor)})";
    }

    /// <summary>
    /// The parameter types of an overload, for telling overloads apart: <c>String.PadLeft(int, char)</c>.
    /// </summary>
    public static string ParameterTypes(MethodBase method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return string.Join(", ", method.GetParameters().Select(parameter => Modifier(parameter) + Of(parameter.ParameterType)));
    }

    /// <summary>The C# symbol of an operator method (<c>op_Equality</c> gives <c>==</c>), or null for a method that is none.</summary>
    public static string? Operator(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!method.IsSpecialName || !method.Name.StartsWith("op_", StringComparison.Ordinal))
        {
            return null;
        }

        return method.Name switch
        {
            "op_Implicit" => "implicit",
            "op_Explicit" or "op_CheckedExplicit" => "explicit",
            _ => Operators.GetValueOrDefault(method.Name, method.Name),
        };
    }

    /// <summary>A method's name with its type parameters: <c>Empty&lt;T&gt;</c>.</summary>
    public static string MethodName(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.IsGenericMethodDefinition
            ? method.Name + "<" + string.Join(", ", method.GetGenericArguments().Select(argument => argument.Name)) + ">"
            : method.Name;
    }

    /// <summary>The name a constructor is written with: the type's name without its arity (<c>List</c> for <c>List`1</c>).</summary>
    public static string TypeName(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type.Name : type.Name[..tick];
    }

    /// <summary>What a method returns, as C# writes it: <c>void</c>, <c>bool</c>, <c>ref T</c>.</summary>
    public static string Returns(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.ReturnType.IsByRef ? "ref " + Of(method.ReturnType) : Of(method.ReturnType);
    }

    /// <summary>The accessors of a property that anyone may call: <c>{ get; set; }</c>.</summary>
    public static string Accessors(PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var accessors = new List<string>();
        if (property.GetMethod is { IsPublic: true })
        {
            accessors.Add("get;");
        }

        if (property.SetMethod is { IsPublic: true } setter)
        {
            var init = setter.ReturnParameter.GetRequiredCustomModifiers()
                .Any(modifier => modifier.FullName == "System.Runtime.CompilerServices.IsExternalInit");
            accessors.Add(init ? "init;" : "set;");
        }

        return "{ " + string.Join(' ', accessors) + " }";
    }

    /// <summary>A property's name as C# writes it: indexers are <c>this[int index]</c>.</summary>
    public static string PropertyName(PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var indexes = property.GetIndexParameters();
        return indexes.Length == 0
            ? property.Name
            : "this[" + string.Join(", ", indexes.Select(index => Of(index.ParameterType) + " " + index.Name)) + "]";
    }

    /// <summary>Whether a member belongs to its type rather than to each instance.</summary>
    public static bool IsStatic(MemberInfo member) => member switch
    {
        MethodBase method => method.IsStatic,
        PropertyInfo property => (property.GetMethod ?? property.SetMethod)?.IsStatic ?? false,
        FieldInfo field => field.IsStatic,
        EventInfo @event => @event.AddMethod?.IsStatic ?? false,
        _ => false,
    };

    /// <summary>The message of the member's <c>[Obsolete]</c>, an empty string when it has none, or null when the member is not obsolete.</summary>
    public static string? Obsolete(MemberInfo member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var obsolete = member.CustomAttributes.FirstOrDefault(attribute => attribute.AttributeType.FullName == ObsoleteAttribute);
        if (obsolete is null)
        {
            return null;
        }

        return obsolete.ConstructorArguments is [{ Value: string message }, ..] ? message : string.Empty;
    }

    /// <summary>A constant as C# writes it: <c>-1</c>, <c>"text"</c>, <c>'c'</c>, <c>true</c>, <c>null</c>, an enum member's name.</summary>
    public static string Literal(object? value, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsByRef)
        {
            type = type.GetElementType()!;
        }

        if (value is null)
        {
            var nullable = type.IsConstructedGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1";
            return type.IsValueType && !nullable ? "default" : "null";
        }

        if (type.IsEnum)
        {
            var member = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .FirstOrDefault(field => field.IsLiteral && Equals(field.GetRawConstantValue(), value));
            return member is null ? $"({Of(type)}){Literal(value, type.GetEnumUnderlyingType())}" : $"{Of(type)}.{member.Name}";
        }

        return value switch
        {
            bool flag => flag ? "true" : "false",
            string text => Quote(text, '"'),
            char character => Quote(character.ToString(), '\''),
            float single => single.ToString("R", CultureInfo.InvariantCulture) + "F",
            double number => number.ToString("R", CultureInfo.InvariantCulture),
            decimal money => money.ToString(CultureInfo.InvariantCulture) + "M",
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
    }

    /// <summary>A type by its own name, never its keyword (<c>String</c>, <c>Int32</c>), its type arguments as C# writes them.</summary>
    private static string Plain(Type type)
    {
        var used = 0;
        return NestedWithNames(type.IsGenericType ? type.GetGenericTypeDefinition() : type, type.GetGenericArguments().Select(Of).ToArray(), ref used);
    }

    private static string WithVariance(Type type)
    {
        if (!type.IsGenericTypeDefinition)
        {
            return Plain(type);
        }

        var parameters = type.GetGenericArguments()
            .Select(parameter => (parameter.GenericParameterAttributes & GenericParameterAttributes.VarianceMask) switch
            {
                GenericParameterAttributes.Covariant => "out " + parameter.Name,
                GenericParameterAttributes.Contravariant => "in " + parameter.Name,
                _ => parameter.Name,
            })
            .ToArray();
        var used = 0;
        return NestedWithNames(type, parameters, ref used);
    }

    /// <summary>
    /// <paramref name="definition"/>'s name, with its declaring types', each generic one taking its share of
    /// <paramref name="names"/> (its type arguments as written) from <paramref name="used"/> on.
    /// </summary>
    private static string NestedWithNames(Type definition, string[] names, ref int used)
    {
        var prefix = definition.DeclaringType is { } outer ? NestedWithNames(outer, names, ref used) + "." : string.Empty;
        var name = definition.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick < 0)
        {
            return prefix + name;
        }

        var count = int.Parse(name.AsSpan(tick + 1), CultureInfo.InvariantCulture);
        var own = names.Skip(used).Take(count);
        used += count;
        return prefix + name[..tick] + "<" + string.Join(", ", own) + ">";
    }

    private static bool IsDelegate(Type type) => type.BaseType?.FullName == "System.MulticastDelegate";

    private static string Modifiers(MethodInfo method)
    {
        var modifiers = new StringBuilder();
        if (method.IsStatic)
        {
            modifiers.Append("static ");
        }
        else if (method.IsAbstract && method.DeclaringType is { IsInterface: false })
        {
            modifiers.Append("abstract ");
        }

        return modifiers.ToString();
    }

    private static string PropertySignature(PropertyInfo property) =>
        $"public {(IsStatic(property) ? "static " : string.Empty)}{Of(property.PropertyType)} {PropertyName(property)} {Accessors(property)}";

    private static string FieldSignature(FieldInfo field)
    {
        var type = Of(field.FieldType);
        if (field.IsLiteral)
        {
            return $"public const {type} {field.Name} = {Literal(field.GetRawConstantValue(), field.FieldType)}";
        }

        var modifiers = (field.IsStatic ? "static " : string.Empty) + (field.IsInitOnly ? "readonly " : string.Empty);
        return $"public {modifiers}{type} {field.Name}";
    }

    private static string Parameters(MethodBase method)
    {
        var extension = method.IsStatic && method.CustomAttributes.Any(attribute =>
            attribute.AttributeType.FullName == "System.Runtime.CompilerServices.ExtensionAttribute");
        return string.Join(", ", method.GetParameters().Select((parameter, index) =>
        {
            var text = new StringBuilder();
            if (index == 0 && extension)
            {
                text.Append("this ");
            }

            if (parameter.CustomAttributes.Any(attribute => attribute.AttributeType.FullName is
                "System.ParamArrayAttribute" or "System.Runtime.CompilerServices.ParamCollectionAttribute"))
            {
                text.Append("params ");
            }

            text.Append(Modifier(parameter)).Append(Of(parameter.ParameterType)).Append(' ').Append(parameter.Name);
            // The metadata flag, not HasDefaultValue: it is what a MetadataLoadContext can answer for sure.
            if (parameter.Attributes.HasFlag(ParameterAttributes.HasDefault))
            {
                text.Append(" = ").Append(Literal(parameter.RawDefaultValue, parameter.ParameterType));
            }

            return text.ToString();
        }));
    }

    private static string Modifier(ParameterInfo parameter)
    {
        if (!parameter.ParameterType.IsByRef)
        {
            return string.Empty;
        }

        return parameter.IsOut ? "out " : parameter.IsIn ? "in " : "ref ";
    }

    private static string Quote(string text, char quote)
    {
        var quoted = new StringBuilder().Append(quote);
        foreach (var character in text)
        {
            quoted.Append(character switch
            {
                '\\' => "\\\\",
                '\0' => "\\0",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when character == quote => "\\" + quote,
                _ when char.IsControl(character) || char.IsSurrogate(character) || character == '\uFFFF' =>
                    "\\u" + ((int)character).ToString("X4", CultureInfo.InvariantCulture),
                _ => character.ToString(),
            });
        }

        return quoted.Append(quote).ToString();
    }
}
