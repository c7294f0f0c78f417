using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using DotnetUsdt.Elf;

namespace DotnetUsdt.Tracefs;

/// <summary>
/// Turns an SDT note's operands into uprobe event fetch arguments (kernel
/// Documentation/trace/uprobetracer.rst): a register <c>%di</c>, a stack word
/// <c>+8(%sp)</c>, always read as a whole 64-bit word (the probe site widened every
/// argument) and the text behind a pointer as <c>+0(LOC):string</c>.
/// </summary>
internal static partial class FetchArguments
{
    // x86-64 registers by every name an SDT note may use, to the name pt_regs gives them.
    private static readonly Dictionary<string, string> X64Registers = Build(
        ("di", ["rdi", "edi", "di", "dil"]), ("si", ["rsi", "esi", "si", "sil"]), ("dx", ["rdx", "edx", "dx", "dl"]),
        ("cx", ["rcx", "ecx", "cx", "cl"]), ("ax", ["rax", "eax", "ax", "al"]), ("bx", ["rbx", "ebx", "bx", "bl"]),
        ("bp", ["rbp", "ebp", "bp", "bpl"]), ("sp", ["rsp", "esp", "sp", "spl"]),
        ("r8", ["r8", "r8d", "r8w", "r8b"]), ("r9", ["r9", "r9d", "r9w", "r9b"]), ("r10", ["r10", "r10d", "r10w", "r10b"]),
        ("r11", ["r11", "r11d", "r11w", "r11b"]), ("r12", ["r12", "r12d", "r12w", "r12b"]), ("r13", ["r13", "r13d", "r13w", "r13b"]),
        ("r14", ["r14", "r14d", "r14w", "r14b"]), ("r15", ["r15", "r15d", "r15w", "r15b"]));

    /// <summary>Where the argument is, in fetch-argument syntax; throws for an operand uprobes cannot read.</summary>
    public static string Location(SdtOperand operand)
    {
        string text = operand.Operand;
        if (text.StartsWith('%') && X64Registers.TryGetValue(text[1..], out string? register))
            return "%" + register;
        if (X64Stack().Match(text) is { Success: true } x64)
            return $"+{Offset(x64.Groups[1].Value)}(%{X64Registers[x64.Groups[2].Value]})";
        if (Arm64Register().Match(text) is { Success: true } arm)
            return arm.Groups[4].Success ? "%sp" : "%x" + arm.Groups[3].Value;
        if (Arm64Stack().Match(text) is { Success: true } stack)
            return $"+{Offset(stack.Groups[2].Value)}(%{(stack.Groups[1].Value == "sp" ? "sp" : "x" + stack.Groups[1].Value[1..])})";
        throw new FormatException($"operand '{text}' cannot be read by a uprobe event");
    }

    /// <summary>The word: <c>NAME=LOC:s64</c>.</summary>
    public static string Word(string name, SdtOperand operand) => $"{name}={Location(operand)}:s64";

    /// <summary>The UTF-8 text behind the pointer: <c>NAME=+0(LOC):string</c>.</summary>
    public static string Text(string name, SdtOperand operand) => $"{name}=+0({Location(operand)}):string";

    private static string Offset(string text) =>
        (text.Length == 0 ? 0 : long.Parse(text, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Build(params (string Register, string[] Names)[] registers)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string register, string[] names) in registers)
        {
            foreach (string name in names)
                map[name] = register;
        }
        return map;
    }

    // 8(%rsp), -16(%rbp)
    [GeneratedRegex(@"^(-?\d*)\(%(r?sp|r?bp)\)$")]
    private static partial Regex X64Stack();

    // x0, w3, sp
    [GeneratedRegex(@"^((x|w)(\d+)|(sp))$")]
    private static partial Regex Arm64Register();

    // [sp, 8], [sp], [x29, -16]
    [GeneratedRegex(@"^\[(sp|x\d+)(?:,\s*(-?\d+))?\]$")]
    private static partial Regex Arm64Stack();
}
