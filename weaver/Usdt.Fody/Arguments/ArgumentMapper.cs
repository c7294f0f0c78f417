using Mono.Cecil;

namespace Usdt.Fody.Arguments;

/// <summary>Maps a .NET type to a probe argument per the contract's argument table (DESIGN.md).</summary>
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
            return new ArgumentMapping(target.ValueType, target.Conversion, target.Code, dereference: true, "ref " + target.Description);
        }
        return MapValue(stripped);
    }

    private static ArgumentMapping MapValue(TypeReference type)
    {
        switch (type.MetadataType)
        {
            case MetadataType.Boolean: return Integer(type, WordConversion.ZeroExtend, 'B', "bool");
            case MetadataType.Char: return Integer(type, WordConversion.ZeroExtend, 'H', "char (UTF-16 code unit)");
            case MetadataType.SByte: return Integer(type, WordConversion.SignExtend, 'b', "sbyte");
            case MetadataType.Byte: return Integer(type, WordConversion.ZeroExtend, 'B', "byte");
            case MetadataType.Int16: return Integer(type, WordConversion.SignExtend, 'h', "short");
            case MetadataType.UInt16: return Integer(type, WordConversion.ZeroExtend, 'H', "ushort");
            case MetadataType.Int32: return Integer(type, WordConversion.SignExtend, 'i', "int");
            case MetadataType.UInt32: return Integer(type, WordConversion.ZeroExtend, 'I', "uint");
            case MetadataType.Int64: return Integer(type, WordConversion.AsIs, 'l', "long");
            case MetadataType.UInt64: return Integer(type, WordConversion.AsIs, 'L', "ulong");
            case MetadataType.IntPtr: return Integer(type, WordConversion.SignExtend, 'l', "nint");
            case MetadataType.UIntPtr: return Integer(type, WordConversion.ZeroExtend, 'L', "nuint");
            case MetadataType.Pointer:
            case MetadataType.FunctionPointer: return Integer(type, WordConversion.ZeroExtend, 'L', "pointer (address)");
            case MetadataType.Single: return Integer(type, WordConversion.SingleBits, 'l', "float (IEEE-754 bits of the value as double)");
            case MetadataType.Double: return Integer(type, WordConversion.DoubleBits, 'l', "double (IEEE-754 bits)");
            case MetadataType.String: return Integer(type, WordConversion.Utf8String, 's', "string (UTF-8)");
            case MetadataType.Var:
            case MetadataType.MVar:
                return (((GenericParameter)type).Attributes & AllowByRefLike) != 0
                    ? Unsupported(type, "generic parameter that allows ref structs")
                    : Integer(type, WordConversion.RuntimeType, 'l', $"{type.Name} (mapped by its runtime type)");
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
            case "System.DateTime": return Integer(type, WordConversion.DateTimeTicks, 'l', "DateTime (ticks)");
            case "System.DateTimeOffset": return Integer(type, WordConversion.DateTimeOffsetTicks, 'l', "DateTimeOffset (UTC ticks)");
            case "System.TimeSpan": return Integer(type, WordConversion.TimeSpanTicks, 'l', "TimeSpan (ticks)");
            case "System.Guid": return Integer(type, WordConversion.GuidText, 's', "Guid (36-character text)");
        }

        TypeDefinition? definition = TryResolve(type);
        if (definition is { IsEnum: true })
        {
            foreach (FieldDefinition field in definition.Fields)
            {
                // ECMA-335 II.14.3: an enum's single instance field holds its value.
                if (!field.IsStatic)
                {
                    ArgumentMapping underlying = MapValue(field.FieldType);
                    return new ArgumentMapping(type, underlying.Conversion, underlying.Code, dereference: false, $"{type.Name} (enum, {underlying.Description})");
                }
            }
        }
        return Unsupported(type, type.Name);
    }

    private static TypeDefinition? TryResolve(TypeReference type)
    {
        try { return type.Resolve(); }
        catch (AssemblyResolutionException) { return null; }
    }

    /// <summary>The type without its custom modifiers (modreq/modopt, ECMA-335 II.7.1.1).</summary>
    public static TypeReference StripModifiers(TypeReference type)
    {
        while (type is IModifierType modified)
            type = modified.ElementType;
        return type;
    }

    private static ArgumentMapping Integer(TypeReference type, WordConversion conversion, char code, string description) =>
        new(type, conversion, code, dereference: false, description);

    private static ArgumentMapping Unsupported(TypeReference type, string name) =>
        new(type, WordConversion.Unsupported, 'x', dereference: false, $"unsupported: {name}");
}
