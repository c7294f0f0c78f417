using Usdt;

namespace Shop.Services;

/// <summary>Reserves stock; throws when an item is out of stock (the exception path).</summary>
public sealed class InventoryService
{
    // Small enough for the JIT to inline, so the namespace rule in FodyWeavers.xml leaves it
    // unprobed (MinMethodBytes); [Probe] asks for it anyway: it is where orders fail.
    [Probe]
    public bool Reserve(string sku, int quantity)
    {
        if (sku.EndsWith("-GONE", StringComparison.Ordinal))
            throw new OutOfStockException(sku);
        Thread.SpinWait(200 * quantity); // a little work, so latency histograms show a shape
        return true;
    }
}
