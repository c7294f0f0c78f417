using System;
using Usdt.Tests.Tracers;
using Xunit;
using K = Usdt.ProbeArgumentType;

namespace Usdt.Tests.Firing;

/// <summary>Firing converts every argument into per-thread buffers and registers: nothing lands on the managed heap.</summary>
public sealed class AllocationTests
{
    private const int Fires = 10_000;

    [SkippableFact]
    public void FiringWithStringsWhileEnabledAllocatesNothing()
    {
        Requires.Met(TracerRequirements.Tracefs(), TracerRequirements.Readelf());
        var provider = new UsdtProvider(UniqueNames.Next("alloc"));
        Probe three = provider.AddProbe("three", K.Int32, K.Utf8String, K.Utf8String);
        Probe twelve = provider.AddProbe("twelve", K.Utf8String, K.Int8, K.UInt16, K.Int64, K.Utf8String, K.UInt64, K.Utf8String, K.Int32, K.Int64, K.Utf8String, K.Int64, K.Int64);
        string path = provider.Register().LibraryPath ?? throw new InvalidOperationException(provider.Registration!.ToString());
        var notes = SdtNotes.ByName(path);
        using var tracefs = new TracefsSession();
        UprobeEvent threeEvent = tracefs.AddSdtProbe(path, notes["three"]);
        UprobeEvent twelveEvent = tracefs.AddSdtProbe(path, notes["twelve"]);
        tracefs.Enable(threeEvent);
        tracefs.Enable(twelveEvent);
        Assert.True(three.IsEnabled && twelve.IsEnabled);
        string sku = "SKU-ÉTÉ-€-😀", big = new('x', 1000), guid = "0f8fad5b-d9cb-469f-a165-70867728950e";

        void FireAll(int count)
        {
            for (int i = 0; i < count; i++)
            {
                three.Fire(i, sku, big);
                twelve.Fire(sku, (sbyte)-1, 'é', long.MinValue, null, ulong.MaxValue, big, i, 2.5, guid, Guid.Empty, DateTime.UnixEpoch);
            }
        }

        FireAll(100); // warm-up: JIT, per-thread string buffers
        long before = GC.GetAllocatedBytesForCurrentThread();
        FireAll(Fires);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        int recorded = tracefs.Read(threeEvent).Count;
        Assert.Equal(0, allocated);
        Assert.Equal(100 + Fires, recorded); // the fires were real, not skipped
    }

    [Fact]
    public void FiringWhileDisabledAllocatesNothing()
    {
        var provider = new UsdtProvider(UniqueNames.Next("alloc"));
        Probe probe = provider.AddProbe("idle", K.Int32, K.Utf8String, K.Utf8String, K.Int64);
        provider.Register();
        Assert.False(probe.IsEnabled);

        probe.Fire(1, "warm", "up", 2L);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Fires; i++)
            probe.Fire(i, "text", null, long.MaxValue);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
