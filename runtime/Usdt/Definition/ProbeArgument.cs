using System;
using Usdt.Firing;

namespace Usdt;

/// <summary>
/// One argument of <see cref="Probe.Fire(ProbeArgument)"/>: any value the probe contract
/// maps, converted implicitly, so <c>probe.Fire(orderId, sku)</c> reads naturally and
/// allocates nothing.
/// </summary>
public readonly struct ProbeArgument
{
    private enum Kind : byte { Word, Text, Guid }

    private readonly long _word;
    private readonly string? _text;
    private readonly Guid _guid;
    private readonly Kind _kind;

    private ProbeArgument(long word) { _word = word; _kind = Kind.Word; }
    private ProbeArgument(string? text) { _text = text; _kind = Kind.Text; }
    private ProbeArgument(Guid guid) { _guid = guid; _kind = Kind.Guid; }

#pragma warning disable CS1591 // Conversions, one per mapped type.
    public static implicit operator ProbeArgument(bool value) => new(value ? 1 : 0);
    public static implicit operator ProbeArgument(sbyte value) => new(value);
    public static implicit operator ProbeArgument(byte value) => new(value);
    public static implicit operator ProbeArgument(short value) => new(value);
    public static implicit operator ProbeArgument(ushort value) => new(value);
    public static implicit operator ProbeArgument(char value) => new(value);
    public static implicit operator ProbeArgument(int value) => new(value);
    public static implicit operator ProbeArgument(uint value) => new(value);
    public static implicit operator ProbeArgument(long value) => new(value);
    public static implicit operator ProbeArgument(ulong value) => new((long)value);
    public static implicit operator ProbeArgument(nint value) => new(value);
    public static implicit operator ProbeArgument(nuint value) => new((long)value);
    public static implicit operator ProbeArgument(float value) => new(ProbeArgs.Single(value));
    public static implicit operator ProbeArgument(double value) => new(ProbeArgs.Double(value));
    public static implicit operator ProbeArgument(DateTime value) => new(ProbeArgs.DateTime(value));
    public static implicit operator ProbeArgument(DateTimeOffset value) => new(ProbeArgs.DateTimeOffset(value));
    public static implicit operator ProbeArgument(TimeSpan value) => new(ProbeArgs.TimeSpan(value));
    public static implicit operator ProbeArgument(string? value) => new(value);
    public static implicit operator ProbeArgument(Guid value) => new(value);
#pragma warning restore CS1591

    /// <summary>An enum argument, passed as its underlying integer.</summary>
    public static ProbeArgument FromEnum<TEnum>(TEnum value) where TEnum : struct, Enum =>
        new(ProbeArgs.Value(value, 0, 0));

    /// <summary>The 64-bit word passed to the stub; strings land in this thread's buffer for <paramref name="slot"/>.</summary>
    internal long ToWord(int slot, int stringLimit) => _kind switch
    {
        Kind.Text => ProbeArgs.Utf8(_text, slot, stringLimit),
        Kind.Guid => ProbeArgs.Guid(_guid, slot),
        _ => _word,
    };
}
