using System;
using System.Collections.Generic;
using System.Globalization;
using Usdt.Contract;

namespace Usdt.Elf;

/// <summary>
/// Dynamic symbol names of each probe's stub and semaphore. Semaphores are named as
/// <c>sys/sdt.h</c> names them (<c>provider_name_semaphore</c>); stubs
/// <c>usdt_provider_name</c>, which is what perf shows for samples that land in them.
/// </summary>
internal static class ProbeSymbolNames
{
    private const string StubPrefix = "usdt_";
    private const string SemaphoreSuffix = "_semaphore";

    /// <summary>The stub symbol of a library's first probe: never suffixed, since no name was taken before it.</summary>
    public static string StubOfFirst(string provider, string name) => StubPrefix + provider + "_" + name;

    /// <summary>Names for every probe, all of them distinct (the ELF writer relies on it).</summary>
    public static (string[] Stubs, string[] Semaphores) For(IReadOnlyList<ProbeSpec> probes)
    {
        var stubs = new string[probes.Count];
        var semaphores = new string[probes.Count];
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < probes.Count; i++)
        {
            // "a_b" + "c" and "a" + "b_c" join to the same text, and a stub can spell
            // another probe's semaphore ("usdt" + "x_semaphore"); a suffix keeps them apart.
            // Each name is joined in one piece: a shared "provider_name" would be one more
            // string per probe, thrown away at once.
            string provider = probes[i].Provider;
            for (int suffix = 1; ; suffix++)
            {
                string name = suffix == 1 ? probes[i].Name : probes[i].Name + "_" + suffix.ToString(CultureInfo.InvariantCulture);
                stubs[i] = string.Concat(StubPrefix, provider, "_", name);
                semaphores[i] = string.Concat(provider, "_", name, SemaphoreSuffix);
                if (!taken.Add(stubs[i]))
                    continue;
                if (taken.Add(semaphores[i]))
                    break;
                taken.Remove(stubs[i]);
            }
        }
        return (stubs, semaphores);
    }
}
