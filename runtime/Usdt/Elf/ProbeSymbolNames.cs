using System.Collections.Generic;

namespace Usdt.Elf;

/// <summary>
/// Dynamic symbol names of each probe's stub and semaphore. Semaphores are named as
/// <c>sys/sdt.h</c> names them (<c>provider_name_semaphore</c>); stubs
/// <c>usdt_provider_name</c>, which is what perf shows for samples that land in them.
/// </summary>
internal static class ProbeSymbolNames
{
    public static (string[] Stubs, string[] Semaphores) For(IReadOnlyList<ProbeSpec> probes)
    {
        var stubs = new string[probes.Count];
        var semaphores = new string[probes.Count];
        var taken = new HashSet<string>();
        for (int i = 0; i < probes.Count; i++)
        {
            // "a_b" + "c" and "a" + "b_c" join to the same text; a suffix keeps them apart.
            string joined = $"{probes[i].Provider}_{probes[i].Name}";
            string stem = joined;
            for (int suffix = 2; !taken.Add(stem); suffix++)
                stem = $"{joined}_{suffix}";
            stubs[i] = "usdt_" + stem;
            semaphores[i] = stem + "_semaphore";
        }
        return (stubs, semaphores);
    }
}
