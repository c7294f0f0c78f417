using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Mono.Cecil;
using Usdt.Contract;
using Usdt.Fody.Arguments;

namespace Usdt.Fody.Emit;

/// <summary>Describes probe arguments for the manifests from their <see cref="ArgumentMapping"/>s.</summary>
internal static class ManifestArguments
{
    /// <summary>A parameter's slot at entry (or of a static probe).</summary>
    public static ManifestArgument Parameter(ParameterDefinition parameter, ArgumentMapping mapping) =>
        new(parameter.Name, TypeName(mapping.ValueType), mapping.Kind, mapping.Description,
            byReference: mapping.Dereference, isOut: parameter.IsOut && !parameter.IsIn, enumMembers: EnumOf(mapping.ValueType));

    /// <summary>The three slots of a return probe: the result, the elapsed nanoseconds, the exception's type name.</summary>
    public static IReadOnlyList<ManifestArgument> Return(ArgumentMapping result)
    {
        bool isVoid = result.ValueType.MetadataType == MetadataType.Void;
        return
        [
            new ManifestArgument("result", TypeName(result.ValueType), result.Kind,
                isVoid ? "void: 0" : result.Description + "; 0 when it threw", enumMembers: EnumOf(result.ValueType)),
            new ManifestArgument("elapsed", "System.Int64", ArgumentKind.Int64, "nanoseconds since entry (0 when the tracer attached mid-call)"),
            new ManifestArgument("exception", "System.String", ArgumentKind.Utf8String, "full type name of the exception it ended with (UTF-8), NULL on return"),
        ];
    }

    /// <summary>The parameter types as the manifests show a signature: <c>(Int32, String)</c>.</summary>
    public static string Signature(MethodDefinition method)
    {
        if (!method.HasParameters)
            return "()";
        var text = new StringBuilder("(");
        foreach (ParameterDefinition parameter in method.Parameters)
        {
            if (text.Length > 1)
                text.Append(", ");
            text.Append(parameter.ParameterType.Name);
        }
        return text.Append(')').ToString();
    }

    /// <summary>Full name, nested types joined with '.' as C# writes them.</summary>
    private static string TypeName(TypeReference type) => ArgumentMapper.StripModifiers(type).FullName.Replace('/', '.');

    private static EnumMembers? EnumOf(TypeReference type)
    {
        if (type.MetadataType != MetadataType.ValueType)
            return null;
        if (ValueTypeDefinitions.Of(type) is not { IsEnum: true } definition)
            return null;
        var members = new List<KeyValuePair<string, string>>();
        foreach (FieldDefinition field in definition.Fields)
        {
            // ECMA-335 II.14.3: an enum's named values are its static literal fields.
            if (field.IsStatic && field.IsLiteral && field.Constant is IConvertible value)
                members.Add(new KeyValuePair<string, string>(field.Name, value.ToString(CultureInfo.InvariantCulture)));
        }
        bool flags = definition.CustomAttributes.Any(a => a.AttributeType.FullName == "System.FlagsAttribute");
        return new EnumMembers(flags, members);
    }
}
