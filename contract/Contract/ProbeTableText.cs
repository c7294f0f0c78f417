using System.Collections.Generic;
using System.Text;

namespace Usdt.Contract;

/// <summary>
/// The probe table a woven module embeds: one line per probe, <c>provider:name:codes</c>,
/// lines joined by <c>\n</c>, one <see cref="ArgumentCodes">code</see> per argument. One
/// string literal instead of arrays keeps the module initializer small for 10,000 probes.
/// Its <see cref="Hash"/> ties a module to the probe library built for it.
/// </summary>
internal static class ProbeTableText
{
    public const char FieldSeparator = ':';
    public const char LineSeparator = '\n';

    public static string Of(IReadOnlyList<ProbeSpec> probes)
    {
        // The lines go straight into a builder of the exact size: for 10,000 probes the
        // table is megabytes, and per-line strings would only be copied again.
        int length = probes.Count == 0 ? 0 : probes.Count - 1;
        for (int i = 0; i < probes.Count; i++)
            length += probes[i].Provider.Length + 1 + probes[i].Name.Length + 1 + probes[i].Arguments.Count;
        var text = new StringBuilder(length);
        for (int i = 0; i < probes.Count; i++)
        {
            if (i > 0)
                text.Append(LineSeparator);
            ProbeSpec probe = probes[i];
            text.Append(probe.Provider).Append(FieldSeparator).Append(probe.Name).Append(FieldSeparator);
            for (int a = 0; a < probe.Arguments.Count; a++)
                text.Append(ArgumentCodes.Of(probe.Arguments[a]));
        }
        return text.ToString();
    }

    /// <summary>
    /// FNV-1a (64 bits) over the UTF-16 code units of <paramref name="table"/>: stable across
    /// processes, runtimes and hosts, cheap enough to compute at every start-up
    /// (about a microsecond per probe line).
    /// </summary>
    public static ulong Hash(string table)
    {
        ulong hash = 0xcbf29ce484222325;
        foreach (char c in table)
        {
            hash ^= c;
            hash *= 0x100000001b3;
        }
        return hash;
    }
}
