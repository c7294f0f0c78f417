namespace Shop.Services;

/// <summary>Ships orders asynchronously: the return probe fires when the shipment completes.</summary>
public sealed class ShippingService
{
    private int _nextTracking = 5000;

    public async Task<int> ShipAsync(long orderId, string address)
    {
        // Shipping "takes" 5 to 14 ms: the async return probe's elapsed time covers it.
        await Task.Delay(5 + (int)(orderId % 10)).ConfigureAwait(false);
        return Interlocked.Increment(ref _nextTracking);
    }
}
