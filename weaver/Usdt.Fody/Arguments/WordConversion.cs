namespace Usdt.Fody.Arguments;

/// <summary>How a .NET value becomes the 64-bit word a probe passes (the argument table of the README, "The probes").</summary>
internal enum WordConversion
{
    /// <summary>Sign-extend (<c>conv.i8</c>): sbyte, short, int, nint, signed enums.</summary>
    SignExtend,
    /// <summary>Zero-extend (<c>conv.u8</c>): bool, byte, char, ushort, uint, nuint, pointers, unsigned enums.</summary>
    ZeroExtend,
    /// <summary>Already 64 bits: long, ulong and enums over them.</summary>
    AsIs,
    /// <summary>Pointer to NUL-terminated UTF-8, cut at the string limit.</summary>
    Utf8String,
    /// <summary>IEEE-754 bits of the value widened to double.</summary>
    SingleBits,
    /// <summary>IEEE-754 bits.</summary>
    DoubleBits,
    /// <summary>Ticks.</summary>
    DateTimeTicks,
    /// <summary>UTC ticks.</summary>
    DateTimeOffsetTicks,
    /// <summary>Ticks.</summary>
    TimeSpanTicks,
    /// <summary>Pointer to the 36-character text.</summary>
    GuidText,
    /// <summary>A generic parameter: mapped at run time by its actual type.</summary>
    RuntimeType,
    /// <summary>No mapping: the slot passes 0.</summary>
    Unsupported,
}
