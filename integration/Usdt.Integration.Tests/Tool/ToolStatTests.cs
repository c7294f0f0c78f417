using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests.Tool;

/// <summary>
/// <c>dotnet-usdt stat</c> counts exactly the calls a shop run of known orders makes, its
/// errors by exception type, and latencies from the return probe's elapsed time, so an
/// async method's latency covers its awaits.
/// </summary>
[Collection(SampleShopCollection.Name)]
public sealed class ToolStatTests(SampleShopBuild build)
{
    private const int Orders = 20;

    /// <summary>A copy of the shop's output of its own, so only this test's shop maps its library.</summary>
    private string CopyOfTheShop() =>
        DirectoryCopy.Tree(Path.GetDirectoryName(build.AppPath)!, Path.Combine(build.Root, "stat-" + Guid.NewGuid().ToString("N")));

    private ToolProcess StatOfAShopRun(string copy, string tracer, params string[] options)
    {
        ToolProcess stat = InstalledTool.For(build).Start(["stat", "--path", Path.Combine(copy, "Shop.Sample.usdt.x64.so"),
            "OrderService.*", "InventoryService.*", "ShipAsync", "ShopProbes.*", "PricingService.Quote", "--tracer", tracer, .. options]).WaitUntilAttached();
        using ShopProcess shop = ShopProcess.Start(["dotnet", Path.Combine(copy, "Shop.Sample.dll")], "--orders", Orders.ToString(CultureInfo.InvariantCulture), "--interval-ms", "1");
        shop.WaitForExit();
        Assert.Equal(0, shop.ExitCode);
        return stat.Interrupt();
    }

    [SkippableTheory]
    [InlineData("bpftrace")]
    [InlineData("tracefs")]
    public void CountsCallsErrorsAndLatenciesOfKnownOrders(string tracer)
    {
        Requires.Met(tracer == "bpftrace" ? TracerRequirements.Bpftrace() : TracerRequirements.Tracefs());
        using ToolProcess stat = StatOfAShopRun(CopyOfTheShop(), tracer, "--json");

        Assert.Equal(0, stat.ExitCode);
        using JsonDocument report = JsonDocument.Parse(string.Join('\n', stat.Lines));
        Assert.Equal(tracer, report.RootElement.GetProperty("tracer").GetString());
        Assert.Equal(0, report.RootElement.GetProperty("lostEvents").GetInt64());
        Dictionary<string, JsonElement> methods = report.RootElement.GetProperty("methods").EnumerateArray()
            .ToDictionary(m => m.GetProperty("member").GetString()!);
        // Orders 4, 9, 14 and 19 ask for the chair that is out of stock.
        int rejected = Enumerable.Range(0, Orders).Count(n => ShopOrders.IsRejected(1000 + n));
        Assert.Equal((Orders, 0L), Counts(methods["Shop.Services.OrderService.PlaceOrder"]));
        Assert.Equal((Orders, 0L), Counts(methods["Shop.Services.OrderService.CheckoutAsync"]));
        Assert.Equal((Orders, 0L), Counts(methods["Shop.Services.PricingService.Quote"]));
        Assert.Equal((Orders, (long)rejected), Counts(methods["Shop.Services.InventoryService.Reserve"]));
        Assert.Equal(rejected, methods["Shop.Services.InventoryService.Reserve"].GetProperty("exceptions").GetProperty("Shop.Services.OutOfStockException").GetInt64());
        Assert.Equal((Orders - rejected, 0L), Counts(methods["Shop.Services.ShippingService.ShipAsync"]));
        Assert.Equal(rejected, methods["Shop.Probes.ShopProbes.OrderRejected"].GetProperty("calls").GetInt64());
        Assert.Equal(Orders - rejected, methods["Shop.Probes.ShopProbes.OrderPlaced"].GetProperty("calls").GetInt64());

        // ShipAsync awaits Task.Delay(5 + orderId % 10): its latency is the whole operation.
        JsonElement shipping = methods["Shop.Services.ShippingService.ShipAsync"];
        Assert.True(shipping.GetProperty("async").GetBoolean());
        Assert.True(shipping.GetProperty("latencyNs").GetProperty("min").GetInt64() >= 5_000_000, shipping.ToString());
        Assert.Equal(Orders - rejected, shipping.GetProperty("latencyNs").GetProperty("count").GetInt32());
        JsonElement latency = methods["Shop.Services.OrderService.PlaceOrder"].GetProperty("latencyNs");
        Assert.True(latency.GetProperty("p50").GetInt64() <= latency.GetProperty("p90").GetInt64() &&
            latency.GetProperty("p90").GetInt64() <= latency.GetProperty("p99").GetInt64() &&
            latency.GetProperty("p99").GetInt64() <= latency.GetProperty("max").GetInt64());
        Assert.Equal(Orders, methods["Shop.Services.OrderService.PlaceOrder"].GetProperty("histogramUs").EnumerateArray().Sum(b => b.GetProperty("count").GetInt64()));
    }

    private static (long Calls, long Errors) Counts(JsonElement method) =>
        (method.GetProperty("calls").GetInt64(), method.GetProperty("errors").GetInt64());

    [SkippableFact]
    public void TextReportShowsCountsPercentilesAndHistograms()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        using ToolProcess stat = StatOfAShopRun(CopyOfTheShop(), "bpftrace");

        string report = string.Join('\n', stat.Lines);
        Assert.Contains($"Shop.Services.OrderService.PlaceOrder(Int32, String, Int32)\n  calls {Orders}  errors 0\n  latency  p50 ", report);
        Assert.Contains($"Shop.Services.InventoryService.Reserve(String, Int32)\n  calls {Orders}  errors 4 (Shop.Services.OutOfStockException 4)", report);
        Assert.Contains("Shop.Services.ShippingService.ShipAsync(Int64, String)  (async)\n  calls 16  errors 0", report);
        Assert.Contains("Shop.Probes.ShopProbes.OrderRejected(Int32, String)  (static probe)\n  calls 4", report);
        Assert.Matches(@"\n  microseconds:\n  \[\d+K?, \d+K?\)\s+\d+ \|@+ *\|", report);
    }
}
