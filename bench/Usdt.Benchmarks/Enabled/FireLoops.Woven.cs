extern alias woven;
using System.Runtime.CompilerServices;
using Usdt.Benchmarks.Subjects;
using WovenShopProbes = woven::Usdt.Benchmarks.Woven.ShopProbes;

namespace Usdt.Benchmarks.Enabled;

/// <summary>The same loops over static probes woven by the real Usdt.Fody: the call is the whole site.</summary>
internal static partial class FireLoops
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void WovenFire2(long count)
    {
        for (long i = 0; i < count; i++)
            WovenShopProbes.Fire2(i, 42);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void WovenFireShortString(long count)
    {
        for (long i = 0; i < count; i++)
            WovenShopProbes.FireShortString(i, Workload.Sku);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void WovenFire256String(long count)
    {
        for (long i = 0; i < count; i++)
            WovenShopProbes.Fire256String(i, Workload.LongText);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void WovenFire6(long count)
    {
        for (long i = 0; i < count; i++)
            WovenShopProbes.Fire6(i, 42, 43, 44, 45, 46);
    }
}
