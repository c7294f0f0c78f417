using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests.Tool;

/// <summary>
/// <c>dotnet-usdt trace</c> against the sample shop: sync, async, throwing methods and static
/// probes, each argument formatted by its .NET type and checked against the orders the shop
/// logged; nested calls indented; stopped by Ctrl+C and by --duration, leaving nothing attached.
/// </summary>
[Collection(SampleShopCollection.Name)]
public sealed class ToolTraceTests(SampleShopBuild build)
{
    private static readonly string[] ShopPatterns = ["OrderService.*", "InventoryService.*", "*Async", "ShopProbes.*"];

    [SkippableFact]
    public void TraceOfTheShopShowsItsCallsByTheirDotnetTypes()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        InstalledTool tool = InstalledTool.For(build);
        using ShopProcess shop = ShopProcess.Start(["dotnet", build.AppPath]);
        using ToolProcess trace = tool.Start(["trace", "-p", shop.ProcessId.ToString(CultureInfo.InvariantCulture), .. ShopPatterns]).WaitUntilAttached();
        int before = shop.LoggedCustomers.Count;
        // A rejected order and a shipped one, both begun after the tracer attached.
        Poll.Until(() => Shipped(shop, before).Any() && shop.LoggedCustomers.Skip(before + 1).Any(ShopOrders.IsRejected),
            "the shop shipped and rejected an order", TimeSpan.FromSeconds(60));
        long rejected = shop.LoggedCustomers.Skip(before + 1).First(ShopOrders.IsRejected);
        (long shipped, int tracking) = Shipped(shop, before).First();

        string[] expected =
        [
            $"-> OrderService.CheckoutAsync(customerId: {shipped}, sku: \"{ShopOrders.SkuOf(shipped)}\", quantity: {ShopOrders.QuantityOf(shipped)}, address: \"{ShopOrders.Addresses[ShopOrders.OrderNumber(shipped) % 3]}\") async",
            $"-> OrderService.PlaceOrder(customerId: {shipped}, sku: \"{ShopOrders.SkuOf(shipped)}\", quantity: {ShopOrders.QuantityOf(shipped)})",
            $"<- ShippingService.ShipAsync = {tracking} (",
            $"<- OrderService.CheckoutAsync = {tracking} (",
            $"-> OrderService.PlaceOrder(customerId: {rejected}, sku: \"SKU-CHAIR-GONE\", quantity: {ShopOrders.QuantityOf(rejected)})",
            $"-> InventoryService.Reserve(sku: \"SKU-CHAIR-GONE\", quantity: {ShopOrders.QuantityOf(rejected)})",
            "<- InventoryService.Reserve threw Shop.Services.OutOfStockException (",
            $"** ShopProbes.OrderRejected(customerId: {rejected}, sku: \"SKU-CHAIR-GONE\")",
            "<- OrderService.PlaceOrder = -1 (",
            "<- OrderService.CheckoutAsync = 0 (",
        ];
        trace.WaitForOutput(lines => expected.All(e => lines.Any(l => l.Contains(e, StringComparison.Ordinal))), "the two orders' calls", TimeSpan.FromSeconds(60));
        Assert.Equal(0, trace.Interrupt().ExitCode);

        IReadOnlyList<string> output = trace.Lines;
        Assert.Contains(output, l => l.Contains($"<- ShippingService.ShipAsync = {tracking} (", StringComparison.Ordinal) && l.EndsWith(" ms, async)", StringComparison.Ordinal));
        Assert.Contains(output, l => l.Contains("** ShopProbes.OrderPlaced(orderId: ", StringComparison.Ordinal) && l.Contains("total: ", StringComparison.Ordinal));
        // Reserve is called from PlaceOrder: one level deeper on the same thread.
        int place = IndexOf(output, expected[4]);
        string[] placeFields = output[place].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string reserve = output.Skip(place).First(l => l.Contains(expected[5], StringComparison.Ordinal) && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == placeFields[1]);
        Assert.Equal(Indent(output[place]) + 2, Indent(reserve));
        AssertNothingTraced(shop.ProcessId);
    }

    private static IEnumerable<(long Customer, int Tracking)> Shipped(ShopProcess shop, int after) =>
        shop.Output.Where(l => l.StartsWith("order ", StringComparison.Ordinal) && l.Contains("tracking", StringComparison.Ordinal))
            .Select(l => (long.Parse(l[6..l.IndexOf(':')], CultureInfo.InvariantCulture), int.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)))
            .Where(o => shop.LoggedCustomers.Skip(after + 1).Contains(o.Item1));

    private static int IndexOf(IReadOnlyList<string> lines, string text)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Contains(text, StringComparison.Ordinal))
                return i;
        }
        throw new InvalidOperationException($"no line holds {text}");
    }

    private static int Indent(string line) => line.IndexOf("->", StringComparison.Ordinal);

    /// <summary>Every semaphore of the process is back at 0: the tracer detached from every probe.</summary>
    private void AssertNothingTraced(int processId)
    {
        CommandResult list = InstalledTool.For(build).Run("list", processId.ToString(CultureInfo.InvariantCulture), "--json");
        using JsonDocument document = JsonDocument.Parse(list.Stdout);
        Poll.Until(() =>
        {
            using JsonDocument now = JsonDocument.Parse(InstalledTool.For(build).Run("list", processId.ToString(CultureInfo.InvariantCulture), "--json").Stdout);
            return now.RootElement.GetProperty("libraries").EnumerateArray().SelectMany(l => l.GetProperty("probes").EnumerateArray())
                .All(p => p.GetProperty("semaphoreValue").GetInt32() == 0);
        }, "every semaphore is back at 0");
    }

    /// <summary>One line per call of ProbeCheck's <c>CheckedCalls</c>, as the tool must print it: every argument kind of the table.</summary>
    private static readonly string[] EveryKind =
    [
        "-> Kinds.AddOne(value: -123456789)", "<- Kinds.AddOne = -123456788 (",
        "-> Kinds.Twice(value: -81985529216486895)", "<- Kinds.Twice = -163971058432973790 (",
        "-> Kinds.Not(value: true)", "<- Kinds.Not = false (",
        "-> Kinds.NextChar(value: 'ж')", "<- Kinds.NextChar = 'з' (",
        "-> Kinds.NextByte(value: 254)", "<- Kinds.NextByte = 255 (",
        "-> Kinds.Negate(value: -32000)", "<- Kinds.Negate = 32000 (",
        "-> Kinds.Half(value: -1.5)", "<- Kinds.Half = -0.75 (",
        "-> Kinds.Flip(value: Dark)", "<- Kinds.Flip = Light (",
        "-> Kinds.Repeat(times: 2, text: \"Grüße, 東京 \")", "<- Kinds.Repeat = \"Grüße, 東京 Grüße, 東京 \" (",
        "-> Kinds.Length(text: null)", "<- Kinds.Length = -1 (",
        "-> Kinds.NextDay(value: 2024-02-28T23:59:59.1234567)", "<- Kinds.NextDay = 2024-02-29T23:59:59.1234567 (",
        "-> Kinds.FirstByte(value: 0f8fad5b-d9cb-469f-a165-70867728950e)", "<- Kinds.FirstByte = 91 (",
        "-> Kinds.MakeGuid(seed: 7)", "<- Kinds.MakeGuid = 00000007-1234-5678-9abc-def012345678 (",
        "-> Kinds.Fail(code: 42)", "<- Kinds.Fail threw System.InvalidOperationException (",
        "<- Kinds.Twelve = 5 (",
    ];

    [SkippableTheory]
    [InlineData("bpftrace", "-> Kinds.Twelve(a: -1, b: -9223372036854775807, c: true, d: '€', e: 128, f: -1, g: ?, h: ?, i: ?, j: ?, k: ?, l: ?)")]
    [InlineData("tracefs", "-> Kinds.Twelve(a: -1, b: -9223372036854775807, c: true, d: '€', e: 128, f: -1, g: 3.141592653589793, h: Light, i: \"on the stack ✓\", j: 9999-12-31T23:59:59.9999999, k: 0f8fad5b-d9cb-469f-a165-70867728950e, l: 18446744073709551615)")]
    public void TraceFormatsEveryArgumentKindOfTheTable(string tracer, string twelve)
    {
        Requires.Met(tracer == "bpftrace" ? TracerRequirements.Bpftrace() : TracerRequirements.Tracefs());
        string directory = ProbeCheckRuns.PortableBuild(build);
        using WaitingApp app = WaitingApp.Start(["dotnet", Path.Combine(directory, "ProbeCheck.dll"), "--wait"], "waiting");
        using ToolProcess trace = InstalledTool.For(build).Start("trace", "-p", app.ProcessId.ToString(CultureInfo.InvariantCulture), "Kinds.*", "--tracer", tracer).WaitUntilAttached();

        app.Send("go");
        IReadOnlyList<string> calls = app.Finish();
        Assert.DoesNotContain(calls, l => l.Contains("UNEXPECTED", StringComparison.Ordinal));
        string[] expected = [.. EveryKind, twelve];
        trace.WaitForOutput(lines => expected.All(e => lines.Any(l => l.Contains(e, StringComparison.Ordinal))), "every checked call", TimeSpan.FromSeconds(30));
        Assert.Equal(0, trace.Interrupt().ExitCode);
        // Each call was traced once, entry and return.
        Assert.Equal(CheckedCallCount * 2, trace.Lines.Count(l => l.Contains(" -> Kinds.", StringComparison.Ordinal) || l.Contains(" <- Kinds.", StringComparison.Ordinal)));
    }

    private static int CheckedCallCount => ProbeCheck.CheckedCalls.All.Count;

    [SkippableFact]
    public void ScriptPrintsTheProgramWhichRunsInBpftraceAlone()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        using ShopProcess shop = ShopProcess.Start(["dotnet", build.AppPath]);
        string library = Path.Combine(Path.GetDirectoryName(build.AppPath)!, "Shop.Sample.usdt.x64.so");

        CommandResult script = InstalledTool.For(build).Run("trace", "-p", shop.ProcessId.ToString(CultureInfo.InvariantCulture), "Reserve", "--script", "--duration", "3");

        Assert.Equal(0, script.ExitCode);
        Assert.Contains($"usdt:{library}:{build.Provider}:InventoryService__Reserve__entry\n/pid == {shop.ProcessId}/\n", script.Stdout);
        Assert.DoesNotContain("usdt:*", script.Stdout);
        Assert.Contains("interval:ms:3000 { exit(); }", script.Stdout);
        string file = Path.Combine(build.Root, $"reserve-{Guid.NewGuid():N}.bt");
        File.WriteAllText(file, script.Stdout);
        CommandResult run = CommandRunner.Run("bpftrace", [file], new Dictionary<string, string?> { ["BPFTRACE_STRLEN"] = "128" }, TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"\t{build.Provider}:InventoryService__Reserve__entry\t{shop.ProcessId}\t", run.Stdout);
        Assert.Contains($"\t{build.Provider}:InventoryService__Reserve__return\t{shop.ProcessId}\t", run.Stdout);
    }

    [SkippableFact]
    public void DurationStopsTheTraceByItself()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        using ShopProcess shop = ShopProcess.Start(["dotnet", build.AppPath]);

        CommandResult trace = InstalledTool.For(build).Run(["trace", "-p", shop.ProcessId.ToString(CultureInfo.InvariantCulture), "PlaceOrder", "--duration", "1"], null, TimeSpan.FromSeconds(60));

        Assert.True(trace.ExitCode == 0, trace.Stderr);
        Assert.Contains("-> OrderService.PlaceOrder(customerId: ", trace.Stdout);
        Assert.Contains("stopping after 1 s", trace.Stderr);
    }

    [SkippableFact]
    public void TracingALibraryByPathSeesEveryProcessUsingIt()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        string copy = DirectoryCopy.Tree(Path.GetDirectoryName(build.AppPath)!, Path.Combine(build.Root, "bypath-" + Guid.NewGuid().ToString("N")));
        using ToolProcess trace = InstalledTool.For(build).Start("trace", "--path", Path.Combine(copy, "Shop.Sample.usdt.x64.so"), "PlaceOrder").WaitUntilAttached();
        using ShopProcess first = ShopProcess.Start(["dotnet", Path.Combine(copy, "Shop.Sample.dll")]);
        using ShopProcess second = ShopProcess.Start(["dotnet", Path.Combine(copy, "Shop.Sample.dll")]);

        trace.WaitForOutput(lines => new[] { first, second }.All(shop => lines.Any(l => l.Contains($" {shop.ProcessId}/", StringComparison.Ordinal) && l.Contains("<- OrderService.PlaceOrder = ", StringComparison.Ordinal))),
            "calls of both shops", TimeSpan.FromSeconds(60));
        Assert.Equal(0, trace.Interrupt().ExitCode);
        Assert.StartsWith("TIME(s)      PID/TID", trace.Lines[0]);
    }
}
