using System.Collections.Generic;
using DotnetUsdt.Targets;
using DotnetUsdt.Tracefs;
using DotnetUsdt.Tracing;
using Usdt.Contract;
using Xunit;
using static DotnetUsdt.Tests.Support.TestLibrary;

namespace DotnetUsdt.Tests.Tracefs;

/// <summary>Lines of trace_pipe, as the kernel prints uprobe events, decode into slots.</summary>
public sealed class TraceLineParserTests
{
    private static readonly ProbeLibrary Library = Of(
        Entry("Shop.OrderService", "CheckoutAsync",
            Argument(0, "customerId", "System.Int32", ArgumentKind.Int32),
            Argument(1, "sku", "System.String", ArgumentKind.Utf8String),
            Argument(2, "quantity", "System.Int32", ArgumentKind.Int32),
            Argument(3, "address", "System.String", ArgumentKind.Utf8String)),
        Return("Shop.OrderService", "PlaceOrder", "System.Int64", ArgumentKind.Int64));

    private static readonly UprobeDefinition EntryEvent = new("g", "p0", Library.Probes[0], TraceMode.Arguments);
    private static readonly UprobeDefinition ReturnEvent = new("g", "p1", Library.Probes[1], TraceMode.Statistics);

    private static TraceLineParser Parser() =>
        new(new Dictionary<string, UprobeDefinition> { ["p0"] = EntryEvent, ["p1"] = ReturnEvent });

    [Fact]
    public void TheDefinitionReadsWordsAndTextsAtTheNotesOperandsWithTheSemaphore()
    {
        Probe probe = Library.Probes[0];
        Assert.Equal($"p:g/p0 {Library.TracerPath}:0x{probe.LocationOffset:x}(0x{probe.SemaphoreOffset:x}) " +
            "a0=%di:s64 a1=%si:s64 t1=+0(%si):string a2=%dx:s64 a3=%cx:s64 t3=+0(%cx):string", EntryEvent.Text);
        Assert.EndsWith(" a1=%si:s64 a2=%dx:s64 t2=+0(%dx):string", ReturnEvent.Text);
    }

    [Fact]
    public void DecodesALineWithSpacesInTheCommandAndTheText()
    {
        ProbeEvent fire = Parser().Parse(
            "  .NET TP Worker-28706   ( 28259) [001] DBZff  8868.196484: p0: (0x7fd8a67b1020) a0=1779 a1=140737 t1=\"SKU-CHAIR-GONE\" a2=-12 a3=140800 t3=\"東京都 1-1 a3=\"")!;

        Assert.Equal((28259, 28706), (fire.ProcessId, fire.ThreadId));
        Assert.Equal(8868196484000, fire.Timestamp);
        Assert.Equal(1779, fire.Values[0].Word);
        Assert.Equal("SKU-CHAIR-GONE", fire.Values[1].Text);
        Assert.Equal(-12, fire.Values[2].Word);
        Assert.Equal("東京都 1-1 a3=", fire.Values[3].Text);
    }

    [Fact]
    public void AFaultedTextIsANullPointerAndTheTgidColumnIsOptional()
    {
        ProbeEvent fire = Parser().Parse("Shop.Sample-31126 [000] ..... 12.000001: p1: (0x7fd8a67b1048) a1=5000 a2=0 t2=(fault)")!;

        Assert.Equal(0, fire.ProcessId);
        Assert.Equal(31126, fire.ThreadId);
        Assert.False(fire.Values[0].IsAvailable);
        Assert.Equal(5000, fire.Values[1].Word);
        Assert.Equal(0, fire.Values[2].Word);
        Assert.Null(fire.Values[2].Text);
    }

    [Theory]
    [InlineData("# tracer: nop")]
    [InlineData("Shop-1 [000] ..... 1.0: p9: (0x1) a1=1")]
    [InlineData("Shop-1 [000] ..... 1.0: p1: (0x1) b1=1")]
    public void OtherLinesAreNoEvents(string line) => Assert.Null(Parser().Parse(line));
}
