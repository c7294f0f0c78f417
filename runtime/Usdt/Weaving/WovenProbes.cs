using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Usdt.Registration;

namespace Usdt.Weaving;

/// <summary>
/// The registration entry point of woven modules. The weaver generates, per module, a
/// probe table class whose static constructor calls <see cref="Register"/> and keeps
/// <see cref="ProbeRegistration.SemaphoreBase"/> and <see cref="ProbeRegistration.StubBase"/>
/// in <c>static readonly</c> fields, which tier-1 JIT folds into constants: a disabled
/// probe site becomes one compare of a 2-byte word at a constant address, and a branch.
/// </summary>
/// <remarks>
/// Layout contract (version 1) shared with the weaver: probe <c>i</c> of the table has its
/// semaphore at <c>SemaphoreBase + 2 * i</c> and its stub at <c>StubBase + 8 * i</c>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WovenProbes
{
    /// <summary>
    /// Registers a woven module's probes. <paramref name="table"/> holds one line per probe,
    /// <c>provider:name:codes</c>, one code per argument (<c>b B h H i I l L</c> for signed
    /// and unsigned 8/16/32/64-bit integers, <c>s</c> for a UTF-8 string pointer, <c>x</c>
    /// for an unsupported slot). Never throws.
    /// </summary>
    public static ProbeRegistration Register(string table, string label)
    {
        if (!TryParse(table, out List<ProbeSpec> probes, out string? error))
        {
            // Probe sites index the semaphores by table line, so the disabled registration
            // must cover every line, not only those parsed before the error (and an error on
            // the first line must not turn into "no probes").
            var everyLine = new ProbeSpec[table.Split('\n').Length];
            Array.Fill(everyLine, new ProbeSpec("malformed", "malformed", []));
            return ProbeRegistry.Register(new UnsupportedBackend($"malformed probe table: {error}"), everyLine, label);
        }
        return ProbeRegistry.Register(probes, label);
    }

    internal static bool TryParse(string? table, out List<ProbeSpec> probes, out string? error)
    {
        probes = [];
        error = null;
        if (string.IsNullOrEmpty(table))
            return true;

        // Spans, not Split: registration runs at start-up, where every allocation and every
        // first use of a framework path is paid for. Lines of one module share a provider,
        // so consecutive equal providers share one string.
        string? provider = null;
        ReadOnlySpan<char> rest = table;
        while (true)
        {
            int end = rest.IndexOf('\n');
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
        int first = line.IndexOf(':');
        int second = first < 0 ? -1 : line[(first + 1)..].IndexOf(':') + first + 1;
        if (first < 0 || second <= first || line[(second + 1)..].Contains(':'))
        {
            problem = $"'{line}'";
            return false;
        }
        ReadOnlySpan<char> providerText = line[..first], name = line[(first + 1)..second], codes = line[(second + 1)..];
        if (!ProbeIdentifier.IsValid(providerText, ProbeLimits.MaxProviderNameLength)
            || !ProbeIdentifier.IsValid(name, ProbeLimits.MaxProbeNameLength)
            || codes.Length > ProbeLimits.MaxArguments)
        {
            problem = $"'{line}'";
            return false;
        }

        var arguments = new ProbeArgumentType[codes.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            if (!ProbeArgumentTypeCodes.TryParse(codes[i], out arguments[i]))
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
}
