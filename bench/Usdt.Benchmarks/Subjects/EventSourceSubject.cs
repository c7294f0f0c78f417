using System.Runtime.CompilerServices;

namespace Usdt.Benchmarks.Subjects;

/// <summary>The method body with an <see cref="ShopEventSource"/> event, guarded as the docs recommend.</summary>
internal static class EventSourceSubject
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int PlaceOrder(int quantity, string sku)
    {
        int result = Workload.Body(quantity, sku);
        if (ShopEventSource.Log.IsEnabled())
            ShopEventSource.Log.OrderPlaced(result, sku);
        return result;
    }
}
