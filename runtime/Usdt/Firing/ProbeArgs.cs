using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Usdt.Firing;

/// <summary>
/// Converts .NET values to the 64-bit words a probe passes, per the argument table of the
/// probe contract. Woven probe sites call these only while the probe is enabled.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ProbeArgs
{
    /// <summary>Slot used for the return probe's exception type name (after every argument slot).</summary>
    public const int ExceptionSlot = ProbeLimits.MaxArguments;

    /// <summary>
    /// Pointer to <paramref name="value"/> as NUL-terminated UTF-8 of at most
    /// <paramref name="limit"/> bytes (cut on a character boundary), or 0 for null.
    /// Valid until the same thread converts another string for <paramref name="slot"/>.
    /// </summary>
    public static long Utf8(string? value, int slot, int limit)
    {
        if (value is null)
            return 0;
        Span<byte> buffer = Utf8Scratch.Rent(slot, limit + 1);
        // Stops before a character that does not fit, so the cut never splits a sequence;
        // lone surrogates become U+FFFD rather than failing.
        System.Text.Unicode.Utf8.FromUtf16(value, buffer[..limit], out _, out int written, replaceInvalidSequences: true, isFinalBlock: true);
        buffer[written] = 0;
        return Utf8Scratch.AddressOf(buffer);
    }

    /// <summary>Pointer to the 36-character text of <paramref name="value"/> (<c>"D"</c> format).</summary>
    public static long Guid(Guid value, int slot)
    {
        Span<byte> buffer = Utf8Scratch.Rent(slot, 37);
        value.TryFormat(buffer, out int written, "D");
        buffer[written] = 0;
        return Utf8Scratch.AddressOf(buffer);
    }

    /// <summary>Pointer to the full type name of <paramref name="exception"/> as UTF-8, or 0 for null.</summary>
    public static long ExceptionType(object? exception, int limit) =>
        exception is null ? 0 : Utf8(exception.GetType().FullName, ExceptionSlot, limit);

    /// <summary>The IEEE-754 bits of <paramref name="value"/> (tracers have no floating point type).</summary>
    public static long Double(double value) => BitConverter.DoubleToInt64Bits(value);

    /// <summary>The IEEE-754 bits of <paramref name="value"/> widened to double, so every float argument decodes alike.</summary>
    public static long Single(float value) => BitConverter.DoubleToInt64Bits(value);

    /// <summary>Ticks of <paramref name="value"/>.</summary>
    public static long DateTime(DateTime value) => value.Ticks;

    /// <summary>UTC ticks of <paramref name="value"/>: the instant, whatever its offset.</summary>
    public static long DateTimeOffset(DateTimeOffset value) => value.UtcTicks;

    /// <summary>Ticks of <paramref name="value"/>.</summary>
    public static long TimeSpan(TimeSpan value) => value.Ticks;

    /// <summary>
    /// A value whose type is a generic parameter, mapped by its runtime type as the
    /// contract maps that type; 0 for types with no mapping. For value types the JIT
    /// specializes this method and drops every branch but one.
    /// </summary>
    public static long Value<T>(T value, int slot, int limit)
    {
        if (typeof(T) == typeof(int)) return Unsafe.As<T, int>(ref value);
        if (typeof(T) == typeof(long)) return Unsafe.As<T, long>(ref value);
        if (typeof(T) == typeof(bool)) return Unsafe.As<T, bool>(ref value) ? 1 : 0;
        if (typeof(T) == typeof(byte)) return Unsafe.As<T, byte>(ref value);
        if (typeof(T) == typeof(sbyte)) return Unsafe.As<T, sbyte>(ref value);
        if (typeof(T) == typeof(short)) return Unsafe.As<T, short>(ref value);
        if (typeof(T) == typeof(ushort)) return Unsafe.As<T, ushort>(ref value);
        if (typeof(T) == typeof(char)) return Unsafe.As<T, char>(ref value);
        if (typeof(T) == typeof(uint)) return Unsafe.As<T, uint>(ref value);
        if (typeof(T) == typeof(ulong)) return (long)Unsafe.As<T, ulong>(ref value);
        if (typeof(T) == typeof(nint)) return Unsafe.As<T, nint>(ref value);
        if (typeof(T) == typeof(nuint)) return (long)Unsafe.As<T, nuint>(ref value);
        if (typeof(T) == typeof(float)) return Single(Unsafe.As<T, float>(ref value));
        if (typeof(T) == typeof(double)) return Double(Unsafe.As<T, double>(ref value));
        if (typeof(T) == typeof(DateTime)) return DateTime(Unsafe.As<T, DateTime>(ref value));
        if (typeof(T) == typeof(DateTimeOffset)) return DateTimeOffset(Unsafe.As<T, DateTimeOffset>(ref value));
        if (typeof(T) == typeof(TimeSpan)) return TimeSpan(Unsafe.As<T, TimeSpan>(ref value));
        if (typeof(T) == typeof(Guid)) return Guid(Unsafe.As<T, Guid>(ref value), slot);
        if (typeof(T).IsEnum) return EnumValue(value);
        if (value is string text) return Utf8(text, slot, limit);
        return 0;
    }

    private static long EnumValue<T>(T value) => Unsafe.SizeOf<T>() switch
    {
        // Enums are read through their size; sign follows the underlying type.
        1 => System.Type.GetTypeCode(typeof(T)) == TypeCode.SByte ? Unsafe.As<T, sbyte>(ref value) : Unsafe.As<T, byte>(ref value),
        2 => System.Type.GetTypeCode(typeof(T)) == TypeCode.Int16 ? Unsafe.As<T, short>(ref value) : Unsafe.As<T, ushort>(ref value),
        4 => System.Type.GetTypeCode(typeof(T)) == TypeCode.Int32 ? Unsafe.As<T, int>(ref value) : Unsafe.As<T, uint>(ref value),
        _ => Unsafe.As<T, long>(ref value),
    };
}
