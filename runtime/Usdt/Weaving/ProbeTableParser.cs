using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Usdt.Contract;

namespace Usdt.Weaving;

/// <summary>
/// Reads the probe table a woven module embeds (<see cref="ProbeTableText"/>: one
/// <c>provider:name:codes</c> line per probe). Spans, not Split: registration runs at
/// start-up, where every allocation and every first use of a framework path is paid for.
/// </summary>
internal static class ProbeTableParser
{
    /// <summary>Number of probe lines: every line is a probe, so the count needs no parsing.</summary>
    public static int CountLines(string table) =>
        table.Length == 0 ? 0 : table.AsSpan().Count(ProbeTableText.LineSeparator) + 1;

    /// <summary>The provider and name of the first line, which name the library's anchor symbol.</summary>
    public static bool TryParseFirst(string table, [NotNullWhen(true)] out ProbeSpec? first, out string? error)
    {
        int end = table.IndexOf(ProbeTableText.LineSeparator);
        string? provider = null;
        return TryParseLine(end < 0 ? table : table.AsSpan(0, end), ref provider, out first, out error);
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
        ReadOnlySpan<char> rest = table;
        while (true)
        {
            int end = rest.IndexOf(ProbeTableText.LineSeparator);
            ReadOnlySpan<char> line = end < 0 ? rest : rest[..end];
            if (!TryParseLine(line, ref provider, out ProbeSpec? probe, out string? problem))
            {
                error = $"line {probes.Count + 1}: {problem}";
                return false;
            }
            probes.Add(probe);
            if (end < 0)
                return true;
            rest = rest[(end + 1)..];
        }
    }

    /// <summary>Parses <c>provider:name:codes</c>.</summary>
    private static bool TryParseLine(ReadOnlySpan<char> line, ref string? provider, [NotNullWhen(true)] out ProbeSpec? probe, out string? problem)
    {
        probe = null;
        int first = line.IndexOf(ProbeTableText.FieldSeparator);
        int second = first < 0 ? -1 : line[(first + 1)..].IndexOf(ProbeTableText.FieldSeparator) + first + 1;
        if (first < 0 || second <= first || line[(second + 1)..].Contains(ProbeTableText.FieldSeparator))
        {
            problem = $"'{line}'";
            return false;
        }
        ReadOnlySpan<char> providerText = line[..first], name = line[(first + 1)..second], codes = line[(second + 1)..];
        if (!IsIdentifier(providerText, ContractLimits.MaxProviderNameLength)
            || !IsIdentifier(name, ContractLimits.MaxProbeNameLength)
            || codes.Length > ContractLimits.MaxArguments)
        {
            problem = $"'{line}'";
            return false;
        }

        var arguments = new ArgumentKind[codes.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            if (!ArgumentCodes.TryParse(codes[i], out arguments[i]))
            {
                problem = $"unknown argument code '{codes[i]}'";
                return false;
            }
        }
        if (provider is null || !providerText.SequenceEqual(provider))
            provider = providerText.ToString();
        probe = new ProbeSpec(provider, name.ToString(), arguments);
        problem = null;
        return true;
    }

    private static bool IsIdentifier(ReadOnlySpan<char> name, int maxLength)
    {
        if (name.IsEmpty || name.Length > maxLength || ProbeIdentifier.IsDigit(name[0]))
            return false;
        foreach (char c in name)
        {
            if (!ProbeIdentifier.IsWordCharacter(c))
                return false;
        }
        return true;
    }
}
