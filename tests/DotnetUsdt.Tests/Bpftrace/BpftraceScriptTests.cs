using System;
using System.Linq;
using DotnetUsdt.Bpftrace;
using DotnetUsdt.Manifest;
using DotnetUsdt.Targets;
using DotnetUsdt.Tracing;
using Usdt.Contract;
using Xunit;
using static DotnetUsdt.Tests.Support.TestLibrary;

namespace DotnetUsdt.Tests.Bpftrace;

/// <summary>The generated program attaches by path, reads 64-bit words and text, and stays within bpftrace 0.17's limits.</summary>
public sealed class BpftraceScriptTests
{
    private static readonly ProbeLibrary Library = Of(
        Entry("Shop.OrderService", "PlaceOrder",
            Argument(0, "customerId", "System.Int32", ArgumentKind.Int32),
            Argument(1, "sku", "System.String", ArgumentKind.Utf8String),
            Argument(2, "total", "System.Double", ArgumentKind.Int64)),
        Return("Shop.OrderService", "PlaceOrder", "System.Int64", ArgumentKind.Int64),
        Static("Shop.Probes", "Twelve", Enumerable.Range(0, 12).Select(i => Argument(i, $"a{i}", "System.Int64", ArgumentKind.Int64)).ToArray()));

    [Fact]
    public void AttachesByTheLibrarysPathFilteredToTheProcess()
    {
        BpftraceProgram program = BpftraceScript.Generate(Library.Probes, 4242, TraceMode.Arguments, null, "test");

        foreach (Probe probe in Library.Probes)
            Assert.Contains($"usdt:{Library.TracerPath}:shop:{probe.Note.Name}\n/pid == 4242/\n", program.Text);
        Assert.DoesNotContain("usdt:*", program.Text);
        Assert.DoesNotContain("interval:", program.Text);
    }

    [Fact]
    public void WithoutAProcessEveryProcessOfTheLibraryIsTraced()
    {
        BpftraceProgram program = BpftraceScript.Generate(Library.Probes, null, TraceMode.Arguments, TimeSpan.FromSeconds(2.5), "test");

        Assert.DoesNotContain("/pid ==", program.Text);
        Assert.Contains("interval:ms:2500 { exit(); }", program.Text);
    }

    [Fact]
    public void ArgumentsAre64BitWordsAndTextIsItsPointerAndStr()
    {
        BpftraceProgram program = BpftraceScript.Generate(Library.Probes, 1, TraceMode.Arguments, null, "test");
        string entry = program.Text.Split('\n').Single(l => l.Contains("\\tshop:OrderService__PlaceOrder__entry\\t"));

        Assert.Equal("{ printf(\"0\\tshop:OrderService__PlaceOrder__entry\\t%d\\t%d\\t%lld\\t%lld\\t%lld\\t%s\\t%lld\\n\", pid, tid, nsecs, arg0, arg1, str(arg1), arg2); }", entry);
        Assert.Equal(9, program.Layouts[0].FieldCount);
    }

    [Fact]
    public void ArgumentsPastTheSixthAreNotReadAndTheProgramSaysSo()
    {
        BpftraceProgram program = BpftraceScript.Generate(Library.Probes, 1, TraceMode.Arguments, null, "test");

        Assert.Contains("arg5", program.Text);
        Assert.DoesNotContain("arg6)", program.Text);
        Assert.DoesNotContain(", arg6", program.Text);
        Assert.Contains("//   arg6 a6 System.Int64  (not read: bpftrace 0.17 reads arg0-arg5 only", program.Text);
        Assert.Equal([SlotRead.Integer, SlotRead.Integer, SlotRead.Integer, SlotRead.Integer, SlotRead.Integer, SlotRead.Integer,
            SlotRead.None, SlotRead.None, SlotRead.None, SlotRead.None, SlotRead.None, SlotRead.None], program.Layouts[2].Slots);
    }

    [Fact]
    public void StatisticsReadOnlyTheElapsedTimeAndTheException()
    {
        BpftraceProgram program = BpftraceScript.Generate([Library.Probes[1], Library.Probes[2]], 1, TraceMode.Statistics, null, "test");

        Assert.Equal([SlotRead.None, SlotRead.Integer, SlotRead.Text], program.Layouts[0].Slots);
        Assert.All(program.Layouts[1].Slots, s => Assert.Equal(SlotRead.None, s));
        Assert.Contains("nsecs, arg1, arg2, str(arg2)); }", program.Text);
    }

    [Fact]
    public void StringLengthFitsEveryProbesTextsIntoTheBpfStack()
    {
        ProbeLibrary sixTexts = Of(Entry("T", "M", Enumerable.Range(0, 6).Select(i => Argument(i, $"s{i}", "System.String", ArgumentKind.Utf8String)).ToArray()));

        Assert.Equal(200, BpftraceScript.Generate([Library.Probes[1]], 1, TraceMode.Arguments, null, "t").StringLength);
        Assert.Equal(40, BpftraceScript.Generate(sixTexts.Probes, 1, TraceMode.Arguments, null, "t").StringLength);
        Assert.Equal(512, BpftraceScript.Generate(Library.Probes, 1, TraceMode.Arguments, null, "t").MaxProbes);
        Assert.Equal("40", BpftraceScript.Generate(sixTexts.Probes, 1, TraceMode.Arguments, null, "t").Environment["BPFTRACE_STRLEN"]);
    }

    [Fact]
    public void NeverPrintsAnArgumentWithThirtyTwoBitPercentD()
    {
        BpftraceProgram program = BpftraceScript.Generate(Library.Probes, 1, TraceMode.Arguments, null, "test");

        foreach (string line in program.Text.Split('\n').Where(l => l.StartsWith("{ printf(", StringComparison.Ordinal)))
        {
            string format = line[(line.IndexOf('"') + 1)..line.LastIndexOf('"')];
            string[] conversions = format.Split('%').Skip(1).Select(c => c[..(c.StartsWith("ll") ? 3 : 1)]).ToArray();
            Assert.Equal(["d", "d"], conversions.Take(2)); // pid and tid are 32-bit
            Assert.All(conversions.Skip(2), c => Assert.Contains(c, new[] { "lld", "s" }));
        }
    }
}
