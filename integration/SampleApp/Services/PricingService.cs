using Usdt;

namespace Shop.Services;

/// <summary>Prices orders: a string and an integer in, a double out.</summary>
public sealed class PricingService
{
    private readonly Dictionary<string, double> _unitPrices = new()
    {
        ["SKU-BOOK"] = 12.5,
        ["SKU-LAMP"] = 39.0,
        ["SKU-MUG"] = 7.25,
        ["SKU-TEA"] = 4.8,
    };

    [Probe] // small: see InventoryService.Reserve
    public double Quote(string sku, int quantity)
    {
        double unit = _unitPrices.TryGetValue(sku, out double price) ? price : 1.0;
        return Math.Round(unit * quantity * (quantity >= 10 ? 0.9 : 1.0), 2);
    }
}
