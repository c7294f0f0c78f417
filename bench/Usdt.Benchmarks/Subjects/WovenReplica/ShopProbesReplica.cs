using Usdt.Firing;
using T = Usdt.Benchmarks.Subjects.WovenReplica.ReplicaProbeTable;

namespace Usdt.Benchmarks.Subjects.WovenReplica;

/// <summary>
/// HAND-WRITTEN REPLICA of a woven static probe (issue 4): the user writes
/// <c>[ProbeProvider("usdtbench")] static class ShopProbes { public static void OrderPlaced(int orderId, string sku) { } }</c>
/// and the weaver fills the empty body with one gated site.
/// </summary>
internal static unsafe class ShopProbesReplica
{
    public static void OrderPlaced(int orderId, string sku)
    {
        if (*(ushort*)(T.Semaphores + 2 * T.OrderPlaced) != 0)
            ProbeFire.Fire2(T.Stubs + 8 * T.OrderPlaced, orderId, ProbeArgs.Utf8(sku, 1, 256));
    }
}
