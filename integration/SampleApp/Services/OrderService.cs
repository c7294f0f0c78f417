using Shop.Probes;

namespace Shop.Services;

/// <summary>Places orders: prices them, reserves stock, ships them.</summary>
public sealed class OrderService(PricingService pricing, InventoryService inventory, ShippingService shipping)
{
    private long _nextOrderId = 1;

    /// <summary>Returns the new order id, or -1 when the order was rejected.</summary>
    public long PlaceOrder(int customerId, string sku, int quantity)
    {
        double total = pricing.Quote(sku, quantity);
        try
        {
            inventory.Reserve(sku, quantity);
        }
        catch (OutOfStockException e)
        {
            ShopProbes.OrderRejected(customerId, e.Sku);
            return -1;
        }
        long orderId = Interlocked.Increment(ref _nextOrderId);
        if (ShopProbes.IsOrderPlacedEnabled)
            ShopProbes.OrderPlaced(orderId, sku, total);
        return orderId;
    }

    public async Task<int> CheckoutAsync(int customerId, string sku, int quantity, string address)
    {
        long orderId = PlaceOrder(customerId, sku, quantity);
        if (orderId < 0)
            return 0;
        return await shipping.ShipAsync(orderId, address);
    }
}
