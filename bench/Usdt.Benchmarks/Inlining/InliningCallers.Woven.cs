extern alias woven;
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using WovenOrderService = woven::Usdt.Benchmarks.Subjects.OrderService;
using WovenShopProbes = woven::Usdt.Benchmarks.Woven.ShopProbes;

namespace Usdt.Benchmarks.Inlining;

/// <summary>Callers of the subjects woven by the real Usdt.Fody.</summary>
internal static partial class InliningCallers
{
    static partial void AddWoven(List<(string Caller, string Callee, Func<int, int> Run)> pairs)
    {
        pairs.Add((nameof(CallWovenAdd), "OrderService:Add(", i => CallWovenAdd(i, 1)));
        pairs.Add((nameof(CallWovenStaticProbe), "ShopProbes:OrderPlaced(", i => CallWovenStaticProbe(i, "SKU-12345")));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int CallWovenAdd(int a, int b) => WovenOrderService.Add(a, b);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int CallWovenStaticProbe(int a, string sku)
    {
        WovenShopProbes.OrderPlaced(a, sku);
        return a;
    }
}
