using System.Collections.Generic;

namespace Usdt.Integration.Tests;

/// <summary>
/// What the sample shop does with order n (see integration/SampleApp/Program.cs), so
/// tests can check every traced argument against what the shop was asked to do.
/// </summary>
internal static class ShopOrders
{
    public static readonly string[] Skus = ["SKU-BOOK", "SKU-LAMP", "SKU-MUG", "SKU-TEA", "SKU-CHAIR-GONE"];
    public static readonly string[] Addresses = ["1 Main St, Springfield", "Straße 7, München", "東京都千代田区 1-1"];

    public static int OrderNumber(long customer) => (int)(customer - 1000);

    public static string SkuOf(long customer) => Skus[OrderNumber(customer) % Skus.Length];

    public static int QuantityOf(long customer) => 1 + OrderNumber(customer) % 12;

    public static bool IsRejected(long customer) => SkuOf(customer).EndsWith("-GONE", System.StringComparison.Ordinal);

    public static readonly IReadOnlySet<string> AddressSet = new HashSet<string>(Addresses);
}
