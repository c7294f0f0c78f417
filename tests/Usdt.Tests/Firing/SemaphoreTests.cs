using System;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Tests.Firing;

/// <summary>
/// The semaphore is the kernel's reference counter for a probe's uprobes: 0 while nobody
/// traces, raised when a tracer attaches, back to 0 when it detaches; and
/// <see cref="Probe.IsEnabled"/> reads exactly that word.
/// </summary>
public sealed class SemaphoreTests
{
    [SkippableFact]
    public void SemaphoreGoesFromZeroToOneAndBackAsTracefsEnablesAndDisablesTheUprobe()
    {
        Requires.Met(TracerRequirements.Tracefs(), TracerRequirements.Readelf());
        var provider = new UsdtProvider(UniqueNames.Next("sem"));
        Probe probe = provider.AddProbe("watched", ProbeArgumentType.Int32);
        Probe other = provider.AddProbe("other");
        string path = provider.Register().LibraryPath ?? throw new InvalidOperationException(provider.Registration!.ToString());
        using var tracefs = new TracefsSession();
        UprobeEvent uprobe = tracefs.AddSdtProbe(path, SdtNotes.ByName(path)["watched"]);

        for (int round = 0; round < 2; round++)
        {
            Assert.Equal((0, false), (ProcessMemory.ReadUInt16(probe.SemaphoreAddress), probe.IsEnabled));
            tracefs.Enable(uprobe);
            Assert.Equal((1, true), (ProcessMemory.ReadUInt16(probe.SemaphoreAddress), probe.IsEnabled));
            Assert.False(other.IsEnabled); // only the traced probe's own semaphore moves
            tracefs.Disable(uprobe);
            Assert.Equal((0, false), (ProcessMemory.ReadUInt16(probe.SemaphoreAddress), probe.IsEnabled));
        }
    }

    [SkippableFact]
    public void SemaphoreGoesFromZeroToOneAndBackAsBpftraceAttachesAndStops()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        var provider = new UsdtProvider(UniqueNames.Next("sem"));
        Probe probe = provider.AddProbe("watched", ProbeArgumentType.Int32);
        string path = provider.Register().LibraryPath ?? throw new InvalidOperationException(provider.Registration!.ToString());

        Assert.Equal((0, false), (ProcessMemory.ReadUInt16(probe.SemaphoreAddress), probe.IsEnabled));
        using (BpftraceSession bpftrace = BpftraceSession.Start($"usdt:{path}:{provider.Name}:watched {{ @ = count(); }}"))
        {
            bpftrace.WaitUntilAttached();
            Assert.Equal((1, true), (ProcessMemory.ReadUInt16(probe.SemaphoreAddress), probe.IsEnabled));
            bpftrace.Stop();
        }
        // Detaching completes as bpftrace's descriptors are released at its exit.
        Poll.Until(() => !probe.IsEnabled, "the semaphore falls back to 0");
        Assert.Equal(0, ProcessMemory.ReadUInt16(probe.SemaphoreAddress));
    }
}
