using System.Runtime.CompilerServices;
using Usdt.Benchmarks.Subjects;

namespace Usdt.Benchmarks.Woven;

/// <summary>The unwoven method body with a woven static probe placed where one would log.</summary>
internal static class StaticProbeSubject
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int PlaceOrder(int quantity, string sku)
    {
        int result = Workload.Body(quantity, sku);
        ShopProbes.OrderPlaced(result, sku);
        return result;
    }
}
