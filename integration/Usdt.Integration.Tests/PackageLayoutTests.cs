using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>The package follows Fody's add-in convention and carries what a user needs.</summary>
[Collection(SampleShopCollection.Name)]
public sealed class PackageLayoutTests(SampleShopBuild shop)
{
    private static readonly string[] RuntimeFrameworks = ["net10.0", "net8.0"];
    private const ushort LinuxMachineOverride = 0x7B79;

    [Fact]
    public void PackageHoldsWeaverSchemaBuildPropsAndRuntimeWithDocs()
    {
        using ZipArchive package = ZipFile.OpenRead(shop.PackagePath);
        string[] entries = package.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("weaver/Usdt.Fody.dll", entries);
        Assert.Contains("weaver/Usdt.Fody.xcf", entries);
        Assert.Contains("build/Usdt.Fody.props", entries);
        Assert.Contains("build/Usdt.Fody.targets", entries);
        foreach (string framework in RuntimeFrameworks)
        {
            Assert.Contains($"lib/{framework}/Usdt.dll", entries);
            Assert.Contains($"ref/{framework}/Usdt.dll", entries);
            Assert.Contains($"ref/{framework}/Usdt.xml", entries);
        }
        Assert.Contains("README.md", entries);

        using var props = new StreamReader(package.GetEntry("build/Usdt.Fody.props")!.Open());
        Assert.Contains(@"..\weaver\$(MSBuildThisFileName).dll", props.ReadToEnd());
    }

    [Fact]
    public void NuspecDependsOnFodyAndCarriesMetadata()
    {
        using ZipArchive package = ZipFile.OpenRead(shop.PackagePath);
        using Stream stream = package.GetEntry("Usdt.Fody.nuspec")!.Open();
        XElement metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal("Usdt.Fody", Value("id"));
        Assert.Equal(shop.PackageVersion, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains("usdt", Value("tags"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        XElement[] groups = metadata.Elements().Single(e => e.Name.LocalName == "dependencies").Elements().ToArray();
        Assert.Equal(RuntimeFrameworks, groups.Select(g => g.Attribute("targetFramework")!.Value).Order());
        Assert.All(groups, group => Assert.Equal("Fody", group.Elements().Single().Attribute("id")!.Value));
    }

    [Fact]
    public void ShippedRuntimeIsPrecompiledForX64AndKeepsItsIL()
    {
        using ZipArchive package = ZipFile.OpenRead(shop.PackagePath);
        foreach (string framework in RuntimeFrameworks)
        {
            using var pe = new PEReader(new MemoryStream(EntryBytes(package, $"lib/{framework}/Usdt.dll")));
            // A ReadyToRun image is marked by its managed native header (ECMA-335 II.25.3.3).
            Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"lib/{framework}/Usdt.dll is not ReadyToRun");
            // A ReadyToRun image for Linux marks its machine xor 0x7B79 (the runtime's
            // IMAGE_FILE_MACHINE_NATIVE_OS_OVERRIDE for Linux), so Windows loaders refuse it.
            Assert.Equal(Machine.Amd64, (Machine)((ushort)pe.PEHeaders.CoffHeader.Machine ^ LinuxMachineOverride));
            // The IL stays, for every other processor and for runtimes that reject the code.
            MetadataReader metadata = pe.GetMetadataReader();
            MethodDefinition register = metadata.MethodDefinitions.Select(metadata.GetMethodDefinition)
                .Single(m => metadata.GetString(m.Name) == "Register" && metadata.GetString(metadata.GetTypeDefinition(m.GetDeclaringType()).Name) == "WovenProbes");
            Assert.True(pe.GetMethodBody(register.RelativeVirtualAddress).Size > 0);
        }
    }

    [Fact]
    public void BuildFromThePackageWeavesTheShop()
    {
        // Fody's own log line, then ours: the weaver from the package ran on the shop.
        Assert.Contains("Usdt: ", shop.BuildOutput);
        Assert.Matches(@"Usdt: \d+ probes \(\d+ methods with function-boundary probes as provider '" + shop.Provider + "', 2 static probes\\)", shop.BuildOutput);
        // The .NET 10 app gets the runtime precompiled against .NET 10.
        using ZipArchive package = ZipFile.OpenRead(shop.PackagePath);
        Assert.Equal(EntryBytes(package, "lib/net10.0/Usdt.dll"), File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(shop.AppPath)!, "Usdt.dll")));
    }

    [Fact]
    public void ProbeManifestShipsWithTheAppAndNamesEveryArgument()
    {
        string manifest = File.ReadAllText(Path.Combine(Path.GetDirectoryName(shop.AppPath)!, "Shop.Sample.usdt.txt"));
        string p = shop.Provider;
        Assert.Contains($"{p}:OrderService__PlaceOrder__entry   (Shop.Services.OrderService.PlaceOrder(Int32, String, Int32))", manifest);
        Assert.Contains("  arg1  sku         string (UTF-8)", manifest);
        Assert.Contains($"{p}:ShippingService__ShipAsync__return", manifest);
        Assert.Contains("unsupported: PricingService", manifest);   // a slot that always passes 0
        Assert.Contains($"{p}:OrderPlaced   (static probe Shop.Probes.ShopProbes.OrderPlaced)", manifest);
    }

    private static byte[] EntryBytes(ZipArchive package, string name)
    {
        using var bytes = new MemoryStream();
        using (Stream entry = package.GetEntry(name)!.Open())
            entry.CopyTo(bytes);
        return bytes.ToArray();
    }
}
