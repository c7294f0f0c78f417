using System.Runtime.CompilerServices;
using Usdt.Benchmarks.Subjects.WovenReplica;

namespace Usdt.Benchmarks.Subjects;

/// <summary>The unwoven method body with a static probe placed where one would log.</summary>
internal static class StaticProbeSubject
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int PlaceOrder(int quantity, string sku)
    {
        int result = Workload.Body(quantity, sku);
        ShopProbesReplica.OrderPlaced(result, sku);
        return result;
    }
}
