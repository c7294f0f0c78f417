using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>bpftrace attached by process id to the running shop, as the README shows.</summary>
[Collection(SampleShopCollection.Name)]
public sealed class BpftraceTracingTests(SampleShopBuild shop)
{
    [SkippableFact]
    public void PlaceOrderEntryAndReturnCarryTheOrdersArgumentsAndResults()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        string p = shop.Provider;
        using ShopProcess app = ShopProcess.Start(["dotnet", shop.AppPath]);
        // The first line is the README's one-liner, verbatim but for the provider; the second
        // stamps each line with the time, because bpftrace prints each CPU's events in turn.
        using BpftraceSession bpftrace = BpftraceSession.Start($$"""
            usdt:*:{{p}}:OrderService__PlaceOrder__entry { printf("%d %s %d\n", arg0, str(arg1), arg2); }
            usdt:*:{{p}}:OrderService__PlaceOrder__entry { printf("@%ld entry %d %s %d\n", nsecs, arg0, str(arg1), arg2); }
            usdt:*:{{p}}:OrderService__PlaceOrder__return { printf("@%ld return %d %d %s\n", nsecs, arg0, arg1, arg2 ? str(arg2) : "-"); }
            usdt:*:{{p}}:InventoryService__Reserve__return /arg2/ { printf("threw %s\n", str(arg2)); }
            usdt:*:{{p}}:OrderRejected { printf("rejected %d %s\n", arg0, str(arg1)); }
            """, app.ProcessId).WaitUntilAttached();
        // Enough for the checks below: two rejections, and more returns than the ten pairs checked.
        bpftrace.WaitForOutput(lines => lines.Count(l => l.StartsWith("rejected", StringComparison.Ordinal)) >= 2 &&
            lines.Count(l => l.StartsWith('@') && l.Contains(" return ", StringComparison.Ordinal)) >= 12, "two rejected orders and 12 returns", TimeSpan.FromSeconds(20));
        IReadOnlyList<string> lines = bpftrace.Stop();
        app.Stop();

        // The README's line: customer, sku, quantity.
        var plain = lines.Where(l => l.Length > 0 && char.IsDigit(l[0])).Select(l => l.Split(' ')).ToList();
        Assert.True(plain.Count >= 10, $"expected at least 10 orders, saw {plain.Count}:\n{string.Join('\n', lines)}");
        Assert.All(plain, fields =>
        {
            long customer = long.Parse(fields[0], CultureInfo.InvariantCulture);
            Assert.Equal(ShopOrders.SkuOf(customer), fields[1]);
            Assert.Equal(ShopOrders.QuantityOf(customer), int.Parse(fields[2], CultureInfo.InvariantCulture));
        });

        // In time order, the shop's sequential loop makes every entry followed by its return.
        // bpftrace attaches probes one by one, so the very first entry may precede the moment
        // the return probe was attached, and stopping it may drop the newest events of one
        // CPU's buffer: pairs are checked from the first return to the last.
        string[][] timed = lines.Where(l => l.StartsWith('@')).Select(l => l.Split(' '))
            .OrderBy(fields => long.Parse(fields[0][1..], CultureInfo.InvariantCulture))
            .SkipWhile(fields => fields[1] != "return")
            .Reverse().SkipWhile(fields => fields[1] != "return").Reverse().ToArray();
        int checkedOrders = 0;
        for (int i = 0; i + 1 < timed.Length; i++)
        {
            if (timed[i][1] != "entry")
                continue;
            Assert.True(timed[i + 1][1] == "return", $"entry {i} is not followed by its return:\n{string.Join('\n', timed.Select(f => string.Join(' ', f)))}");
            long customer = long.Parse(timed[i][2], CultureInfo.InvariantCulture);
            long orderId = long.Parse(timed[i + 1][2], CultureInfo.InvariantCulture);
            Assert.Equal(ShopOrders.IsRejected(customer), orderId == -1);
            Assert.InRange(long.Parse(timed[i + 1][3], CultureInfo.InvariantCulture), 1, 1_000_000_000);
            Assert.Equal("-", timed[i + 1][4]); // PlaceOrder catches the exception itself
            checkedOrders++;
        }
        Assert.True(checkedOrders >= 10, $"only {checkedOrders} entry/return pairs");

        string[] thrown = lines.Where(l => l.StartsWith("threw ", StringComparison.Ordinal)).ToArray();
        string[] rejected = lines.Where(l => l.StartsWith("rejected ", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(thrown);
        Assert.All(thrown, l => Assert.Equal("threw Shop.Services.OutOfStockException", l));
        Assert.All(rejected, l =>
        {
            string[] fields = l.Split(' ');
            Assert.True(ShopOrders.IsRejected(long.Parse(fields[1], CultureInfo.InvariantCulture)), l);
            Assert.Equal("SKU-CHAIR-GONE", fields[2]);
        });
    }

    [SkippableFact]
    public void AsyncShipmentReportsTrackingNumberAndTheWholeAwaitedTime()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        string p = shop.Provider;
        using ShopProcess app = ShopProcess.Start(["dotnet", shop.AppPath]);
        using BpftraceSession bpftrace = BpftraceSession.Start($$"""
            usdt:*:{{p}}:ShippingService__ShipAsync__entry { printf("ship %d %s\n", arg0, str(arg1)); }
            usdt:*:{{p}}:ShippingService__ShipAsync__return { printf("shipped %d %d\n", arg0, arg1); }
            """, app.ProcessId).WaitUntilAttached();
        bpftrace.WaitForOutput(lines => lines.Count(l => l.StartsWith("shipped", StringComparison.Ordinal)) >= 9, "nine shipments", TimeSpan.FromSeconds(20));
        IReadOnlyList<string> lines = bpftrace.Stop();
        app.Stop();

        var shipments = lines.Where(l => l.StartsWith("ship ", StringComparison.Ordinal))
            .Select(l => (Order: long.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture), Address: l[(l.IndexOf(' ', 5) + 1)..]))
            .ToList();
        Assert.All(shipments, s => Assert.Contains(s.Address, ShopOrders.AddressSet));
        Assert.Contains(shipments, s => s.Address == "Straße 7, München");   // UTF-8 byte for byte
        Assert.Contains(shipments, s => s.Address == "東京都千代田区 1-1");

        string[] shipped = lines.Where(l => l.StartsWith("shipped ", StringComparison.Ordinal)).ToArray();
        var elapsed = new List<long>();
        for (int i = 0; i < shipped.Length; i++)
        {
            string[] fields = shipped[i].Split(' ');
            Assert.True(int.Parse(fields[1], CultureInfo.InvariantCulture) > 5000, shipped[i]);
            // A shipment already under way when bpftrace attached reports 0 ("not measured"),
            // as the contract says.
            long nanoseconds = long.Parse(fields[2], CultureInfo.InvariantCulture);
            if (i == 0 && nanoseconds == 0)
                continue;
            Assert.InRange(nanoseconds, 1, 2_000_000_000);
            elapsed.Add(nanoseconds);
        }
        // ShipAsync awaits Task.Delay(5 + orderId % 10) ms: the return probe fires when the
        // task completes, so its elapsed time covers the delay. .NET's timers run on a
        // coarse clock and may end a delay up to a tick early, so the delays are checked
        // together: the median shipment took at least the shortest delay.
        Assert.True(elapsed.Order().ElementAt(elapsed.Count / 2) >= 5_000_000, string.Join(", ", elapsed));
    }

    [SkippableFact]
    public void StaticProbeOrderPlacedCarriesTheOrderIdSkuAndTotal()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        string p = shop.Provider;
        using ShopProcess app = ShopProcess.Start(["dotnet", shop.AppPath]);
        using BpftraceSession bpftrace = BpftraceSession.Start($$"""
            usdt:*:{{p}}:OrderPlaced { printf("placed %d %s %ld\n", arg0, str(arg1), arg2); }
            usdt:*:{{p}}:OrderService__PlaceOrder__return { printf("order %d\n", arg0); }
            """, app.ProcessId).WaitUntilAttached();
        // Events of different probes may reach bpftrace's output out of order: wait until five
        // placed orders have been seen both from the static probe and from PlaceOrder's return.
        bpftrace.WaitForOutput(lines => Matched(lines).Count >= 5, "five placed orders seen by both probes", TimeSpan.FromSeconds(20));
        IReadOnlyList<string> lines = bpftrace.Stop();
        app.Stop();

        Assert.All(lines.Where(l => l.StartsWith("placed ", StringComparison.Ordinal)).Select(l => l.Split(' ')), fields =>
        {
            Assert.True(long.Parse(fields[1], CultureInfo.InvariantCulture) > 0);
            Assert.Contains(fields[2], ShopOrders.Skus);
            double total = BitConverter.Int64BitsToDouble(long.Parse(fields[3], CultureInfo.InvariantCulture));
            Assert.InRange(total, 0.01, 10_000);   // the price, passed as IEEE-754 bits
        });
        // The static probe only fires for orders that were placed, never for rejected ones (-1).
        Assert.DoesNotContain(lines, l => l.StartsWith("placed -1", StringComparison.Ordinal));
    }

    private static HashSet<string> Matched(IReadOnlyList<string> lines)
    {
        var orders = lines.Where(l => l.StartsWith("order ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToHashSet();
        return lines.Where(l => l.StartsWith("placed ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).Where(orders.Contains).ToHashSet();
    }
}
