using System.Linq;
using DotnetUsdt.Selection;
using DotnetUsdt.Targets;
using Usdt.Contract;
using Xunit;
using static DotnetUsdt.Tests.Support.TestLibrary;

namespace DotnetUsdt.Tests.Targets;

/// <summary>.NET-style patterns match member names, their dotted tails, and probe names.</summary>
public sealed class MemberPatternTests
{
    private static readonly ProbeLibrary Library = Of(
        Entry("Shop.Services.OrderService", "PlaceOrder"),
        Entry("Shop.Services.OrderService", "CheckoutAsync"),
        Entry("Shop.Services.ShippingService", "ShipAsync"),
        Entry("Shop.Services.PricingService", ".ctor"),
        Static("Shop.Probes.ShopProbes", "OrderPlaced", Argument(0, "id", "System.Int64", ArgumentKind.Int64)));

    private static string[] Matching(string pattern) =>
        Library.Probes.Where(new MemberPattern(pattern).Matches).Select(p => p.Info.Method).ToArray();

    [Theory]
    [InlineData("OrderService.*", new[] { "PlaceOrder", "CheckoutAsync" })]
    [InlineData("*Async", new[] { "CheckoutAsync", "ShipAsync" })]
    [InlineData("Shop.Services.*.Place*", new[] { "PlaceOrder" })]
    [InlineData("PlaceOrder", new[] { "PlaceOrder" })]
    [InlineData("PricingService..ctor", new[] { ".ctor" })]
    [InlineData("ShopProbes.OrderPlaced", new[] { "OrderPlaced" })]
    [InlineData("shop:OrderPlaced", new[] { "OrderPlaced" })]
    [InlineData("OrderService__PlaceOrder__entry", new[] { "PlaceOrder" })]
    [InlineData("Order?ervice.PlaceOrder", new[] { "PlaceOrder" })]
    [InlineData("Services.OrderService.*", new[] { "PlaceOrder", "CheckoutAsync" })]
    [InlineData("rderService.*", new string[0])]
    [InlineData("placeorder", new string[0])]
    public void Matches(string pattern, string[] methods) => Assert.Equal(methods, Matching(pattern));

    [Fact]
    public void StarMatchesEveryProbe() => Assert.Equal(5, Matching("*").Length);
}
