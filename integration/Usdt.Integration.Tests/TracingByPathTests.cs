using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>
/// Tracers attached to the built library's path, naming no process, see every process of
/// the app: one already running, and one started after they attached, as with a C
/// program's probes. Each counts exactly the PlaceOrder entries each shop logged.
/// </summary>
[Collection(SampleShopCollection.Name)]
public sealed partial class TracingByPathTests(SampleShopBuild shop)
{
    private const string Probe = "OrderService__PlaceOrder__entry";

    /// <summary>Orders (about 35 ms each) a shop places after perf acknowledged "enable" before perf's attach counts as done.</summary>
    internal const int PerfSettleOrders = 20;

    private string Library => Path.Combine(Path.GetDirectoryName(shop.AppPath)!, "Shop.Sample.usdt.x64.so");

    [SkippableFact]
    public void BpftraceWithoutPidCountsEveryOrderOfTwoShopsOneStartedAfterItAttached()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        using TwoShops shops = TwoShops.StartFirst(["dotnet", shop.AppPath]);
        using BpftraceSession bpftrace = BpftraceSession.Start(
            $$"""usdt:{{Library}}:{{shop.Provider}}:{{Probe}} { printf("%d %d\n", pid, arg0); }""").WaitUntilAttached();

        shops.RunSecondThenStopFirst();
        bpftrace.WaitForOutput(lines => shops.SawEveryOrder(Seen(lines)), "every order of both shops", TimeSpan.FromSeconds(30));
        IReadOnlyList<string> lines = bpftrace.Stop();

        shops.AssertSawExactly(Seen(lines), "bpftrace");
    }

    [SkippableFact]
    public void PerfRecordCountsEveryOrderOfTwoShopsOneStartedAfterRecordingBegan()
    {
        Requires.Met(TracerRequirements.Perf());
        using TwoShops shops = TwoShops.StartFirst(["dotnet", shop.AppPath]);
        using var perf = new PerfSession();
        perf.AddToBuildIdCache(Library);
        string placeOrder = perf.AddSdtEvent(Library, shop.Provider, Probe);
        perf.StartRecording([placeOrder]);
        // perf acknowledges "enable" before its uprobe takes effect in a process already
        // running when other tracer tests run alongside (a few orders were seen lost): the
        // attach is counted from a moment later, after the first shop placed more orders.
        shops.First.WaitForMoreOrders(PerfSettleOrders);

        shops.RunSecondThenStopFirst();
        // perf writes what it buffered when it stops, so every event is in the data file.
        IReadOnlyList<PerfSample> samples = perf.StopRecording().Where(s => s.Event == placeOrder).ToList();

        shops.AssertSawExactly(samples.ToLookup(s => s.ProcessId, s => s.Argument(0)), "perf");
    }

    [SkippableFact]
    public void TracefsUprobeOnTheLibraryCountsEveryOrderOfTwoShopsOneStartedAfterEnabling()
    {
        Requires.Met(TracerRequirements.Tracefs(), TracerRequirements.Readelf());
        SdtNote note = Readelf.Notes(Library).Single(n => n.Provider == shop.Provider && n.Name == Probe);
        using TwoShops shops = TwoShops.StartFirst(["dotnet", shop.AppPath]);
        var mappings = new Dictionary<int, IReadOnlyList<ProcessMaps.Mapping>> { [shops.First.ProcessId] = LibraryMappings(shops.First.ProcessId) };
        using var tracefs = new TracefsSession();
        // An event name of our own: perf refuses an SDT event whose bare name another group already uses.
        UprobeEvent uprobe = tracefs.AddUprobe(Library, note.Location, note.Semaphore, SdtFetchArguments.For(note), "placeorder_by_path");
        tracefs.Enable(uprobe);

        shops.RunSecondThenStopFirst(second => mappings[second.ProcessId] = LibraryMappings(second.ProcessId));
        tracefs.Disable(uprobe);

        // The shops have exited, so threads no longer tell whose an event was; the probe's
        // address does: each process mapped the library at an address of its own.
        Assert.False(mappings.Values.First().Any(a => mappings.Values.Last().Any(b => a.Start < b.End && b.Start < a.End)),
            "both shops mapped the library at the same addresses (address space randomization off?)");
        var seen = new List<(int Process, long Customer)>();
        foreach (string line in tracefs.ReadLines())
        {
            if (TraceLine().Match(line) is not { Success: true } match || match.Groups["event"].Value != uprobe.Name)
                continue;
            ulong address = ulong.Parse(match.Groups["ip"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            int process = mappings.Single(m => m.Value.Any(r => address >= r.Start && address < r.End)).Key;
            seen.Add((process, long.Parse(match.Groups["a0"].Value, CultureInfo.InvariantCulture)));
        }
        Assert.Equal(0, tracefs.LostEvents());

        shops.AssertSawExactly(seen.ToLookup(e => e.Process, e => e.Customer), "tracefs");
    }

    /// <summary>bpftrace's "PID CUSTOMER" lines by process.</summary>
    private static ILookup<int, long> Seen(IReadOnlyList<string> lines) =>
        lines.Select(line => line.Split(' '))
            .Where(fields => fields.Length == 2 && fields.All(f => f.Length > 0 && f.All(char.IsAsciiDigit)))
            .ToLookup(fields => int.Parse(fields[0], CultureInfo.InvariantCulture), fields => long.Parse(fields[1], CultureInfo.InvariantCulture));

    private IReadOnlyList<ProcessMaps.Mapping> LibraryMappings(int processId)
    {
        var mappings = ProcessMaps.Of(processId).Where(m => m.Path == Library).ToList();
        Assert.True(mappings.Count > 0, $"process {processId} does not map {Library}");
        return mappings;
    }

    // "  .NET TP Worker-4242  [001] ..... 12.345678: placeorder_by_path: (0x7f0a1b2c3030) a0=1000 a1=... a2=1"
    [GeneratedRegex(@"\s(?<event>[^:\s]+): \(0x(?<ip>[0-9a-f]+)\) a0=(?<a0>-?\d+)\b")]
    private static partial Regex TraceLine();
}
