extern alias woven;
using System;
using System.Collections.Generic;
using System.Text;
using Usdt.Benchmarks.Subjects;
using WovenShopProbes = woven::Usdt.Benchmarks.Woven.ShopProbes;

namespace Usdt.Benchmarks.Enabled;

/// <summary>The enabled-probe loops over static probes woven by the real Usdt.Fody.</summary>
internal static partial class EnabledProbeRun
{
    private const string WovenProvider = WovenSubjects.Provider;

    static partial void AddWovenProbes(StringBuilder ready, List<Func<bool>> attached, ref string? problem)
    {
        ProbeRegistration registration = WovenSubjects.Registration;
        if (!registration.IsActive)
        {
            problem = $"woven probes not registered: {registration}";
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
