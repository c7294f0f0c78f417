extern alias woven;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using WovenShopProbes = woven::Usdt.Benchmarks.Woven.ShopProbes;

namespace Usdt.Benchmarks.Enabled;

/// <summary>The enabled-probe loops over static probes woven by the real Usdt.Fody.</summary>
internal static partial class EnabledProbeRun
{
    private const string WovenProvider = "usdtbenchwoven";

    static partial void AddWovenProbes(StringBuilder ready, List<Func<bool>> attached, ref string? problem)
    {
        // Reading a woven property runs the module initializer, which registers the probes.
        _ = WovenShopProbes.IsFire2Enabled;
        ProbeRegistration? registration = UsdtDiagnostics.Registrations.LastOrDefault(r => r.Label == "Usdt.Benchmarks.Woven");
        if (registration is not { IsActive: true })
        {
            problem = $"woven probes not registered: {registration?.ToString() ?? "no registration"}";
            return;
        }
        foreach (string name in (string[])["Fire2", "FireShortString", "Fire256String", "Fire6"])
            ready.Append($"probe {WovenProvider} {name} {registration.LibraryPath}\n");
        attached.Add(() => WovenShopProbes.IsFire2Enabled);
        attached.Add(() => WovenShopProbes.IsFireShortStringEnabled);
        attached.Add(() => WovenShopProbes.IsFire256StringEnabled);
        attached.Add(() => WovenShopProbes.IsFire6Enabled);
    }

    static partial void MeasureWoven(LoopTimer timer)
    {
        timer.Measure("cs_woven_fire2", $"{WovenProvider}:Fire2", FireLoops.WovenFire2);
        timer.Measure("cs_woven_str_short", $"{WovenProvider}:FireShortString", FireLoops.WovenFireShortString);
        timer.Measure("cs_woven_str_256", $"{WovenProvider}:Fire256String", FireLoops.WovenFire256String);
        timer.Measure("cs_woven_fire6", $"{WovenProvider}:Fire6", FireLoops.WovenFire6);
    }
}
