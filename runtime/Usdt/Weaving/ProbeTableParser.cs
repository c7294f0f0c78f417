using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Usdt.Contract;

namespace Usdt.Weaving;

/// <summary>
/// Reads the probe table a woven module embeds (<see cref="ProbeTableText"/>: one
/// <c>provider:name:codes</c> line per probe). Registration runs at start-up, where every
/// first use of a framework path is paid for: so this walks the string by index with plain
/// loops. The framework's vectorised character search cost about 1.7 ms on its first use
/// in a process, more than scanning any table; Split would allocate every field.
/// </summary>
internal static class ProbeTableParser
{
    /// <summary>Number of probe lines: every line is a probe, so the count needs no parsing.</summary>
    public static int CountLines(string table)
    {
        if (table.Length == 0)
            return 0;
        int lines = 1;
        foreach (char c in table)
        {
            if (c == ProbeTableText.LineSeparator)
                lines++;
        }
        return lines;
    }

    /// <summary>The provider and name of the first line, which name the library's anchor symbol.</summary>
    public static bool TryParseFirst(string table, [NotNullWhen(true)] out ProbeSpec? first, out string? error)
    {
        string? provider = null;
        return TryParseLine(table, 0, LineEnd(table, 0), ref provider, out first, out error);
    }

    /// <summary>Every line; false with the first problem (line number and what is wrong).</summary>
    public static bool TryParse(string? table, out List<ProbeSpec> probes, out string? error)
    {
        probes = [];
        error = null;
        if (string.IsNullOrEmpty(table))
            return true;

        // Lines of one module share a provider, so consecutive equal providers share one string.
        string? provider = null;
        for (int start = 0; ; )
        {
            int end = LineEnd(table, start);
            if (!TryParseLine(table, start, end, ref provider, out ProbeSpec? probe, out string? problem))
            {
                error = $"line {probes.Count + 1}: {problem}";
                return false;
            }
            probes.Add(probe);
            if (end == table.Length)
                return true;
            start = end + 1;
        }
    }

    /// <summary>Parses <c>provider:name:codes</c>, the characters [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="table"/>.</summary>
    private static bool TryParseLine(string table, int start, int end, ref string? provider, [NotNullWhen(true)] out ProbeSpec? probe, out string? problem)
    {
        probe = null;
        int first = Find(table, ProbeTableText.FieldSeparator, start, end);
        int second = first < 0 ? -1 : Find(table, ProbeTableText.FieldSeparator, first + 1, end);
        if (second < 0 || Find(table, ProbeTableText.FieldSeparator, second + 1, end) >= 0
            || !IsIdentifier(table, start, first, ContractLimits.MaxProviderNameLength)
            || !IsIdentifier(table, first + 1, second, ContractLimits.MaxProbeNameLength)
            || end - (second + 1) > ContractLimits.MaxArguments)
        {
            problem = $"'{table.Substring(start, end - start)}'";
            return false;
        }

        var arguments = new ArgumentKind[end - (second + 1)];
        for (int i = 0; i < arguments.Length; i++)
        {
            char code = table[second + 1 + i];
            if (!ArgumentCodes.TryParse(code, out arguments[i]))
            {
                problem = $"unknown argument code '{code}'";
                return false;
            }
        }
        if (provider is null || provider.Length != first - start || string.CompareOrdinal(provider, 0, table, start, provider.Length) != 0)
            provider = table.Substring(start, first - start);
        probe = new ProbeSpec(provider, table.Substring(first + 1, second - first - 1), arguments);
        problem = null;
        return true;
    }

    private static int LineEnd(string table, int start)
    {
        int at = Find(table, ProbeTableText.LineSeparator, start, table.Length);
        return at < 0 ? table.Length : at;
    }

    /// <summary>Index of <paramref name="c"/> in [<paramref name="start"/>, <paramref name="end"/>), or -1.</summary>
    private static int Find(ReadOnlySpan<char> text, char c, int start, int end)
    {
        // Over a span (string's own conversion, not MemoryExtensions) the loop runs without bounds checks.
        ReadOnlySpan<char> range = text.Slice(start, end - start);
        for (int i = 0; i < range.Length; i++)
        {
            if (range[i] == c)
                return start + i;
        }
        return -1;
    }

    private static bool IsIdentifier(ReadOnlySpan<char> text, int start, int end, int maxLength)
    {
        if (end <= start || end - start > maxLength || ProbeIdentifier.IsDigit(text[start]))
            return false;
        ReadOnlySpan<char> name = text.Slice(start, end - start);
        for (int i = 0; i < name.Length; i++)
        {
            if (!ProbeIdentifier.IsWordCharacter(name[i]))
                return false;
        }
        return true;
    }
}
