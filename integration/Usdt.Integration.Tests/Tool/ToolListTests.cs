using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests.Tool;

/// <summary>
/// <c>dotnet-usdt list</c> of the sample shop's assembly, library and process says what
/// readelf says of the library and what the manifest says of the probes, shows which probes
/// are traced now, finds memfd libraries, and works without root where it can read.
/// </summary>
[Collection(SampleShopCollection.Name)]
public sealed class ToolListTests(SampleShopBuild build)
{
    private string Library => Path.Combine(Path.GetDirectoryName(build.AppPath)!, "Shop.Sample.usdt.x64.so");

    private JsonElement ListJson(string target)
    {
        CommandResult result = InstalledTool.For(build).Run("list", target, "--json");
        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        using JsonDocument document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    [SkippableFact]
    public void ListOfTheAssemblyIsWhatReadelfAndTheManifestSay()
    {
        Requires.Met(TracerRequirements.Readelf());
        JsonElement list = ListJson(build.AppPath);

        JsonElement library = Assert.Single(list.GetProperty("libraries").EnumerateArray());
        Assert.Equal(Library, library.GetProperty("tracerPath").GetString());
        Assert.Equal("built", library.GetProperty("origin").GetString());
        JsonElement[] probes = library.GetProperty("probes").EnumerateArray().ToArray();
        IReadOnlyList<SdtNote> notes = Readelf.Notes(Library);
        Assert.Equal(notes.Select(n => (n.Provider, n.Name, n.Location, n.Semaphore)),
            probes.Select(p => (p.GetProperty("provider").GetString()!, p.GetProperty("name").GetString()!, p.GetProperty("location").GetInt64(), p.GetProperty("semaphore").GetInt64())));
        Assert.Equal(notes.Select(n => n.ArgumentSpec),
            probes.Select(p => string.Join(' ', p.GetProperty("arguments").EnumerateArray().Select(a => $"{(a.GetProperty("signed").GetBoolean() ? "-" : "")}{a.GetProperty("size").GetInt32()}@{a.GetProperty("operand").GetString()}"))));

        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(build.AppPath, ".usdt.json")));
        JsonElement[] described = manifest.RootElement.GetProperty("probes").EnumerateArray().ToArray();
        Assert.All(probes, p => Assert.True(p.GetProperty("fromManifest").GetBoolean()));
        Assert.Equal(described.Select(Member), probes.Select(Member));
        Assert.Equal(described.Select(Arguments), probes.Select(Arguments));
        Assert.Equal(ProbeManifestFile.Probes(Path.ChangeExtension(build.AppPath, ".usdt.txt")),
            probes.Select(p => $"{p.GetProperty("provider").GetString()}:{p.GetProperty("name").GetString()}"));
    }

    private static string Member(JsonElement probe) =>
        $"{probe.GetProperty("kind").GetString()} {probe.GetProperty("member").GetProperty("type").GetString()}." +
        $"{probe.GetProperty("member").GetProperty("method").GetString()}{probe.GetProperty("member").GetProperty("signature").GetString()} async={probe.GetProperty("async").GetBoolean()}";

    private static string Arguments(JsonElement probe) =>
        string.Join(", ", probe.GetProperty("arguments").EnumerateArray().Select(a => $"{a.GetProperty("name").GetString()}:{a.GetProperty("type").GetString()}:{a.GetProperty("kind").GetString()}"));

    [SkippableFact]
    public void TextOfTheLibraryIsShapedLikeTplist()
    {
        Requires.Met(TracerRequirements.Readelf());
        CommandResult result = InstalledTool.For(build).Run("list", Library);

        Assert.True(result.ExitCode == 0, result.Stderr);
        foreach (SdtNote note in Readelf.Notes(Library))
            Assert.Contains($"{Library} {note.Provider}:{note.Name} [sema 0x{note.Semaphore:x}]", result.Stdout);
        Assert.Contains($"  Shop.Services.OrderService.PlaceOrder(Int32, String, Int32)  entry\n  location #1 {Library} 0x", result.Stdout);
        Assert.Matches(@"    argument #1 4 signed bytes @ %edi\s+customerId\s+System.Int32\n    argument #2 8 unsigned bytes @ %rsi\s+sku\s+System.String\n", result.Stdout);
        Assert.Contains("  Shop.Services.ShippingService.ShipAsync(Int64, String)  return, async", result.Stdout);
        Assert.Contains("  Shop.Probes.ShopProbes.OrderRejected(Int32, String)  static probe", result.Stdout);
        Assert.Contains($"bpftrace -e 'usdt:{Library}:{build.Provider}:* {{ ... }}'", result.Stdout);
    }

    [SkippableFact]
    public void ListOfAProcessShowsWhichProbesAreTracedNow()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        using ShopProcess shop = ShopProcess.Start(["dotnet", build.AppPath]);
        string entry = $"OrderService__PlaceOrder__entry";

        Assert.All(Probes(ListJson(shop.ProcessId.ToString())), p => Assert.False(p.GetProperty("traced").GetBoolean()));
        using (BpftraceSession bpftrace = BpftraceSession.Start($"usdt:{Library}:{build.Provider}:{entry} {{ @n = count(); }}").WaitUntilAttached())
        {
            JsonElement[] probes = Probes(ListJson(shop.ProcessId.ToString()));
            Assert.Equal([entry], probes.Where(p => p.GetProperty("traced").GetBoolean()).Select(p => p.GetProperty("name").GetString()));
            Assert.True(probes.Single(p => p.GetProperty("name").GetString() == entry).GetProperty("semaphoreValue").GetInt32() >= 1);
            bpftrace.Stop();
        }
        Poll.Until(() => Probes(ListJson(shop.ProcessId.ToString())).All(p => !p.GetProperty("traced").GetBoolean()), "no probe is traced any more");
    }

    private static JsonElement[] Probes(JsonElement list) =>
        list.GetProperty("libraries").EnumerateArray().SelectMany(l => l.GetProperty("probes").EnumerateArray()).ToArray();

    [SkippableFact]
    public void AMemfdLibraryIsGivenAsTheProcesssDescriptorAndTraces()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        // A copy of the app without its built library, and as the runtime's only directory one
        // that cannot exist (under a file): it generates the library into a memfd.
        string copy = DirectoryCopy.Tree(Path.GetDirectoryName(build.AppPath)!, Path.Combine(build.Root, "memfd-" + Guid.NewGuid().ToString("N")));
        foreach (string built in Directory.GetFiles(copy, "*.usdt.*.so"))
            File.Delete(built);
        using ShopProcess shop = ShopProcess.Start(["dotnet", Path.Combine(copy, "Shop.Sample.dll")],
            new Dictionary<string, string> { ["USDT_DIR"] = Path.Combine(copy, "Shop.Sample.dll", "usdt"), ["USDT_DIAGNOSTICS"] = "1" });

        JsonElement library = Assert.Single(ListJson(shop.ProcessId.ToString()).GetProperty("libraries").EnumerateArray());
        Assert.Equal("memoryfile", library.GetProperty("origin").GetString());
        Assert.Matches($@"^/proc/{shop.ProcessId}/fd/\d+$", library.GetProperty("tracerPath").GetString());
        Assert.Equal(Path.Combine(copy, "Shop.Sample.usdt.json"), library.GetProperty("manifest").GetString());

        if (TracerRequirements.Bpftrace() is null)
        {
            using ToolProcess trace = InstalledTool.For(build).Start("trace", "-p", shop.ProcessId.ToString(), "PlaceOrder").WaitUntilAttached();
            trace.WaitForOutput(lines => lines.Any(l => l.Contains("<- OrderService.PlaceOrder = ")), "a PlaceOrder return");
            Assert.Equal(0, trace.Interrupt().ExitCode);
        }
    }

    [SkippableFact]
    public void WithoutRootListReadsWhatItMayAndSaysWhatItMayNot()
    {
        Requires.Met(TracerRequirements.Root(), Setpriv());
        InstalledTool tool = InstalledTool.For(build);
        using ShopProcess shop = ShopProcess.Start(["dotnet", build.AppPath]);

        CommandResult assembly = AsNobody(tool, "list", build.AppPath);
        Assert.True(assembly.ExitCode == 0, assembly.Stderr);
        Assert.Contains($"{build.Provider}:OrderService__PlaceOrder__entry", assembly.Stdout);

        CommandResult process = AsNobody(tool, "list", shop.ProcessId.ToString());
        Assert.Equal(3, process.ExitCode);
        Assert.Contains($"cannot read /proc/{shop.ProcessId}/maps", process.Stderr);
        Assert.Contains("needs root", process.Stderr);
    }

    internal static string? Setpriv() =>
        ExecutableSearch.Find("setpriv") is null ? "setpriv is not installed (apt-get install util-linux)" : null;

    /// <summary>Runs the tool as user nobody, with no supplementary groups.</summary>
    internal static CommandResult AsNobody(InstalledTool tool, params string[] arguments) =>
        CommandRunner.Run("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", tool.Command, .. arguments],
            new Dictionary<string, string?> { ["HOME"] = "/nonexistent", ["DOTNET_CLI_HOME"] = null }, TimeSpan.FromMinutes(1));
}
