using System.Linq;
using Usdt.Tests.Tracers;
using Usdt.Weaving;
using Xunit;
using K = Usdt.Contract.ArgumentKind;

namespace Usdt.Tests.Weaving;

/// <summary>The registration entry of woven modules: its probe table, and the address layout the weaver relies on.</summary>
public sealed class WovenProbesTests
{
    [Fact]
    public void TableLinesBecomeProbesWithTheirArgumentKinds()
    {
        Assert.True(ProbeTableParser.TryParse("shop:placed:iLs\nshop:empty:\nshop:all:bBhHiIlLsx", out var probes, out string? error), error);

        Assert.Equal(["placed", "empty", "all"], probes.Select(p => p.Name));
        Assert.All(probes, p => Assert.Equal("shop", p.Provider));
        Assert.Equal([K.Int32, K.UInt64, K.Utf8String], probes[0].Arguments);
        Assert.Empty(probes[1].Arguments);
        Assert.Equal([K.Int8, K.UInt8, K.Int16, K.UInt16, K.Int32, K.UInt32, K.Int64, K.UInt64, K.Utf8String, K.Unsupported], probes[2].Arguments);
    }

    [Theory]
    [InlineData("shop:placed")]
    [InlineData("shop:placed:i:extra")]
    [InlineData("sh-op:placed:i")]
    [InlineData("shop:9placed:i")]
    [InlineData("shop:placed:q")]
    [InlineData("shop:placed:iiiiiiiiiiiii")]
    [InlineData("shop:fine:i\nshop:also_fine:\nshop:broken:?\nshop:after:i")]
    public void MalformedTableDisablesTheModuleWithAReason(string table)
    {
        ProbeRegistration registration = WovenProbes.Register(table, UniqueNames.Next("woven"));

        Assert.False(registration.IsActive);
        Assert.StartsWith("malformed probe table", registration.Reason);
        // Woven sites read semaphore i of every table line: each must be there, and zero.
        int lines = table.Split('\n').Length;
        Assert.Equal(lines, registration.ProbeCount);
        Assert.NotEqual(0, registration.SemaphoreBase);
        for (int i = 0; i < lines; i++)
            Assert.Equal(0, ProcessMemory.ReadUInt16(registration.SemaphoreBase + ProbeRegistration.SemaphoreStride * i));
    }

    [SkippableFact]
    public void WovenLayoutPutsProbeIAtTwoAndEightByteStrides()
    {
        Requires.Met(TracerRequirements.Readelf());
        string provider = UniqueNames.Next("woven");
        ProbeRegistration registration = WovenProbes.Register($"{provider}:a:i\n{provider}:b:\n{provider}:c:ls", "Woven.Module");

        Assert.True(registration.IsActive, registration.ToString());
        Assert.Equal(3, registration.ProbeCount);
        var notes = Readelf.Notes(registration.LibraryPath!);
        nint loadBase = registration.StubBase - (nint)notes[0].Location;
        for (int i = 0; i < notes.Count; i++)
        {
            Assert.Equal(registration.StubBase + i * 8, loadBase + (nint)notes[i].Location);
            Assert.Equal(registration.SemaphoreBase + i * 2, loadBase + (nint)notes[i].Semaphore);
        }
        Assert.Equal("-8@%rdi 8@%rsi", notes[2].ArgumentSpec);
    }
}
