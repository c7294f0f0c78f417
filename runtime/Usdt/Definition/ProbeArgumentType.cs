using Usdt.Contract;

namespace Usdt;

/// <summary>
/// What one probe argument carries, and so how a tracer reads it. Integer kinds become
/// <c>±size@location</c> argument specs in the SystemTap SDT note; <see cref="Utf8String"/>
/// is a pointer to NUL-terminated UTF-8 (read it with bpftrace's <c>str(argN)</c>).
/// </summary>
public enum ProbeArgumentType : byte
{
    /// <summary>Signed 8-bit integer (spec <c>-1@</c>).</summary>
    Int8 = (byte)ArgumentKind.Int8,
    /// <summary>Unsigned 8-bit integer, also <see cref="bool"/> (spec <c>1@</c>).</summary>
    UInt8 = (byte)ArgumentKind.UInt8,
    /// <summary>Signed 16-bit integer (spec <c>-2@</c>).</summary>
    Int16 = (byte)ArgumentKind.Int16,
    /// <summary>Unsigned 16-bit integer, also <see cref="char"/> (spec <c>2@</c>).</summary>
    UInt16 = (byte)ArgumentKind.UInt16,
    /// <summary>Signed 32-bit integer (spec <c>-4@</c>).</summary>
    Int32 = (byte)ArgumentKind.Int32,
    /// <summary>Unsigned 32-bit integer (spec <c>4@</c>).</summary>
    UInt32 = (byte)ArgumentKind.UInt32,
    /// <summary>Signed 64-bit integer, also ticks and IEEE-754 bits of floating point values (spec <c>-8@</c>).</summary>
    Int64 = (byte)ArgumentKind.Int64,
    /// <summary>Unsigned 64-bit integer (spec <c>8@</c>).</summary>
    UInt64 = (byte)ArgumentKind.UInt64,
    /// <summary>Pointer to NUL-terminated UTF-8 text, or NULL (spec <c>8@</c>).</summary>
    Utf8String = (byte)ArgumentKind.Utf8String,
    /// <summary>A slot whose .NET type has no mapping: always 0 (spec <c>8@</c>), kept so positions never shift.</summary>
    Unsupported = (byte)ArgumentKind.Unsupported,
}
