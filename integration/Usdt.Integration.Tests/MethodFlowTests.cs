using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>
/// The generic <c>dotnet:method__entry</c>/<c>method__return</c> pair, read unmodified by
/// bcc's language tools as HotSpot's, and by bpftrace: integration/FlowApp, an application
/// and a class library both woven with <c>GenericProbes="true"</c>, built from the package;
/// every count and every nesting checked against the calls the app makes.
/// </summary>
[Collection(SampleShopCollection.Name)]
public sealed partial class MethodFlowTests(SampleShopBuild shop)
{
    private const int Rounds = 20;

    private string Directory => shop.FlowApp.Directory;

    [SkippableFact]
    public void UcallsCountsEveryCallOfBothWovenAssembliesByClassAndMethod()
    {
        Requires.Met(TracerRequirements.Bcc());

        IReadOnlyList<string> output = UcallsOverRounds();

        Assert.Equal(FlowProcess.CallsPerRound.ToDictionary(c => c.Key, c => c.Value * Rounds), CallTable(output).ToDictionary(r => r.Method, r => r.Calls));
    }

    [SkippableFact]
    public void UcallsWithLatenciesTimesEachMethodIncludingTheCallsItMakes()
    {
        Requires.Met(TracerRequirements.Bcc());

        IReadOnlyList<string> output = UcallsOverRounds("-L");

        var table = CallTable(output).ToDictionary(r => r.Method);
        Assert.Equal(FlowProcess.CallsPerRound.Keys.Order(), table.Keys.Order());
        Assert.All(table.Values, row => Assert.True(row.Microseconds > 0, $"{row.Method}: {row.Microseconds} us"));
        // Latency is entry to return on the same thread; an outer method's time holds its callees'.
        Assert.True(table["Flow.Cart.Total"].Microseconds >= table["Flow.Cart.PriceOf"].Microseconds, string.Join('\n', output));
        Assert.True(table["Flow.Checkout.Run"].Microseconds >= table["Flow.Cart.Total"].Microseconds + table["Flow.Checkout.Record"].Microseconds, string.Join('\n', output));
    }

    [SkippableFact]
    public void UflowPrintsEachRoundsNestedFlowOnTheThreadThatRanIt()
    {
        Requires.Met(TracerRequirements.Bcc());
        using FlowProcess flow = FlowProcess.Start(Directory);
        using BccToolSession uflow = BccToolSession.Start("uflow", "-l", "java", flow.ProcessId.ToString(CultureInfo.InvariantCulture)).WaitUntilAttached();
        int before = WarmUp(uflow, flow);

        flow.RunRounds(Rounds);
        int expectedLines = Rounds * FlowProcess.RoundFlow.Count * 2;
        uflow.WaitForOutput(lines => FlowLines(lines).Count() >= before + expectedLines, $"{before} + {expectedLines} flow lines", TimeSpan.FromSeconds(30));
        IReadOnlyList<string> output = uflow.Stop();

        var flowLines = FlowLines(output).Skip(before).ToList();
        Assert.Equal(expectedLines, flowLines.Count);
        int rounds = 0;
        foreach (IGrouping<int, FlowLine> thread in flowLines.GroupBy(line => line.ThreadId))
        {
            // Each thread's lines nest: every return closes the innermost open call.
            var open = new Stack<string>();
            foreach (FlowLine line in thread)
            {
                if (line.IsEntry)
                {
                    Assert.Equal(open.Count, line.Depth);
                    open.Push(line.Method);
                }
                else
                {
                    Assert.Equal(open.Count - 1, line.Depth);
                    Assert.Equal(open.Pop(), line.Method);
                }
            }
            Assert.Empty(open);
            // A round runs on one thread (the async part of a method is not in the pair).
            var entries = thread.Where(l => l.IsEntry).Select(l => (l.Depth, l.Method)).ToList();
            Assert.Equal(0, entries.Count % FlowProcess.RoundFlow.Count);
            for (int start = 0; start < entries.Count; start += FlowProcess.RoundFlow.Count)
                Assert.Equal(FlowProcess.RoundFlow, entries.GetRange(start, FlowProcess.RoundFlow.Count));
            rounds += entries.Count / FlowProcess.RoundFlow.Count;
        }
        Assert.Equal(Rounds, rounds);
    }

    [SkippableFact]
    public void BpftraceCountsThePairExactlyByTheLibrarysPath()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        string library = Path.Combine(Directory, "dotnet-methods.usdt.x64.so");
        using FlowProcess flow = FlowProcess.Start(Directory);
        Assert.Contains(library, ProcessMaps.Files(flow.ProcessId));
        // The README's one-liner, with the flow app's process id.
        string script = $$"""
            usdt:{{library}}:dotnet:method__entry /pid == {{flow.ProcessId}}/ { @entries[str(arg1), str(arg3)] = count(); }
            usdt:{{library}}:dotnet:method__return /pid == {{flow.ProcessId}}/ { @returns[str(arg1), str(arg3)] = count(); }
            """;
        // Two strings in a key: bpftrace's default 64 bytes each fit its 512-byte BPF stack.
        using BpftraceSession bpftrace = BpftraceSession.Start(script, stringLength: 64).WaitUntilAttached();

        flow.RunRounds(Rounds);
        IReadOnlyList<string> output = bpftrace.Stop();

        Assert.True(bpftrace.Errors.Count == 0, string.Join('\n', bpftrace.Errors));
        var expected = FlowProcess.CallsPerRound.ToDictionary(c => c.Key, c => c.Value * Rounds);
        Assert.Equal(expected, MapCounts(output, "entries"));
        Assert.Equal(expected, MapCounts(output, "returns"));
    }

    [SkippableFact]
    public void WithoutTheSwitchTheShopHasNoPair()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        string output = Path.GetDirectoryName(shop.AppPath)!;
        Assert.Empty(System.IO.Directory.GetFiles(output, "dotnet-methods.*"));
        using ShopProcess app = ShopProcess.Start(["dotnet", shop.AppPath]);

        CommandResult listing = CommandRunner.Run("bpftrace", ["-l", "usdt:*:dotnet:*", "-p", app.ProcessId.ToString(CultureInfo.InvariantCulture)]).EnsureSuccess();

        Assert.DoesNotContain("method__", listing.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(ProcessMaps.Files(app.ProcessId), path => Path.GetFileName(path).StartsWith("dotnet-methods", StringComparison.Ordinal));
        app.Stop();
    }

    /// <summary>Runs <see cref="Rounds"/> rounds of a fresh flow app under <c>ucalls -l java [options] PID</c>; returns what ucalls printed.</summary>
    private IReadOnlyList<string> UcallsOverRounds(params string[] options)
    {
        using FlowProcess flow = FlowProcess.Start(Directory);
        using BccToolSession ucalls = BccToolSession.Start("ucalls", ["-l", "java", .. options, flow.ProcessId.ToString(CultureInfo.InvariantCulture)]).WaitUntilAttached();
        flow.RunRounds(Rounds);
        return ucalls.Stop();
    }

    private sealed record CallRow(string Method, int Calls, double Microseconds);

    /// <summary>The table ucalls prints at exit: <c>METHOD  # CALLS  [TIME (us)]</c>.</summary>
    private static IEnumerable<CallRow> CallTable(IReadOnlyList<string> output)
    {
        int header = output.ToList().FindIndex(l => l.StartsWith("METHOD", StringComparison.Ordinal));
        Assert.True(header >= 0, "ucalls printed its table:\n" + string.Join('\n', output));
        foreach (string line in output.Skip(header + 1).Where(l => l.Trim().Length > 0))
        {
            Match row = CallRowPattern().Match(line);
            Assert.True(row.Success, line);
            yield return new CallRow(row.Groups[1].Value, int.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture),
                row.Groups[3].Success ? double.Parse(row.Groups[3].Value, CultureInfo.InvariantCulture) : 0);
        }
    }

    /// <summary>
    /// uflow says it is tracing before it opens its perf buffer, and events sent before
    /// that are dropped: rounds run until one shows, then the lines settle. Returns how
    /// many flow lines the warm-up printed, all of them before the counted rounds start.
    /// </summary>
    private static int WarmUp(BccToolSession uflow, FlowProcess flow)
    {
        Poll.Until(() =>
        {
            flow.RunRounds(1);
            return Settled(uflow) > 0;
        }, "uflow to print a warm-up round", TimeSpan.FromSeconds(30));
        return Settled(uflow);
    }

    /// <summary>The number of flow lines once it has stopped growing for half a second.</summary>
    private static int Settled(BccToolSession uflow)
    {
        int count = FlowLines(uflow.Lines).Count();
        while (true)
        {
            Thread.Sleep(500);
            int now = FlowLines(uflow.Lines).Count();
            if (now == count)
                return count;
            count = now;
        }
    }

    private sealed record FlowLine(int ThreadId, bool IsEntry, int Depth, string Method);

    /// <summary>
    /// uflow's lines: <c>CPU PID TID TIME(us)</c>, then two spaces per depth and
    /// <c>-&gt; Class.method</c> or <c>&lt;- Class.method</c>. TIME is printed as
    /// <c>%-8.3f</c> and a space, which the indentation follows.
    /// </summary>
    private static IEnumerable<FlowLine> FlowLines(IReadOnlyList<string> output)
    {
        foreach (string line in output)
        {
            Match flow = FlowLinePattern().Match(line);
            if (!flow.Success)
                continue;
            int padding = Math.Max(0, 8 - flow.Groups[2].Length) + 1;
            yield return new FlowLine(int.Parse(flow.Groups[1].Value, CultureInfo.InvariantCulture), flow.Groups[4].Value == "->",
                (flow.Groups[3].Length - padding) / 2, flow.Groups[5].Value);
        }
    }

    /// <summary>bpftrace's printing of <c>@name[class, method]: count</c>, keyed <c>Class.Method</c>.</summary>
    private static Dictionary<string, int> MapCounts(IReadOnlyList<string> output, string map) =>
        output.Select(line => MapLinePattern().Match(line))
            .Where(m => m.Success && m.Groups[1].Value == map)
            .ToDictionary(m => $"{m.Groups[2].Value}.{m.Groups[3].Value}", m => int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(\S+)\s+(\d+)(?:\s+(\d+(?:\.\d+)?))?\s*$")]
    private static partial Regex CallRowPattern();

    [GeneratedRegex(@"^\d+\s+\d+\s+(\d+)\s+(\d+\.\d+)( +)(->|<-) (\S+)\s*$")]
    private static partial Regex FlowLinePattern();

    [GeneratedRegex(@"^@(\w+)\[(.*), (.*)\]: (\d+)$")]
    private static partial Regex MapLinePattern();
}
