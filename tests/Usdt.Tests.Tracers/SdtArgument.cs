using System;
using System.Collections.Generic;
using System.Globalization;

namespace Usdt.Tests.Tracers;

/// <summary>
/// One <c>[-]size@operand</c> entry of an SDT argument spec: how many bytes, signed or
/// not, and where (the operand in the architecture's assembler syntax).
/// </summary>
public sealed record SdtArgument(int Size, bool Signed, string Operand)
{
    public static IReadOnlyList<SdtArgument> ParseAll(string spec)
    {
        var arguments = new List<SdtArgument>();
        foreach (string entry in spec.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            arguments.Add(Parse(entry));
        return arguments;
    }

    public static SdtArgument Parse(string entry)
    {
        int at = entry.IndexOf('@');
        if (at <= 0)
            throw new FormatException($"'{entry}' is not a [-]size@operand SDT argument");
        int size = int.Parse(entry[..at], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return new SdtArgument(Math.Abs(size), size < 0, entry[(at + 1)..]);
    }
}
