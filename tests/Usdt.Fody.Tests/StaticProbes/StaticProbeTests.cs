using System;
using System.Collections.Generic;
using System.Linq;
using Usdt.Fody.Tests.Support;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Fody.Tests.StaticProbes;

/// <summary>
/// Hand-placed static probes: a [ProbeProvider] static class of empty methods
/// becomes probes of that provider, fired with exact arguments, and each Is&lt;Probe&gt;Enabled
/// property answers whether a tracer is attached right now.
/// </summary>
[Collection(TracerCollection.Name)]
public sealed class StaticProbeTests
{
    private const string Probes = "AssemblyToProcess.StaticProbes.ShopProbes";
    private const string Provider = "smokeshop";

    [Fact]
    public void StaticProbesAreNamedAsTheirMethodsInTheirOwnProvider()
    {
        IReadOnlyList<TableProbe> table = ProbeTableReader.Read(WovenAssemblies.AssemblyToProcess(BuildConfiguration.Release).OutputPath);

        Assert.Equal(
            [new TableProbe(Provider, "OrderPlaced", "is"), new TableProbe(Provider, "CacheMiss", "s"), new TableProbe(Provider, "Tick", ""),
             new TableProbe(Provider, "Everything", "lBHlllsh"), new TableProbe(Provider, "Twelve", "iiiiiiiiiiii")],
            table.Where(p => p.Provider == Provider));
    }

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void FiredStaticProbesCarryTheirExactArguments(BuildConfiguration configuration)
    {
        LoadedWoven woven = Woven(configuration);
        using var traced = new TracedProbes(woven, Provider, "OrderPlaced", "CacheMiss", "Tick", "Everything", "Twelve");
        var when = new DateTime(2024, 12, 24, 18, 0, 0, DateTimeKind.Local);
        var id = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e");
        Type kind = woven.Type("AssemblyToProcess.StaticProbes.Kind");

        woven.Invoke(Probes, "OrderPlaced", 42, "SKU-é ✓");
        woven.Invoke(Probes, "CacheMiss", [null]);
        woven.Invoke(Probes, "Tick");
        woven.Invoke(Probes, "Everything", -1L, true, 'Z', 0.1, when, TimeSpan.FromTicks(-5), id, Enum.ToObject(kind, -2));
        woven.Invoke(Probes, "Twelve", Enumerable.Range(-6, 12).Cast<object?>().ToArray());

        TraceRecord placed = traced.Expect("OrderPlaced", 1)[0];
        Assert.Equal(42, placed.Arg(0));
        Assert.Equal("SKU-é ✓", placed.Text(1));
        Assert.Null(traced.Expect("CacheMiss", 1)[0].Text(0));
        traced.Expect("Tick", 1);
        TraceRecord everything = traced.Expect("Everything", 1)[0];
        Assert.Equal([-1L, 1, 'Z', BitConverter.DoubleToInt64Bits(0.1), when.Ticks, -5], Enumerable.Range(0, 6).Select(everything.Arg));
        Assert.Equal(id.ToString(), everything.Text(6));
        Assert.Equal(-2, everything.Arg(7));
        TraceRecord twelve = traced.Expect("Twelve", 1)[0];
        Assert.Equal(Enumerable.Range(-6, 12).Select(i => (long)i), Enumerable.Range(0, 12).Select(twelve.Arg));
    }

    [SkippableTheory]
    [InlineData(BuildConfiguration.Debug)]
    [InlineData(BuildConfiguration.Release)]
    public void IsEnabledFollowsTheTracerAttachingAndDetaching(BuildConfiguration configuration)
    {
        LoadedWoven woven = Woven(configuration);
        Type shop = woven.Type("AssemblyToProcess.StaticProbes.Shop");
        bool Enabled() => (bool)woven.Type(Probes).GetProperty("IsOrderPlacedEnabled")!.GetValue(null)!;
        int Costly() => (int)shop.GetField("CostlyArguments")!.GetValue(null)!;
        int before = Costly();

        Assert.False(Enabled());
        LoadedWoven.InvokeOn(shop, null, "PlaceOrder", 1, "a");
        Assert.Equal(before, Costly());
        using (var traced = new TracedProbes(woven, Provider, "OrderPlaced", "CacheMiss"))
        {
            Assert.True(Enabled());
            Assert.True((bool)woven.Type(Probes).GetProperty("IsCacheMissEnabled")!.GetValue(null)!);
            LoadedWoven.InvokeOn(shop, null, "PlaceOrder", 2, "b");
            Assert.Equal(before + 1, Costly());
            Assert.Equal("B", traced.Expect("OrderPlaced", 1)[0].Text(1));

            traced.Disable("OrderPlaced");
            Assert.False(Enabled());
            Assert.True((bool)woven.Type(Probes).GetProperty("IsCacheMissEnabled")!.GetValue(null)!);
            LoadedWoven.InvokeOn(shop, null, "PlaceOrder", 3, "c");
            Assert.Equal(before + 1, Costly());

            traced.Enable("OrderPlaced");
            Assert.True(Enabled());
        }
        Assert.False(Enabled());
    }

    private static LoadedWoven Woven(BuildConfiguration configuration)
    {
        Requires.Met(TracedProbes.Unavailable);
        return WovenAssemblies.Loaded(configuration);
    }
}
