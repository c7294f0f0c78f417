using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace Usdt.Tests.Tracers;

/// <summary>
/// Turns an SDT note's argument spec into tracefs fetch arguments, as perf does: argument
/// <c>i</c> becomes field <c>a{i}</c> read from the spec's operand with the spec's size and
/// sign (so <c>-1@%dil</c> becomes <c>a0=%di:s8</c>). Arguments named in
/// <c>strings</c> are read twice: <c>a{i}</c> as the pointer (<c>:x64</c>) and <c>s{i}</c>
/// as the NUL-terminated text it points to (<c>:string</c>).
/// </summary>
public static partial class SdtFetchArguments
{
    // x86-64 register names of every width, as GCC prints them in specs, to the pt_regs
    // names tracefs knows.
    private static readonly Dictionary<string, string> X64Registers = BuildRegisterMap();

    public static IReadOnlyList<FetchArgument> For(SdtNote note, IReadOnlyCollection<int>? strings = null)
    {
        var fields = new List<FetchArgument>();
        IReadOnlyList<SdtArgument> arguments = note.Arguments;
        for (int i = 0; i < arguments.Count; i++)
        {
            string location = Location(arguments[i].Operand);
            if (strings is not null && strings.Contains(i))
            {
                fields.Add(new FetchArgument($"a{i}", $"{location}:x64"));
                fields.Add(new FetchArgument($"s{i}", $"+0({location}):string"));
            }
            else
            {
                string type = (arguments[i].Signed ? "s" : "u") + (arguments[i].Size * 8).ToString(CultureInfo.InvariantCulture);
                fields.Add(new FetchArgument($"a{i}", $"{location}:{type}"));
            }
        }
        return fields;
    }

    /// <summary>The tracefs fetcharg of an x86-64 spec operand: <c>%edi</c> to <c>%di</c>, <c>8(%rsp)</c> to <c>+8(%sp)</c>.</summary>
    public static string Location(string operand)
    {
        if (X64Registers.TryGetValue(operand, out string? register))
            return register;
        Match memory = MemoryOperand().Match(operand);
        if (memory.Success && X64Registers.TryGetValue(memory.Groups["base"].Value, out string? @base))
        {
            int offset = memory.Groups["offset"].Length == 0 ? 0 : int.Parse(memory.Groups["offset"].Value, CultureInfo.InvariantCulture);
            return $"{(offset < 0 ? "-" : "+")}{Math.Abs(offset)}({@base})";
        }
        throw new NotSupportedException($"operand '{operand}' is not an x86-64 register or register+offset operand");
    }

    private static Dictionary<string, string> BuildRegisterMap()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, string[] aliases) in new (string, string[])[]
        {
            ("ax", ["rax", "eax", "ax", "al"]), ("bx", ["rbx", "ebx", "bx", "bl"]),
            ("cx", ["rcx", "ecx", "cx", "cl"]), ("dx", ["rdx", "edx", "dx", "dl"]),
            ("si", ["rsi", "esi", "si", "sil"]), ("di", ["rdi", "edi", "di", "dil"]),
            ("bp", ["rbp", "ebp", "bp", "bpl"]), ("sp", ["rsp", "esp", "sp", "spl"]),
        })
        {
            foreach (string alias in aliases)
                map["%" + alias] = "%" + name;
        }
        for (int r = 8; r <= 15; r++)
        {
            foreach (string suffix in new[] { "", "d", "w", "b" })
                map[$"%r{r}{suffix}"] = $"%r{r}";
        }
        return map;
    }

    [GeneratedRegex(@"^(?<offset>-?\d*)\((?<base>%[a-z0-9]+)\)$")]
    private static partial Regex MemoryOperand();
}
