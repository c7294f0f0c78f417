using System;
using System.Globalization;
using System.Linq;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Tests.Firing;

/// <summary>
/// Eight threads fire one probe while a tracer attaches and detaches over and over: nothing
/// crashes, and in every window in which the tracer was attached it counted exactly the
/// fires made, per thread.
/// </summary>
public sealed class ConcurrentFiringTests
{
    private const int PerThread = 250;

    [SkippableFact]
    public void TracefsCountsEveryFireOfEightThreadsAcrossRepeatedAttachAndDetach()
    {
        Requires.Met(TracerRequirements.Tracefs(), TracerRequirements.Readelf());
        (UsdtProvider provider, Probe probe, string path) = Register();
        using var tracefs = new TracefsSession();
        UprobeEvent uprobe = tracefs.AddSdtProbe(path, SdtNotes.ByName(path)["busy"]);
        using var crew = new FiringCrew(probe);

        for (int window = 1; window <= 8; window++)
        {
            // Attach while the threads fire freely.
            tracefs.Enable(uprobe);
            Assert.True(probe.IsEnabled);
            crew.CountedWindow(window, PerThread, beforeWindow: tracefs.Clear);
            // Detach while they fire freely again.
            tracefs.Disable(uprobe);

            var counted = tracefs.Read(uprobe).Where(r => r.Integer("a0") != FiringCrew.Free).ToArray();
            Assert.All(counted, r => Assert.Equal(window, r.Integer("a0")));
            Assert.Equal(FiringCrew.Threads * PerThread, counted.Length);
            Assert.All(counted.GroupBy(r => r.Integer("a1")), thread => Assert.Equal(PerThread, thread.Count()));
            Assert.Equal(FiringCrew.Threads, counted.Select(r => r.Integer("a1")).Distinct().Count());
        }

        Assert.Empty(crew.Stop());
        Assert.True(crew.FreeFires > 0);
        GC.KeepAlive(provider);
    }

    [SkippableFact]
    public void BpftraceCountsEveryFireOfEightThreadsAcrossRepeatedAttachAndDetach()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        (UsdtProvider provider, Probe probe, string path) = Register();
        using var crew = new FiringCrew(probe);

        for (int window = 1; window <= 2; window++)
        {
            // Attach while the threads fire freely; count only this window's fires, per thread.
            using BpftraceSession bpftrace = BpftraceSession.Start(
                $"usdt:{path}:{provider.Name}:busy /arg0 == {window}/ {{ @[arg1] = count(); }}");
            bpftrace.WaitUntilAttached();
            Assert.True(probe.IsEnabled);
            crew.CountedWindow(window, PerThread, beforeWindow: () => { });
            // Maps are printed at exit, after bpftrace has drained every event of the window.
            var counts = bpftrace.Stop()
                .Where(line => line.StartsWith("@[", StringComparison.Ordinal))
                .ToDictionary(line => line[2..line.IndexOf(']')], line => int.Parse(line[(line.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture));

            Assert.Equal(Enumerable.Range(0, FiringCrew.Threads).Select(i => i.ToString(CultureInfo.InvariantCulture)).Order(), counts.Keys.Order());
            Assert.All(counts.Values, count => Assert.Equal(PerThread, count));
        }

        Assert.Empty(crew.Stop());
        GC.KeepAlive(provider);
    }

    private static (UsdtProvider, Probe, string) Register()
    {
        var provider = new UsdtProvider(UniqueNames.Next("busy"));
        Probe probe = provider.AddProbe("busy", ProbeArgumentType.Int64, ProbeArgumentType.Int32);
        string path = provider.Register().LibraryPath ?? throw new InvalidOperationException(provider.Registration!.ToString());
        return (provider, probe, path);
    }
}
