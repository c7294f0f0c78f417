namespace Usdt.Contract;

/// <summary>
/// One character per <see cref="ArgumentKind"/>, as the probe table spells an argument
/// list (<c>"isl"</c>: int, string, long), and each kind's size and sign, which become the
/// <c>[-]size@operand</c> of the SystemTap SDT argument spec.
/// </summary>
internal static class ArgumentCodes
{
    // Lower case signed, upper case unsigned, as in Python's struct module; then string and
    // unsupported. Position i is ArgumentKind i + 1.
    private const string Codes = "bBhHiIlLsx";

    public static char Of(ArgumentKind kind) => Codes[(int)kind - 1];

    public static bool TryParse(char code, out ArgumentKind kind)
    {
        // A loop, not IndexOf: the runtime parses tables at start-up, where the first use of
        // the framework's vectorised search costs more than the whole table.
        for (int i = 0; i < Codes.Length; i++)
        {
            if (Codes[i] == code)
            {
                kind = (ArgumentKind)(i + 1);
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>Size in bytes of the value a tracer reads: pointers and unsupported slots are 8-byte words.</summary>
    public static int SizeOf(ArgumentKind kind) => kind switch
    {
        ArgumentKind.Int8 or ArgumentKind.UInt8 => 1,
        ArgumentKind.Int16 or ArgumentKind.UInt16 => 2,
        ArgumentKind.Int32 or ArgumentKind.UInt32 => 4,
        _ => 8,
    };

    public static bool IsSigned(ArgumentKind kind) =>
        kind is ArgumentKind.Int8 or ArgumentKind.Int16 or ArgumentKind.Int32 or ArgumentKind.Int64;
}
