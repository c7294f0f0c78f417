using System;
using System.Collections.Generic;
using System.Runtime;
using Usdt.Fody.Tests.Support;
using Xunit;

namespace Usdt.Fody.Tests.Collector;

/// <summary>
/// The weaver holds the collector off while it weaves a large module (a no-GC region), lets
/// it go afterwards, and never fails a build over it: a hold the runtime refuses, a second
/// hold, a region someone else started, or a weave that outgrows its budget each leave the
/// collector as it was.
/// </summary>
/// <remarks>
/// Each test starts from a collected heap: a hold is taken only when the weave should
/// allocate more than the heap holds, and a test process that wove libraries before holds
/// mostly garbage.
/// </remarks>
[Collection(TracerCollection.Name)]
public sealed class CollectionHoldTests
{
    private const int LargeModuleMethods = 10_000;

    [Fact]
    public void ALargeModuleIsWovenWithoutACollection()
    {
        var kept = new List<byte[]>();
        GC.GetTotalMemory(forceFullCollection: true);
        using (CollectionHold hold = CollectionHold.For(LargeModuleMethods))
        {
            Assert.True(hold.IsHeld, "a 10,000-method module is held on .NET 8 and later");
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            int collections = GC.CollectionCount(0);
            KeepMegabytes(kept, 64);  // what a weave does: small objects that all stay alive
            Assert.Equal(collections, GC.CollectionCount(0));
        }
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void OnceLetGoTheCollectorRunsBeforeTheProcessAllocatesMoreThanTheBudget()
    {
        long budget = GC.GetTotalMemory(forceFullCollection: true) + 96L * 1024 * 1024;
        var kept = new List<byte[]>();
        int collections;
        using (CollectionHold hold = CollectionHold.WithBudget(budget))
        {
            Assert.True(hold.IsHeld);
            KeepMegabytes(kept, 32);
            collections = GC.CollectionCount(0);
        }
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);

        // What the budget left unused is the youngest generation's room now; past it, a
        // collection (the runtime rounds the budget up to whole regions of a few MB).
        var sink = new byte[16][];
        long allocated = 0, bound = budget + 32L * 1024 * 1024;
        for (int i = 0; GC.CollectionCount(0) == collections && allocated < bound; i++, allocated += 1000)
            sink[i & 15] = new byte[1000];
        Assert.True(GC.CollectionCount(0) > collections, $"no collection after {allocated / 1_000_000} MB more");
        GC.KeepAlive(kept);
    }

    [Fact]
    public void ASecondHoldWhileOneIsHeldIsRefusedAndLeavesTheFirst()
    {
        GC.GetTotalMemory(forceFullCollection: true);
        using CollectionHold first = CollectionHold.For(LargeModuleMethods);
        Assert.True(first.IsHeld);
        using (CollectionHold second = CollectionHold.For(LargeModuleMethods))
            Assert.False(second.IsHeld);
        Assert.True(first.IsHeld);
        Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void ARegionSomeoneElseStartedIsLeftToThem()
    {
        GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(GC.TryStartNoGCRegion(64L * 1024 * 1024));
        try
        {
            using CollectionHold refused = CollectionHold.For(LargeModuleMethods);
            Assert.False(refused.IsHeld);
        }
        finally
        {
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            GC.EndNoGCRegion();
        }
        GC.GetTotalMemory(forceFullCollection: true);
        using CollectionHold next = CollectionHold.For(LargeModuleMethods);
        Assert.True(next.IsHeld, "a refusal leaves the next weave free to hold");
    }

    [Fact]
    public void AWeaveThatOutgrowsItsBudgetCollectsAsUsualAndEndsWithoutAnError()
    {
        // The budget counts what is allocated while held, alive or not.
        long budget = GC.GetTotalMemory(forceFullCollection: true) + 16L * 1024 * 1024;
        using (CollectionHold hold = CollectionHold.WithBudget(budget))
        {
            Assert.True(hold.IsHeld);
            int collections = GC.CollectionCount(0);
            var sink = new byte[16][];
            for (long i = 0, allocated = 0; allocated < budget + 32L * 1024 * 1024; i++, allocated += 1000)
                sink[i & 15] = new byte[1000];
            Assert.True(GC.CollectionCount(0) > collections, "allocating past the budget ends the region with a collection");
            Assert.False(hold.IsHeld);
        }
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        GC.GetTotalMemory(forceFullCollection: true);
        using CollectionHold next = CollectionHold.For(LargeModuleMethods);
        Assert.True(next.IsHeld, "an ended hold lets the next weave hold again");
    }

    [Fact]
    public void AWeaveSmallerThanTheHeapIsNotHeld()
    {
        using CollectionHold hold = CollectionHold.WithBudget(1024);
        Assert.False(hold.IsHeld);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    private static void KeepMegabytes(List<byte[]> kept, int megabytes)
    {
        for (int i = 0; i < megabytes * 1000; i++)
            kept.Add(new byte[1000]);
    }
}
