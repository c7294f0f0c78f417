using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using DotnetUsdt.Manifest;
using Usdt.Contract;

namespace DotnetUsdt.Formatting;

/// <summary>
/// Formats a probe argument by its .NET type, per the probe contract's argument table:
/// integers by their kind's size and sign, <c>bool</c>, <c>char</c> (UTF-16 code unit),
/// floating point from the IEEE-754 bits of a double, <c>DateTime</c>/<c>DateTimeOffset</c>/<c>TimeSpan</c>
/// from ticks, Guids and strings from their UTF-8 text, enums by name.
/// </summary>
internal static class ValueFormatter
{
    public static string Format(ArgumentInfo argument, ArgumentValue value)
    {
        if (!value.IsAvailable)
            return "?";
        if (argument.IsOut)
            return "out";
        if (argument.Kind == ArgumentKind.Unsupported)
            return "(unsupported)";
        if (argument.IsText)
        {
            if (value.Word == 0)
                return "null";
            return argument.TypeName == "System.Guid" ? value.Text ?? "" : Quote(value.Text ?? "");
        }
        long word = Narrow(argument.Kind, value.Word);
        if (argument.Enum is { } names)
            return EnumText(names, word);
        return argument.TypeName switch
        {
            "System.Boolean" => word != 0 ? "true" : "false",
            "System.Char" => CharText((char)word),
            "System.Double" or "System.Single" => DoubleText(BitConverter.Int64BitsToDouble(value.Word)),
            "System.DateTime" => TicksText(word, "Z", utc: false),
            "System.DateTimeOffset" => TicksText(word, "Z", utc: true),
            "System.TimeSpan" => TimeSpan.FromTicks(word).ToString("c", CultureInfo.InvariantCulture),
            "System.IntPtr" or "System.UIntPtr" => word.ToString(CultureInfo.InvariantCulture),
            _ when argument.TypeName.EndsWith('*') => $"0x{word:x}",
            _ => IsUnsigned(argument.Kind) ? ((ulong)word).ToString(CultureInfo.InvariantCulture) : word.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The value as its kind reads it: a 4-byte int is the low 32 bits, sign-extended.</summary>
    public static long Narrow(ArgumentKind kind, long word) => kind switch
    {
        ArgumentKind.Int8 => (sbyte)word,
        ArgumentKind.UInt8 => (byte)word,
        ArgumentKind.Int16 => (short)word,
        ArgumentKind.UInt16 => (ushort)word,
        ArgumentKind.Int32 => (int)word,
        ArgumentKind.UInt32 => (uint)word,
        _ => word,
    };

    private static bool IsUnsigned(ArgumentKind kind) =>
        kind is ArgumentKind.UInt8 or ArgumentKind.UInt16 or ArgumentKind.UInt32 or ArgumentKind.UInt64;

    private static string DoubleText(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string TicksText(long ticks, string suffix, bool utc)
    {
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            return $"{ticks} ticks";
        string text = new DateTime(ticks).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
        return utc ? text + suffix : text;
    }

    private static string CharText(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) ? $"'\\u{(int)c:x4}'" : $"'{c}'";

    /// <summary>An enum value by name; a [Flags] value as its names joined with '|'; else the number.</summary>
    private static string EnumText(EnumInfo names, long value)
    {
        foreach (KeyValuePair<string, long> member in names.Members)
        {
            if (member.Value == value)
                return member.Key;
        }
        if (names.IsFlags && value != 0)
        {
            var parts = new List<string>();
            long rest = value;
            foreach (KeyValuePair<string, long> member in names.Members)
            {
                if (member.Value != 0 && (rest & member.Value) == member.Value)
                {
                    parts.Add(member.Key);
                    rest &= ~member.Value;
                }
            }
            if (rest == 0)
                return string.Join("|", parts);
        }
        return value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A C#-style string literal, so empty strings, quotes and control characters stay visible.</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                        quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        quoted.Append(c);
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }
}
