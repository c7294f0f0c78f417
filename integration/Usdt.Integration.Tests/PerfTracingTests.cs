using System.Collections.Generic;
using System.Linq;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>perf on the shop's SDT events: buildid-cache, probe, record, script, as the README shows.</summary>
[Collection(SampleShopCollection.Name)]
public sealed class PerfTracingTests(SampleShopBuild shop)
{
    [SkippableFact]
    public void PerfRecordsPlaceOrderEntriesWithTheirArguments()
    {
        Requires.Met(TracerRequirements.Perf());
        using ShopProcess app = ShopProcess.Start(["dotnet", shop.AppPath]);
        using var perf = new PerfSession();
        perf.AddToBuildIdCache(app.LibraryPath);
        string entry = perf.AddSdtEvent(app.LibraryPath, shop.Provider, "OrderService__PlaceOrder__entry");
        string exit = perf.AddSdtEvent(app.LibraryPath, shop.Provider, "ShippingService__ShipAsync__return");
        perf.StartRecording([entry, exit]);
        // perf acknowledges "enable" before its uprobes take effect in a process already
        // running when other tracer tests run alongside: the 15 orders counted come after.
        app.WaitForMoreOrders(TracingByPathTests.PerfSettleOrders);
        app.WaitForMoreOrders(15);
        IReadOnlyList<PerfSample> samples = perf.StopRecording().Where(s => s.ProcessId == app.ProcessId).ToList();
        app.Stop();

        List<PerfSample> entries = samples.Where(s => s.Event == entry).ToList();
        Assert.True(entries.Count >= 10, $"expected at least 10 of the 15 PlaceOrder entries, got {entries.Count}");
        Assert.All(entries, sample =>
        {
            long customer = sample.Argument(0);
            Assert.Equal(ShopOrders.QuantityOf(customer), sample.Argument(2));
            Assert.NotEqual(0, sample.Argument(1)); // the sku: a pointer to UTF-8
        });
        // Customers are consecutive: perf saw every call while recording.
        long[] customers = entries.Select(s => s.Argument(0)).ToArray();
        Assert.Equal(Enumerable.Range(0, customers.Length).Select(i => customers[0] + i), customers);

        // A shipment already under way when perf raised the semaphore reports 0 ("not
        // measured"); the others cover their Task.Delay(5..14 ms), which .NET's coarse timers
        // may end up to a tick early: checked together, the median took at least 5 ms.
        List<long> elapsed = samples.Where(s => s.Event == exit).Select(s => s.Argument(1)).SkipWhile((e, i) => i == 0 && e == 0).ToList();
        Assert.NotEmpty(elapsed);
        Assert.All(elapsed, e => Assert.InRange(e, 1, 2_000_000_000));
        Assert.True(elapsed.Order().ElementAt(elapsed.Count / 2) >= 5_000_000, string.Join(", ", elapsed));
    }
}
