using System.Linq;
using DotnetUsdt.Formatting;
using DotnetUsdt.Stats;
using DotnetUsdt.Targets;
using DotnetUsdt.Tracing;
using Usdt.Contract;
using Xunit;
using static DotnetUsdt.Tests.Support.TestLibrary;

namespace DotnetUsdt.Tests.Stats;

/// <summary>Calls, errors and latency percentiles come from the return probe's elapsed time and exception.</summary>
public sealed class StatisticsTests
{
    private static readonly ProbeLibrary Library = Of(
        Return("Shop.Shipping", "ShipAsync", "System.Int32", ArgumentKind.Int32, isAsync: true),
        Static("Shop.Probes", "OrderRejected"));

    private static ProbeEvent Returned(long elapsed, string? exception) =>
        new(Library.Probes[0], 1, 1, 0, [ArgumentValue.Unavailable, ArgumentValue.Integer(elapsed), ArgumentValue.Pointer(exception is null ? 0 : 0x1000, exception)]);

    [Fact]
    public void CountsCallsErrorsByTypeAndLatencies()
    {
        var collector = new StatCollector(Library.Probes);
        for (int i = 1; i <= 100; i++)
            collector.Add(Returned(i * 1000L, i % 10 == 0 ? "System.TimeoutException" : i == 7 ? "System.IO.IOException" : null));
        collector.Add(Returned(0, null)); // began before tracing
        collector.Add(new ProbeEvent(Library.Probes[1], 1, 1, 0, []));

        MethodStatistics ship = collector.Methods.Single(m => m.Probe == Library.Probes[0]);
        Assert.Equal(101, ship.Calls);
        Assert.Equal(11, ship.Errors);
        Assert.Equal([("System.IO.IOException", 1L), ("System.TimeoutException", 10L)], ship.Exceptions.Select(e => (e.Key, e.Value)));
        Assert.Equal(1, ship.Unmeasured);
        Assert.Equal(50_000, ship.Percentile(50));
        Assert.Equal(90_000, ship.Percentile(90));
        Assert.Equal(99_000, ship.Percentile(99));
        Assert.Equal(100_000, ship.Percentile(100));
        Assert.Equal(1, collector.Methods.Single(m => m.Probe == Library.Probes[1]).Calls);
    }

    [Fact]
    public void APercentileOfNothingIsUnknown() => Assert.Null(new MethodStatistics(Library.Probes[0]).Percentile(50));

    [Fact]
    public void HistogramBucketsArePowersOfTwoMicroseconds()
    {
        var buckets = LatencyHistogram.Buckets([500, 1_000, 1_999, 3_000, 3_999, 40_000]);

        Assert.Equal([(0L, 1L, 1L), (1, 2, 2), (2, 4, 2), (4, 8, 0), (8, 16, 0), (16, 32, 0), (32, 64, 1)], buckets);
        Assert.Equal(["512", "1K", "2M", "3G"], new[] { 512L, 1024, 2L << 20, 3L << 30 }.Select(LatencyHistogram.Label));
    }
}
