using System;
using System.Collections.Generic;
using System.Globalization;

namespace DotnetUsdt.Elf;

/// <summary>
/// One argument of a SystemTap SDT note, <c>[-]SIZE@OPERAND</c> (<c>-4@%edi</c>, <c>8@8(%rsp)</c>,
/// <c>-8@x1</c>, <c>8@[sp, 8]</c>): how many bytes the tracer reads, whether signed, and where.
/// </summary>
internal sealed class SdtOperand
{
    public SdtOperand(int size, bool isSigned, string operand)
    {
        Size = size;
        IsSigned = isSigned;
        Operand = operand;
    }

    public int Size { get; }

    public bool IsSigned { get; }

    /// <summary>The location in the architecture's assembler syntax, as the note spells it.</summary>
    public string Operand { get; }

    public override string ToString() => $"{(IsSigned ? "-" : "")}{Size}@{Operand}";

    /// <summary>Every argument of a note's argument string; operands may contain spaces inside brackets (<c>[sp, 8]</c>).</summary>
    public static IReadOnlyList<SdtOperand> ParseAll(string text)
    {
        var operands = new List<SdtOperand>();
        int depth = 0, start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : ' ';
            if (c == '[')
                depth++;
            else if (c == ']')
                depth--;
            if (c == ' ' && depth == 0)
            {
                if (start >= 0)
                    operands.Add(Parse(text[start..i]));
                start = -1;
            }
            else if (start < 0)
            {
                start = i;
            }
        }
        return operands;
    }

    public static SdtOperand Parse(string text)
    {
        int at = text.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
            return new SdtOperand(8, false, text); // very old notes had no size
        bool signed = text.StartsWith('-');
        if (!int.TryParse(text.AsSpan(signed ? 1 : 0, at - (signed ? 1 : 0)), NumberStyles.None, CultureInfo.InvariantCulture, out int size))
            throw new FormatException($"not an SDT argument: '{text}'");
        return new SdtOperand(size, signed, text[(at + 1)..]);
    }
}
