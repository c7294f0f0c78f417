using System;
using System.Collections.Generic;
using System.Globalization;

namespace Usdt.Tests.Tracers;

/// <summary>
/// One <c>[-]size@operand</c> entry of an SDT argument spec: how many bytes, signed or
/// not, and where (the operand in the architecture's assembler syntax).
/// </summary>
public sealed partial record SdtArgument(int Size, bool Signed, string Operand)
{
    /// <summary>
    /// The entries of a whole spec, split as tracers split them: at spaces, but not inside
    /// brackets, where an AArch64 stack operand has one (<c>-4@x0 8@[sp, 8]</c>, GCC's spelling).
    /// </summary>
    public static IReadOnlyList<SdtArgument> ParseAll(string spec)
    {
        var arguments = new List<SdtArgument>();
        foreach (System.Text.RegularExpressions.Match entry in Entry().Matches(spec))
            arguments.Add(Parse(entry.Value));
        return arguments;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\S+@(\[[^\]]*\]|\S+)")]
    private static partial System.Text.RegularExpressions.Regex Entry();

    public static SdtArgument Parse(string entry)
    {
        int at = entry.IndexOf('@');
        if (at <= 0)
            throw new FormatException($"'{entry}' is not a [-]size@operand SDT argument");
        int size = int.Parse(entry[..at], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return new SdtArgument(Math.Abs(size), size < 0, entry[(at + 1)..]);
    }
}
