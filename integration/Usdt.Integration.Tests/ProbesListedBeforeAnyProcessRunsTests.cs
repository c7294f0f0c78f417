using System;
using System.IO;
using System.Linq;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>
/// The build writes the probe libraries, so tracers list every probe of the manifest from
/// the file alone, as they list a C program's, before any process of the app has run.
/// </summary>
[Collection(SampleShopCollection.Name)]
public sealed class ProbesListedBeforeAnyProcessRunsTests(SampleShopBuild shop)
{
    private string Directory => Path.GetDirectoryName(shop.AppPath)!;
    private string Manifest => Path.Combine(Directory, "Shop.Sample.usdt.txt");

    [SkippableFact]
    public void BpftraceListsEveryManifestProbeFromTheBuiltLibrarysPath()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        string library = Path.Combine(Directory, "Shop.Sample.usdt.x64.so");
        Assert.Empty(ProcessMaps.ProcessesMapping(library));

        // The README's command: bpftrace -l 'usdt:LIB:*'
        CommandResult listing = CommandRunner.Run("bpftrace", ["-l", $"usdt:{library}:*"]).EnsureSuccess();

        string[] listed = listing.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':'))
            .Select(fields =>
            {
                Assert.True(fields.Length == 4 && fields[0] == "usdt" && fields[1] == library, string.Join(':', fields));
                return $"{fields[2]}:{fields[3]}";
            })
            .ToArray();
        AssertSameProbes(ProbeManifestFile.Probes(Manifest), listed, "bpftrace -l");
    }

    [SkippableTheory]
    [InlineData("x64")]
    [InlineData("arm64")]
    public void ReadelfShowsEveryManifestProbeWithItsOwnStubAndSemaphore(string architecture)
    {
        Requires.Met(TracerRequirements.Readelf());
        string library = Path.Combine(Directory, $"Shop.Sample.usdt.{architecture}.so");
        Assert.Empty(ProcessMaps.ProcessesMapping(library));

        var notes = Readelf.Notes(library);

        AssertSameProbes(ProbeManifestFile.Probes(Manifest), notes.Select(n => $"{n.Provider}:{n.Name}").ToArray(), "readelf -n");
        Assert.All(notes, note => Assert.Equal(shop.Provider, note.Provider));
        Assert.Equal(notes.Count, notes.Select(n => n.Location).Distinct().Count());
        Assert.Equal(notes.Count, notes.Select(n => n.Semaphore).Distinct().Count());
        Assert.DoesNotContain(notes, n => n.Semaphore == 0);
    }

    private static void AssertSameProbes(System.Collections.Generic.IReadOnlyList<string> manifest, string[] listed, string tool)
    {
        Assert.Contains(manifest, probe => probe.EndsWith(":OrderService__PlaceOrder__entry", StringComparison.Ordinal));
        Assert.Equal(manifest.Count, listed.Length); // no probe twice
        Assert.True(manifest.Order(StringComparer.Ordinal).SequenceEqual(listed.Order(StringComparer.Ordinal)),
            $"{tool} lists other probes than the manifest:\nmanifest: {string.Join(' ', manifest.Order(StringComparer.Ordinal))}\n{tool}: {string.Join(' ', listed.Order(StringComparer.Ordinal))}");
    }
}
