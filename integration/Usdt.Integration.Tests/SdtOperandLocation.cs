using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Usdt.Tests.Tracers;

namespace Usdt.Integration.Tests;

/// <summary>
/// Reads an SDT argument the way a tracer does, from what a stub received: the operand
/// names a register or a stack slot at the stub's entry sp, the size and sign say how many
/// low bytes count and how to extend them.
/// </summary>
internal static partial class SdtOperandLocation
{
    // x86-64 argument registers in System V order, every width a spec may name.
    private static readonly string[][] X64Registers =
    [
        ["rdi", "edi", "di", "dil"],
        ["rsi", "esi", "si", "sil"],
        ["rdx", "edx", "dx", "dl"],
        ["rcx", "ecx", "cx", "cl"],
        ["r8", "r8d", "r8w", "r8b"],
        ["r9", "r9d", "r9w", "r9b"],
    ];

    /// <summary>
    /// The operand's location in ProbeCheck's records (<c>rK</c>: argument register K; <c>sK</c>:
    /// the word at entry sp + 8K), or null when the operand is nothing a stub receives.
    /// </summary>
    public static string? Of(string operand, string architecture)
    {
        if (architecture == "x64")
        {
            if (X64RegisterPattern().Match(operand) is { Success: true } register)
            {
                int index = Array.FindIndex(X64Registers, names => Array.IndexOf(names, register.Groups[1].Value) >= 0);
                return index < 0 ? null : $"r{index}";
            }
            if (X64StackPattern().Match(operand) is { Success: true } stack)
                return StackWord(stack.Groups[1].Value);
            return null;
        }
        if (Arm64RegisterPattern().Match(operand) is { Success: true } x)
            return $"r{x.Groups[1].Value}";
        if (Arm64StackPattern().Match(operand) is { Success: true } sp)
            return StackWord(sp.Groups[1].Success ? sp.Groups[1].Value : "0");
        return null;
    }

    /// <summary>The argument's value: the low <c>Size</c> bytes of the word, sign- or zero-extended.</summary>
    public static long Decode(long word, SdtArgument argument) => (argument.Size, argument.Signed) switch
    {
        (1, true) => (sbyte)word,
        (1, false) => (byte)word,
        (2, true) => (short)word,
        (2, false) => (ushort)word,
        (4, true) => (int)word,
        (4, false) => (uint)word,
        (8, _) => word,
        _ => throw new FormatException($"an SDT argument of {argument.Size} bytes"),
    };

    private static string? StackWord(string offsetText)
    {
        int offset = int.Parse(offsetText, CultureInfo.InvariantCulture);
        return offset >= 0 && offset % 8 == 0 ? $"s{offset / 8}" : null;
    }

    [GeneratedRegex(@"^%([a-z0-9]+)$")]
    private static partial Regex X64RegisterPattern();

    [GeneratedRegex(@"^(-?\d+)\(%rsp\)$")]
    private static partial Regex X64StackPattern();

    [GeneratedRegex(@"^x([0-7])$")]
    private static partial Regex Arm64RegisterPattern();

    [GeneratedRegex(@"^\[sp(?:,\s*(-?\d+))?\]$")]
    private static partial Regex Arm64StackPattern();
}
