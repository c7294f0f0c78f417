using Mono.Cecil;
using Usdt.Contract;

namespace Usdt.Fody.Arguments;

/// <summary>Maps a .NET type to a probe argument per the argument table of the probe contract (README, "The probes").</summary>
internal static class ArgumentMapper
{
    // GenericParameterAttributes.AllowByRefLike (ECMA-335 augments, .NET 9): such a T may be
    // a ref struct, which cannot be passed to the runtime's generic conversion.
    private const GenericParameterAttributes AllowByRefLike = (GenericParameterAttributes)0x0020;

    public static ArgumentMapping Map(TypeReference type)
    {
        TypeReference stripped = StripModifiers(type);
        if (stripped is ByReferenceType byReference)
        {
            ArgumentMapping target = MapValue(StripModifiers(byReference.ElementType));
            return new ArgumentMapping(target.ValueType, target.Conversion, target.Kind, dereference: true, "ref " + target.Description);
        }
        return MapValue(stripped);
    }

    private static ArgumentMapping MapValue(TypeReference type)
    {
        switch (type.MetadataType)
        {
            case MetadataType.Boolean: return Mapped(type, WordConversion.ZeroExtend, ArgumentKind.UInt8, "bool");
            case MetadataType.Char: return Mapped(type, WordConversion.ZeroExtend, ArgumentKind.UInt16, "char (UTF-16 code unit)");
            case MetadataType.SByte: return Mapped(type, WordConversion.SignExtend, ArgumentKind.Int8, "sbyte");
            case MetadataType.Byte: return Mapped(type, WordConversion.ZeroExtend, ArgumentKind.UInt8, "byte");
            case MetadataType.Int16: return Mapped(type, WordConversion.SignExtend, ArgumentKind.Int16, "short");
            case MetadataType.UInt16: return Mapped(type, WordConversion.ZeroExtend, ArgumentKind.UInt16, "ushort");
            case MetadataType.Int32: return Mapped(type, WordConversion.SignExtend, ArgumentKind.Int32, "int");
            case MetadataType.UInt32: return Mapped(type, WordConversion.ZeroExtend, ArgumentKind.UInt32, "uint");
            case MetadataType.Int64: return Mapped(type, WordConversion.AsIs, ArgumentKind.Int64, "long");
            case MetadataType.UInt64: return Mapped(type, WordConversion.AsIs, ArgumentKind.UInt64, "ulong");
            case MetadataType.IntPtr: return Mapped(type, WordConversion.SignExtend, ArgumentKind.Int64, "nint");
            case MetadataType.UIntPtr: return Mapped(type, WordConversion.ZeroExtend, ArgumentKind.UInt64, "nuint");
            case MetadataType.Pointer:
            case MetadataType.FunctionPointer: return Mapped(type, WordConversion.ZeroExtend, ArgumentKind.UInt64, "pointer (address)");
            case MetadataType.Single: return Mapped(type, WordConversion.SingleBits, ArgumentKind.Int64, "float (IEEE-754 bits of the value as double)");
            case MetadataType.Double: return Mapped(type, WordConversion.DoubleBits, ArgumentKind.Int64, "double (IEEE-754 bits)");
            case MetadataType.String: return Mapped(type, WordConversion.Utf8String, ArgumentKind.Utf8String, "string (UTF-8)");
            case MetadataType.Var:
            case MetadataType.MVar:
                return (((GenericParameter)type).Attributes & AllowByRefLike) != 0
                    ? Unsupported(type, "generic parameter that allows ref structs")
                    : Mapped(type, WordConversion.RuntimeType, ArgumentKind.Int64, $"{type.Name} (mapped by its runtime type)");
            case MetadataType.ValueType:
                return MapStruct(type);
            default:
                return Unsupported(type, type.Name);
        }
    }

    private static ArgumentMapping MapStruct(TypeReference type)
    {
        switch (type.FullName)
        {
            case "System.DateTime": return Mapped(type, WordConversion.DateTimeTicks, ArgumentKind.Int64, "DateTime (ticks)");
            case "System.DateTimeOffset": return Mapped(type, WordConversion.DateTimeOffsetTicks, ArgumentKind.Int64, "DateTimeOffset (UTC ticks)");
            case "System.TimeSpan": return Mapped(type, WordConversion.TimeSpanTicks, ArgumentKind.Int64, "TimeSpan (ticks)");
            case "System.Guid": return Mapped(type, WordConversion.GuidText, ArgumentKind.Utf8String, "Guid (36-character text)");
        }

        TypeDefinition? definition = ValueTypeDefinitions.Of(type);
        if (definition is { IsEnum: true })
        {
            foreach (FieldDefinition field in definition.Fields)
            {
                // ECMA-335 II.14.3: an enum's single instance field holds its value.
                if (!field.IsStatic)
                {
                    ArgumentMapping underlying = MapValue(field.FieldType);
                    return new ArgumentMapping(type, underlying.Conversion, underlying.Kind, dereference: false, $"{type.Name} (enum, {underlying.Description})");
                }
            }
        }
        return Unsupported(type, type.Name);
    }

    /// <summary>The type without its custom modifiers (modreq/modopt, ECMA-335 II.7.1.1).</summary>
    public static TypeReference StripModifiers(TypeReference type)
    {
        while (type is IModifierType modified)
            type = modified.ElementType;
        return type;
    }

    private static ArgumentMapping Mapped(TypeReference type, WordConversion conversion, ArgumentKind kind, string description) =>
        new(type, conversion, kind, dereference: false, description);

    private static ArgumentMapping Unsupported(TypeReference type, string name) =>
        new(type, WordConversion.Unsupported, ArgumentKind.Unsupported, dereference: false, $"unsupported: {name}");
}
