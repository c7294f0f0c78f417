using System;
using System.Collections.Generic;
using System.ComponentModel;
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
        foreach (string line in table.Split('\n'))
        {
            string[] parts = line.Split(':');
            if (parts.Length != 3
                || !ProbeIdentifier.IsValid(parts[0], ProbeLimits.MaxProviderNameLength)
                || !ProbeIdentifier.IsValid(parts[1], ProbeLimits.MaxProbeNameLength)
                || parts[2].Length > ProbeLimits.MaxArguments)
            {
                error = $"line {probes.Count + 1}: '{line}'";
                return false;
            }
            var arguments = new ProbeArgumentType[parts[2].Length];
            for (int i = 0; i < arguments.Length; i++)
            {
                if (!ProbeArgumentTypeCodes.TryParse(parts[2][i], out arguments[i]))
                {
                    error = $"line {probes.Count + 1}: unknown argument code '{parts[2][i]}'";
                    return false;
                }
            }
            probes.Add(new ProbeSpec(parts[0], parts[1], arguments));
        }
        return true;
    }
}
