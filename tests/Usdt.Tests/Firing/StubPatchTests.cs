using System;
using System.Collections.Generic;
using System.Diagnostics;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Tests.Firing;

/// <summary>
/// The stub starts with a 5-byte nop so that Linux 6.18+ can optimise a uprobe on it:
/// after the first hits through int3, the kernel rewrites the nop into a call to its
/// uprobe trampoline, and puts the nop back when the uprobe goes.
/// </summary>
public sealed class StubPatchTests
{
    private static readonly byte[] Nop5Ret = [0x0f, 0x1f, 0x44, 0x00, 0x00, 0xc3];
    private const byte Int3 = 0xcc, Call = 0xe8;

    [SkippableFact]
    public void StubBecomesACallWhileTracedAndHitAndTurnsBackIntoTheNopAfterDetach()
    {
        Requires.Met(TracerRequirements.Tracefs(), TracerRequirements.Readelf());
        Requires.Met(Environment.OSVersion.Version < new Version(6, 18)
            ? $"optimised uprobes on 5-byte nops arrived in Linux 6.18; this kernel is {Environment.OSVersion.Version}" : null);

        // The kernel can only optimise where it can put a trampoline within 2 GiB of the
        // stub (see TrampolineRoom); a library that .NET's reservations happen to surround
        // proves nothing either way, so a fresh one (mapped elsewhere) is tried, up to three.
        var inconclusive = new List<string>();
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            if (ObservePatch() is { } noRoom)
                inconclusive.Add(noRoom);
            else
                return;
        }
        Requires.Met("the kernel had no room for a uprobe trampoline near any of three libraries: " + string.Join("; ", inconclusive));
    }

    /// <summary>Checks one library; null when the patch was seen, else why the kernel had no room to patch.</summary>
    private static string? ObservePatch()
    {
        var provider = new UsdtProvider(UniqueNames.Next("stub"));
        Probe probe = provider.AddProbe("hot", ProbeArgumentType.Int64);
        string path = provider.Register().LibraryPath ?? throw new InvalidOperationException(provider.Registration!.ToString());
        using var tracefs = new TracefsSession();
        UprobeEvent uprobe = tracefs.AddSdtProbe(path, SdtNotes.ByName(path)["hot"]);

        Assert.Equal(Nop5Ret, ProcessMemory.Read(probe.StubAddress, 6));
        bool roomBefore = TrampolineRoom.Near(probe.StubAddress, out string roomBeforeDetail);
        tracefs.Enable(uprobe);
        byte[] whileAttached = ProcessMemory.Read(probe.StubAddress, 6);
        Assert.Equal(Int3, whileAttached[0]); // before any hit: the classic breakpoint

        long fires = 0;
        var clock = Stopwatch.StartNew();
        // The kernel decides at the first hit; a few thousand give it every chance.
        while (ProcessMemory.Read(probe.StubAddress, 1)[0] != Call && fires < 5000 && clock.Elapsed < TimeSpan.FromSeconds(2))
            probe.Fire(++fires);
        byte[] patched = ProcessMemory.Read(probe.StubAddress, 6);
        probe.Fire(-1); // the optimised probe still records every hit
        int recorded = tracefs.Read(uprobe).Count;
        tracefs.Disable(uprobe);
        byte[] afterDetach = ProcessMemory.Read(probe.StubAddress, 6);

        Assert.Equal(Nop5Ret, afterDetach);
        if (patched[0] != Call)
        {
            // With room for a trampoline, an unpatched stub is a stub the kernel will not optimise.
            bool roomAfter = TrampolineRoom.Near(probe.StubAddress, out string roomAfterDetail);
            Assert.False(roomBefore && roomAfter,
                $"{fires} fires left the stub at {Convert.ToHexString(patched)} although the kernel had room ({roomBeforeDetail}; {roomAfterDetail})");
            return roomBefore ? roomAfterDetail : roomBeforeDetail;
        }
        Assert.Equal(0xc3, patched[5]); // the ret after the 5-byte slot is untouched
        Assert.Equal(fires + 1, recorded);
        return null;
    }
}
