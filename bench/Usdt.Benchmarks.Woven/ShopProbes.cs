using Usdt;

namespace Usdt.Benchmarks.Woven;

/// <summary>
/// Static probes as a user declares them: empty methods the weaver turns into
/// gated probe sites, and Is&lt;Name&gt;Enabled properties it turns into semaphore reads.
/// The counterparts of the hand replicas in Usdt.Benchmarks/Subjects/WovenReplica.
/// </summary>
[ProbeProvider("usdtbenchwoven")]
internal static class ShopProbes
{
    public static void OrderPlaced(int orderId, string sku) { }

    public static void Fire2(long i, long value) { }

    public static bool IsFire2Enabled => false;

    public static void FireShortString(long i, string text) { }

    public static bool IsFireShortStringEnabled => false;

    public static void Fire256String(long i, string text) { }

    public static bool IsFire256StringEnabled => false;

    public static void Fire6(long i, long a, long b, long c, long d, long e) { }

    public static bool IsFire6Enabled => false;
}
