using System;
using DotnetUsdt.Bpftrace;
using DotnetUsdt.Targets;
using DotnetUsdt.Tracing;
using Usdt.Contract;
using Xunit;
using static DotnetUsdt.Tests.Support.TestLibrary;

namespace DotnetUsdt.Tests.Bpftrace;

/// <summary>Lines as the generated program prints them decode back into the words and texts of each slot.</summary>
public sealed class BpftraceRecordParserTests
{
    private static readonly ProbeLibrary Library = Of(
        Entry("Shop.OrderService", "PlaceOrder",
            Argument(0, "customerId", "System.Int32", ArgumentKind.Int32),
            Argument(1, "sku", "System.String", ArgumentKind.Utf8String),
            Argument(2, "quantity", "System.UInt64", ArgumentKind.UInt64)),
        Return("Shop.OrderService", "PlaceOrder", "System.Int64", ArgumentKind.Int64));

    private static BpftraceRecordParser Parser() =>
        new(Library.Probes, BpftraceScript.Generate(Library.Probes, 7, TraceMode.Arguments, null, "test"));

    [Fact]
    public void DecodesEveryField()
    {
        ProbeEvent fire = Parser().Parse("0\tshop:OrderService__PlaceOrder__entry\t7\t8\t123456789\t-5\t140000\tSKU-1\t-1")!;

        Assert.Same(Library.Probes[0], fire.Probe);
        Assert.Equal((7, 8, 123456789L), (fire.ProcessId, fire.ThreadId, fire.Timestamp));
        Assert.Equal(-5, fire.Values[0].Word);
        Assert.Equal((140000L, "SKU-1"), (fire.Values[1].Word, fire.Values[1].Text));
        Assert.Equal(-1, fire.Values[2].Word);
    }

    [Fact]
    public void ANullPointersTextIsNull()
    {
        ProbeEvent fire = Parser().Parse("1\tshop:OrderService__PlaceOrder__return\t7\t8\t1\t42\t900\t0\t")!;

        Assert.Equal(42, fire.Values[0].Word);
        Assert.Equal(900, fire.Values[1].Word);
        Assert.Equal(0, fire.Values[2].Word);
        Assert.Null(fire.Values[2].Text);
    }

    [Fact]
    public void TabsInsideAStringStayInIt()
    {
        ProbeEvent fire = Parser().Parse("0\tshop:OrderService__PlaceOrder__entry\t7\t8\t1\t2\t3\ta\tb\tc\t4")!;

        Assert.Equal("a\tb\tc", fire.Values[1].Text);
        Assert.Equal(4, fire.Values[2].Word);
    }

    [Fact]
    public void AStringWithANewlineContinuesOnTheNextLine()
    {
        BpftraceRecordParser parser = Parser();

        Assert.Null(parser.Parse("0\tshop:OrderService__PlaceOrder__entry\t7\t8\t1\t2\t3\tfirst line"));
        ProbeEvent fire = parser.Parse("second line\t4")!;

        Assert.Equal("first line\nsecond line", fire.Values[1].Text);
        Assert.Equal(4, fire.Values[2].Word);
    }

    [Theory]
    [InlineData("Attaching 3 probes...")]
    [InlineData("1\tshop:OrderService__PlaceOrder__entry\t7\t8\t1\t2\t3\tx\t4")] // index of another probe
    [InlineData("9\tshop:Other\t7\t8\t1")]
    [InlineData("")]
    public void OtherLinesAreNoRecords(string line) => Assert.Null(Parser().Parse(line));
}
