namespace Shop.Services;

/// <summary>Thrown when a reservation asks for more than the warehouse holds.</summary>
public sealed class OutOfStockException(string sku) : Exception($"{sku} is out of stock")
{
    public string Sku { get; } = sku;
}
