using System;
using System.Linq;
using Usdt.Contract;
using Usdt.Elf;
using Xunit;
using K = Usdt.Contract.ArgumentKind;

namespace Usdt.Tests.Elf;

/// <summary>The writer's own guarantees, checked on the bytes it returns (no tool needed).</summary>
public sealed class ElfWriterTests
{
    private static ProbeSpec[] Probes() =>
    [
        new("shop", "order_placed", [K.Int32, K.Utf8String]),
        new("shop", "nothing", []),
        new("shop", "twelve", Enumerable.Repeat(K.Int64, 12).ToArray()),
    ];

    [Fact]
    public void SameProbesGiveTheSameBytes()
    {
        ProbeLibraryImage first = Write(Probes(), ElfArchitecture.X64);
        ProbeLibraryImage second = Write(Probes(), ElfArchitecture.X64);

        Assert.Equal(first.Bytes, second.Bytes);
        Assert.Equal(first.BuildId, second.BuildId);
    }

    [Fact]
    public void DifferentProbesGiveDifferentBuildIds()
    {
        ProbeSpec[] renamed = Probes();
        renamed[1] = new ProbeSpec("shop", "something", []);
        ProbeSpec[] retyped = Probes();
        retyped[0] = new ProbeSpec("shop", "order_placed", [K.UInt32, K.Utf8String]);

        byte[] original = Write(Probes(), ElfArchitecture.X64).BuildId;
        Assert.NotEqual(original, Write(renamed, ElfArchitecture.X64).BuildId);
        Assert.NotEqual(original, Write(retyped, ElfArchitecture.X64).BuildId);
        Assert.NotEqual(original, Write(Probes(), ElfArchitecture.Arm64).BuildId);
    }

    [Fact]
    public void BuildIdIsStoredInTheFile()
    {
        ProbeLibraryImage image = Write(Probes(), ElfArchitecture.X64);

        Assert.Equal(20, image.BuildId.Length);
        Assert.NotEqual(new byte[20], image.BuildId);
        Assert.True(image.Bytes.AsSpan().IndexOf(image.BuildId) > 0);
    }

    [Fact]
    public void EveryX64StubIsTheFiveByteNopThenRetPaddedWithInt3()
    {
        ProbeLibraryImage image = Write(Probes(), ElfArchitecture.X64);

        for (int i = 0; i < Probes().Length; i++)
        {
            byte[] stub = image.Bytes.AsSpan((int)image.Identity.TextAddress + 8 * i, 8).ToArray();
            Assert.Equal(new byte[] { 0x0f, 0x1f, 0x44, 0x00, 0x00, 0xc3, 0xcc, 0xcc }, stub);
        }
    }

    [Fact]
    public void EveryArm64StubIsNopThenRet()
    {
        ProbeLibraryImage image = Write(Probes(), ElfArchitecture.Arm64);

        for (int i = 0; i < Probes().Length; i++)
        {
            byte[] stub = image.Bytes.AsSpan((int)image.Identity.TextAddress + 8 * i, 8).ToArray();
            Assert.Equal(new byte[] { 0x1f, 0x20, 0x03, 0xd5, 0xc0, 0x03, 0x5f, 0xd6 }, stub);
        }
    }

    [Fact]
    public void SemaphoresStartAtZeroInTheFile()
    {
        ProbeLibraryImage image = Write(Probes(), ElfArchitecture.X64);

        Assert.All(image.Bytes.AsSpan((int)image.Identity.SemaphoreAddress, 2 * Probes().Length).ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void ALibraryWithoutProbesIsRefused()
    {
        Assert.Throws<ArgumentException>(() => Write([], ElfArchitecture.X64));
    }

    private static ProbeLibraryImage Write(ProbeSpec[] probes, ElfArchitecture architecture) =>
        ElfWriter.Write(probes, architecture, ProbeTableText.Hash(ProbeTableText.Of(probes)));
}
