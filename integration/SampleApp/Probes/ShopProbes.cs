using Usdt;

namespace Shop.Probes;

/// <summary>
/// Hand-placed probes, where the program would otherwise log. The weaver turns each empty
/// method into the probe shop:&lt;Name&gt;; Is&lt;Name&gt;Enabled is true only while a tracer is attached.
/// </summary>
[ProbeProvider("shop")]
public static class ShopProbes
{
    public static void OrderPlaced(long orderId, string sku, double total) { }

    public static bool IsOrderPlacedEnabled => false;

    public static void OrderRejected(int customerId, string sku) { }
}
