namespace Usdt.Contract;

/// <summary>
/// What one probe argument carries, and so how a tracer reads it: the kinds of the probe
/// contract's argument table. The runtime's public <c>ProbeArgumentType</c> takes its
/// values from here, and the probe table names each kind by its <see cref="ArgumentCodes">code</see>.
/// </summary>
internal enum ArgumentKind : byte
{
    Int8 = 1,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    /// <summary>Pointer to NUL-terminated UTF-8, or NULL.</summary>
    Utf8String,
    /// <summary>A slot whose .NET type has no mapping: always 0, kept so positions never shift.</summary>
    Unsupported,
}
