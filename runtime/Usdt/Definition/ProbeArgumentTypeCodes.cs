using System;

namespace Usdt;

/// <summary>
/// One-character codes for <see cref="ProbeArgumentType"/>, used by the probe table that
/// the weaver embeds in a woven module (see <see cref="Weaving.WovenProbes"/>).
/// </summary>
internal static class ProbeArgumentTypeCodes
{
    // Lower case signed, upper case unsigned, as in Python's struct module.
    private const string Codes = "bBhHiIlLsx";

    public static char ToCode(ProbeArgumentType type) => Codes[(int)type - 1];

    public static bool TryParse(char code, out ProbeArgumentType type)
    {
        int index = Codes.IndexOf(code);
        type = (ProbeArgumentType)(index + 1);
        return index >= 0;
    }

    /// <summary>Size in bytes of the value a tracer reads for this argument.</summary>
    public static int SizeOf(ProbeArgumentType type) => type switch
    {
        ProbeArgumentType.Int8 or ProbeArgumentType.UInt8 => 1,
        ProbeArgumentType.Int16 or ProbeArgumentType.UInt16 => 2,
        ProbeArgumentType.Int32 or ProbeArgumentType.UInt32 => 4,
        ProbeArgumentType.Int64 or ProbeArgumentType.UInt64 or
        ProbeArgumentType.Utf8String or ProbeArgumentType.Unsupported => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown probe argument type."),
    };

    public static bool IsSigned(ProbeArgumentType type) =>
        type is ProbeArgumentType.Int8 or ProbeArgumentType.Int16 or ProbeArgumentType.Int32 or ProbeArgumentType.Int64;
}
