using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Xml.Linq;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>
/// A woven class library shipped as a NuGet package: its probe libraries travel in the
/// package as native assets, an application that only references the package (no Fody)
/// gets them and Usdt.dll but nothing of the weaver, and at run time the library's module
/// registers from its built probe library, found where the host put the native assets.
/// </summary>
[Collection(SampleShopCollection.Name)]
public sealed class WovenLibraryPackageTests(SampleShopBuild shop)
{
    private const string PortableBuild = "portable build";
    private const string RidSpecificPublish = "linux-x64 self-contained publish";

    private WovenLibraryPackage Library => shop.WovenLibrary;

    [Fact]
    public void LibraryPackageCarriesItsProbeLibrariesAsNativeAssetsAndNoWeaver()
    {
        Assert.Matches($@"Usdt: \d+ probes \(\d+ methods with function-boundary probes as provider '{Library.Provider}'", Library.PackLog);
        using ZipArchive package = ZipFile.OpenRead(Library.PackagePath);
        string[] entries = package.Entries.Select(e => e.FullName).ToArray();

        string built = Path.Combine(Library.LibraryDirectory, "bin", "Release", "net8.0");
        foreach (string architecture in new[] { "x64", "arm64" })
        {
            string entry = $"runtimes/linux-{architecture}/native/WovenLibrary.usdt.{architecture}.so";
            Assert.Contains(entry, entries);
            Assert.Equal(File.ReadAllBytes(Path.Combine(built, $"WovenLibrary.usdt.{architecture}.so")), PackageLayoutTests.EntryBytes(package, entry));
        }
        Assert.Contains("lib/net8.0/WovenLibrary.dll", entries);
        Assert.DoesNotContain(entries, e => e.Contains("fody", StringComparison.OrdinalIgnoreCase) || e.StartsWith("build", StringComparison.Ordinal));

        // Consumers depend on Usdt.Fody for Usdt.dll, with its build assets (the weaver) excluded; Fody is no dependency at all.
        using Stream nuspec = package.GetEntry("WovenLibrary.nuspec")!.Open();
        XElement[] dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency").ToArray();
        XElement usdt = Assert.Single(dependencies);
        Assert.Equal("Usdt.Fody", usdt.Attribute("id")!.Value);
        Assert.Contains("Build", usdt.Attribute("exclude")!.Value.Split(','));
    }

    [Fact]
    public void ConsumerBuildHoldsBothProbeLibrariesUnderRuntimesAndNothingOfTheWeaver()
    {
        AppOutput build = ConsumerOutput(PortableBuild);

        Assert.Equal(["runtimes/linux-arm64/native/WovenLibrary.usdt.arm64.so", "runtimes/linux-x64/native/WovenLibrary.usdt.x64.so"], ProbeLibraries(build.Directory));
        Assert.True(File.Exists(Path.Combine(build.Directory, "Usdt.dll")), "the consumer's output has no Usdt.dll");
        Assert.Empty(Directory.GetFiles(build.Directory, "*.usdt.txt", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(build.Directory, "*Fody*", SearchOption.AllDirectories));
        // Fody, had it run, would have added a FodyWeavers.xml to the project and logged as it wove.
        Assert.False(File.Exists(Path.Combine(Library.ConsumerDirectory, "FodyWeavers.xml")), "Fody ran in the consumer");
        Assert.DoesNotMatch(@"(?m)^\s*Fody(/\w+)?: ", build.Log);
        Assert.Empty(ImportedBuildFiles());
        AssertNotWoven(Path.Combine(build.Directory, "LibraryConsumer.dll"));
    }

    [Fact]
    public void ConsumerRidSpecificPublishHoldsItsProcessorsProbeLibraryBesideTheApp()
    {
        AppOutput publish = ConsumerOutput(RidSpecificPublish);

        Assert.Equal(["WovenLibrary.usdt.x64.so"], ProbeLibraries(publish.Directory));
        AssertNotWoven(Path.Combine(publish.Directory, "LibraryConsumer.dll"));
    }

    [SkippableTheory]
    [InlineData(PortableBuild)]
    [InlineData(RidSpecificPublish)]
    public void ConsumerRegistersTheLibrarysBuiltProbesAndBpftraceSeesEveryCall(string output)
    {
        AppOutput app = ConsumerOutput(output);
        // A portable build finds it through the host's NATIVE_DLL_SEARCH_DIRECTORIES; a RID-specific one beside the app.
        string library = Path.Combine(app.Directory, output == PortableBuild ? "runtimes/linux-x64/native" : "", "WovenLibrary.usdt.x64.so");
        Requires.Met(TracerRequirements.Bpftrace());
        string p = Library.Provider;

        const int Calls = 12;
        using BpftraceSession bpftrace = BpftraceSession.Start($$"""
            usdt:{{library}}:{{p}}:Pricing__Quote__entry { printf("entry %d %d %s %d\n", pid, arg0, str(arg1), arg2); }
            usdt:{{library}}:{{p}}:Pricing__Quote__return { printf("return %d %d\n", pid, arg0); }
            """).WaitUntilAttached();
        string[] command = output == PortableBuild
            ? ["dotnet", Path.Combine(app.Directory, "LibraryConsumer.dll")]
            : [Path.Combine(app.Directory, "LibraryConsumer")];
        var environment = new Dictionary<string, string?>(BuildEnvironment.CleanDotnetVariables()) { ["USDT_DIAGNOSTICS"] = "1" };
        CommandResult run = CommandRunner.Run(command[0], [.. command[1..], "--calls", Calls.ToString(CultureInfo.InvariantCulture), "--interval-ms", "0"],
            environment, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, $"{run.Command} exited {run.ExitCode}:\n{run.Stdout}\n{run.Stderr}");
        string pid = run.Stdout.Split('\n')[0]["consumer running as pid ".Length..].Trim();
        bpftrace.WaitForOutput(lines => lines.Count(l => l.StartsWith($"return {pid} ", StringComparison.Ordinal)) >= Calls, "every call's return", TimeSpan.FromSeconds(30));
        string[][] events = bpftrace.Stop().Select(l => l.Split(' ')).Where(f => f.Length > 1 && f[1] == pid).ToArray();

        int probes = ProbeManifestFile.Probes(Path.Combine(Library.LibraryDirectory, "bin", "Release", "net8.0", "WovenLibrary.usdt.txt")).Count;
        Assert.Contains($"usdt: WovenLibrary: {probes} probes in {library}", run.Stderr.Split('\n'));
        string[][] entries = events.Where(f => f[0] == "entry").OrderBy(f => int.Parse(f[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(Enumerable.Range(100, Calls).Select(c => c.ToString(CultureInfo.InvariantCulture)), entries.Select(f => f[2]));
        Assert.All(entries, f =>
        {
            int n = int.Parse(f[2], CultureInfo.InvariantCulture) - 100;
            Assert.Equal(new[] { "tea", "mug", "lamp" }[n % 3], f[3]);
            Assert.Equal((1 + n % 5).ToString(CultureInfo.InvariantCulture), f[4]);
        });
        // Each quote the consumer printed ("quote 100: 315") came back through the return probe.
        string[] printed = run.Stdout.Split('\n').Where(l => l.StartsWith("quote ", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..]).Order().ToArray();
        Assert.Equal(Calls, printed.Length);
        Assert.Equal(printed, events.Where(f => f[0] == "return").Select(f => f[2]).Order());
    }

    private AppOutput ConsumerOutput(string output) => output == PortableBuild
        ? shop.Output(Library.ConsumerDirectory, "build", Library.VersionProperty, "-v", "normal")
        : shop.Output(Library.ConsumerDirectory, "publish", Library.VersionProperty, "-r", "linux-x64", "--self-contained");

    private static string[] ProbeLibraries(string directory) =>
        Directory.GetFiles(directory, "*.so", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p).Contains(".usdt.", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(directory, p)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>MSBuild files the consumer's restore imports from its packages (project.assets.json): none, so no weaver runs.</summary>
    private string[] ImportedBuildFiles()
    {
        using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(Library.ConsumerDirectory, "obj", "project.assets.json")));
        var imported = new List<string>();
        foreach (JsonProperty target in assets.RootElement.GetProperty("targets").EnumerateObject())
        {
            foreach (JsonProperty package in target.Value.EnumerateObject())
            {
                foreach (string kind in new[] { "build", "buildMultiTargeting", "buildTransitive" })
                {
                    if (package.Value.TryGetProperty(kind, out JsonElement files))
                        imported.AddRange(files.EnumerateObject().Select(f => f.Name).Where(f => !f.EndsWith("/_._", StringComparison.Ordinal)).Select(f => $"{package.Name}/{f}"));
                }
            }
        }
        return imported.ToArray();
    }

    /// <summary>The consumer's own assembly was compiled, not woven: no probe table, no reference to the Usdt runtime.</summary>
    private static void AssertNotWoven(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        MetadataReader metadata = pe.GetMetadataReader();
        Assert.DoesNotContain("<UsdtProbes>", metadata.TypeDefinitions.Select(t => metadata.GetString(metadata.GetTypeDefinition(t).Name)));
        Assert.DoesNotContain("Usdt", metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name)));
    }
}
