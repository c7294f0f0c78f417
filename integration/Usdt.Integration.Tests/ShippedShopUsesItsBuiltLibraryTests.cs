using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>
/// However the shop ships (build, publish, self-contained, ReadyToRun, single-file, Native
/// AOT), its probe library lies beside it, the running shop loads that file rather than
/// generating one, and a tracer attached to that path sees its calls.
/// </summary>
[Collection(SampleShopCollection.Name)]
public sealed partial class ShippedShopUsesItsBuiltLibraryTests(SampleShopBuild shop)
{
    private static readonly Dictionary<string, string> Diagnostics = new() { ["USDT_DIAGNOSTICS"] = "1" };

    public static TheoryData<string> Shapes => ShippingShapes.All;

    [SkippableTheory]
    [MemberData(nameof(Shapes))]
    public void ShopRegistersFromTheLibraryBesideItAndGeneratesNone(string shape)
    {
        Requires.Met(ShippingShapes.Unmet(shape));
        string[] command = ShippingShapes.Command(shop, shape);
        string directory = Path.GetDirectoryName(command[^1])!;
        string library = Path.Combine(directory, "Shop.Sample.usdt.x64.so");
        Assert.True(File.Exists(library), $"{shape}: no {library}");
        int probes = ProbeManifestFile.Probes(Path.Combine(directory, "Shop.Sample.usdt.txt")).Count;
        Requires.Met(TracerRequirements.ProbePlatform());

        IReadOnlyList<string> mapped, generated, output;
        using (ShopProcess app = ShopProcess.Start(command, Diagnostics))
        {
            app.WaitForMoreOrders(3);
            mapped = ProcessMaps.Files(app.ProcessId);
            generated = ProcessMaps.GeneratedLibraries(app.ProcessId);
            output = app.Stop();
        }

        // The whole line: a fallback would name another path and end with its reason.
        Assert.True(output.Contains($"usdt: Shop.Sample: {probes} probes in {library}"), $"{shape}:\n{string.Join('\n', output)}");
        Assert.Contains(library, mapped);
        Assert.Empty(generated);
        Assert.Contains(output, line => line.StartsWith("summary: ", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(Shapes))]
    public void BpftraceAttachedToTheLibrarysPathSeesEveryOrder(string shape)
    {
        Requires.Met(ShippingShapes.Unmet(shape));
        string[] command = ShippingShapes.Command(shop, shape);
        string library = Path.Combine(Path.GetDirectoryName(command[^1])!, "Shop.Sample.usdt.x64.so");
        Requires.Met(TracerRequirements.Bpftrace());

        using BpftraceSession bpftrace = BpftraceSession.Start(
            $$"""usdt:{{library}}:{{shop.Provider}}:OrderService__PlaceOrder__entry { printf("%d %d %s %d\n", pid, arg0, str(arg1), arg2); }""").WaitUntilAttached();
        using ShopProcess app = ShopProcess.Start(command, "--orders", "10", "--interval-ms", "0");
        app.WaitForExit();
        bpftrace.WaitForOutput(lines => Entries(lines, app.ProcessId).Count >= 10, "ten orders", TimeSpan.FromSeconds(30));
        var entries = Entries(bpftrace.Stop(), app.ProcessId);

        Assert.Equal(app.LoggedCustomers, entries.Select(e => e.Customer).Order());
        Assert.All(entries, e =>
        {
            Assert.Equal(ShopOrders.SkuOf(e.Customer), e.Sku);
            Assert.Equal(ShopOrders.QuantityOf(e.Customer), e.Quantity);
        });
    }

    [Fact]
    public void SingleFilePublishKeepsTheProbeLibraryOutOfTheBundle()
    {
        string directory = ShippingShapes.SingleFilePublish(shop).Directory;

        // Only the executable, its symbols and the probe files: everything else is bundled.
        Assert.Equal(["Shop.Sample", "Shop.Sample.pdb", "Shop.Sample.usdt.json", "Shop.Sample.usdt.txt", "Shop.Sample.usdt.x64.so"],
            Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // The bundle names the files it holds: the deps file, not the library.
        string bundle = Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(directory, "Shop.Sample")));
        Assert.Contains("Shop.Sample.deps.json", bundle);
        Assert.DoesNotContain("Shop.Sample.usdt.", bundle);
    }

    [SkippableFact]
    public void NativeAotPublishIsFreeOfTrimAndAotWarnings()
    {
        Requires.Met(ShippingShapes.Unmet(ShippingShapes.NativeAot));
        AppOutput aot = ShippingShapes.NativeAotPublish(shop);

        string[] warnings = aot.Log.Split('\n').Where(line => AnalysisWarning().IsMatch(line)).Select(line => line.Trim()).Distinct().ToArray();
        Assert.True(warnings.Length == 0,
            "a Native AOT publish of a woven app warns (and fails where warnings are errors, as in the sample's project):\n" + string.Join('\n', warnings));
        Assert.Equal(["Shop.Sample.usdt.x64.so"], Directory.GetFiles(aot.Directory, "*.so").Select(Path.GetFileName));
    }

    private sealed record Entry(long Customer, string Sku, int Quantity);

    /// <summary>bpftrace's "PID CUSTOMER SKU QUANTITY" lines of one process.</summary>
    private static List<Entry> Entries(IReadOnlyList<string> lines, int processId) =>
        lines.Select(line => line.Split(' '))
            .Where(fields => fields.Length == 4 && fields[0] == processId.ToString(CultureInfo.InvariantCulture))
            .Select(fields => new Entry(long.Parse(fields[1], CultureInfo.InvariantCulture), fields[2], int.Parse(fields[3], CultureInfo.InvariantCulture)))
            .ToList();

    // "…/WovenProbes.cs(120): warning IL3000: …" (trim analysis IL2xxx, single-file IL3000-3002, AOT IL3050-3056)
    [GeneratedRegex(@"warning IL\d{4}")]
    private static partial Regex AnalysisWarning();
}
