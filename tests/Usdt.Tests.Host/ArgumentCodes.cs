using System;

namespace Usdt.Tests.Host;

/// <summary>
/// Argument kinds written one character each, as in the woven probe table
/// (<c>b B h H i I l L</c> signed/unsigned 8..64-bit, <c>s</c> string, <c>x</c> unsupported).
/// </summary>
internal static class ArgumentCodes
{
    public static ProbeArgumentType[] Parse(string codes) => Array.ConvertAll(codes.ToCharArray(), code => code switch
    {
        'b' => ProbeArgumentType.Int8,
        'B' => ProbeArgumentType.UInt8,
        'h' => ProbeArgumentType.Int16,
        'H' => ProbeArgumentType.UInt16,
        'i' => ProbeArgumentType.Int32,
        'I' => ProbeArgumentType.UInt32,
        'l' => ProbeArgumentType.Int64,
        'L' => ProbeArgumentType.UInt64,
        's' => ProbeArgumentType.Utf8String,
        'x' => ProbeArgumentType.Unsupported,
        _ => throw new ArgumentException($"unknown argument code '{code}'"),
    });
}
