using System.Linq;
using DotnetUsdt.Elf;
using DotnetUsdt.Tracefs;
using Usdt.Elf;
using Xunit;

namespace DotnetUsdt.Tests.Tracefs;

/// <summary>Every operand the contract's writer puts in a note is one a uprobe event can fetch.</summary>
public sealed class FetchArgumentsTests
{
    [Theory]
    [InlineData(8, "%rdi", "%di")]
    [InlineData(4, "%edi", "%di")]
    [InlineData(1, "%sil", "%si")]
    [InlineData(2, "%dx", "%dx")]
    [InlineData(4, "%ecx", "%cx")]
    [InlineData(8, "%r8", "%r8")]
    [InlineData(4, "%r9d", "%r9")]
    public void X64RegistersByEveryWidth(int size, string operand, string location) =>
        Assert.Equal(location, FetchArguments.Location(new SdtOperand(size, true, operand)));

    [Fact]
    public void EveryX64OperandOfTwelveArguments()
    {
        string[] locations = Enumerable.Range(0, 12).Select(i => FetchArguments.Location(new SdtOperand(8, false, ElfArchitecture.X64.ArgumentOperand(i, 8)))).ToArray();

        Assert.Equal(["%di", "%si", "%dx", "%cx", "%r8", "%r9", "+8(%sp)", "+16(%sp)", "+24(%sp)", "+32(%sp)", "+40(%sp)", "+48(%sp)"], locations);
    }

    [Fact]
    public void EveryArm64OperandOfTwelveArguments()
    {
        string[] locations = Enumerable.Range(0, 12).Select(i => FetchArguments.Location(new SdtOperand(8, false, ElfArchitecture.Arm64.ArgumentOperand(i, 8)))).ToArray();

        Assert.Equal(["%x0", "%x1", "%x2", "%x3", "%x4", "%x5", "%x6", "%x7", "+0(%sp)", "+8(%sp)", "+16(%sp)", "+24(%sp)"], locations);
    }

    [Fact]
    public void TextIsFetchedThroughThePointer() =>
        Assert.Equal("t8=+0(+24(%sp)):string", FetchArguments.Text("t8", new SdtOperand(8, false, "24(%rsp)")));
}
