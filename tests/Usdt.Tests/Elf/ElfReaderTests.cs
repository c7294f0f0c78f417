using System;
using Usdt.Elf;
using Xunit;

namespace Usdt.Tests.Elf;

/// <summary>Reads of a file held whole or only its first bytes: anything outside them is a format error that says which.</summary>
public sealed class ElfReaderTests
{
    [Fact]
    public void ReadInsideTheHeadOfALongerFileSucceeds()
    {
        var elf = new ElfReader([1, 2, 3, 4, 5, 6, 7, 8], length: 1_000);

        Assert.Equal(1_000, elf.Length);
        Assert.Equal(0x0807060504030201UL, elf.U64(0));
    }

    [Fact]
    public void ReadPastTheHeadOfALongerFileIsAFormatErrorNamingTheHead()
    {
        var elf = new ElfReader(new byte[16], length: 1_000);

        var error = Assert.Throws<FormatException>(() => elf.U32(14));
        Assert.Contains("past the first 16 bytes", error.Message);
    }

    [Fact]
    public void ReadPastTheEndOfTheFileSaysTheFileEnds()
    {
        var elf = new ElfReader(new byte[16]);

        var error = Assert.Throws<FormatException>(() => elf.U16(15));
        Assert.Contains("the file ends before offset 15", error.Message);
    }
}
