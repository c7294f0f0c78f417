using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>The package follows Fody's add-in convention and carries what a user needs.</summary>
[Collection(SampleShopCollection.Name)]
public sealed class PackageLayoutTests(SampleShopBuild shop)
{
    private static readonly string[] RuntimeFrameworks = ["net10.0", "net8.0"];

    /// <summary>The precompiled images, by package path, and the processor each is for.</summary>
    private static readonly (string Path, Machine Machine)[] PrecompiledImages =
    [
        ("runtimes/linux-x64/lib/net8.0/Usdt.dll", Machine.Amd64),
        ("runtimes/linux-x64/lib/net10.0/Usdt.dll", Machine.Amd64),
        ("runtimes/linux-arm64/lib/net10.0/Usdt.dll", Machine.Arm64),
    ];

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
        Assert.All(PrecompiledImages, image => Assert.Contains(image.Path, entries));
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
    public void LibAndRefAreIlOnlyForEveryProcessor()
    {
        // What an arm64, macOS or Windows application loads or compiles against when no
        // precompiled image is for it: IL only, AnyCPU (ECMA-335 II.25.3.3: COMIMAGE_FLAGS_ILONLY, no 32BITREQUIRED).
        using ZipArchive package = ZipFile.OpenRead(shop.PackagePath);
        foreach (string framework in RuntimeFrameworks)
        {
            foreach (string path in new[] { $"lib/{framework}/Usdt.dll", $"ref/{framework}/Usdt.dll" })
            {
                PeImage image = PeImage.Of(EntryBytes(package, path));
                Assert.True(image.IsIlOnlyAnyCpu, $"{path}: {image}");
                Assert.False(image.IsReadyToRun, $"{path} is precompiled");
            }
        }
    }

    [Fact]
    public void RuntimesHoldPrecompiledImagesForTheirProcessorAndKeepTheIL()
    {
        using ZipArchive package = ZipFile.OpenRead(shop.PackagePath);
        foreach ((string path, Machine machine) in PrecompiledImages)
        {
            PeImage image = PeImage.Of(EntryBytes(package, path));
            Assert.True(image.IsReadyToRun, $"{path} is not ReadyToRun");
            Assert.Equal(machine, image.LinuxMachine);
            // The IL stays, for runtimes that reject the precompiled code.
            Assert.True(image.HasMethodBody("WovenProbes", "Register"), $"{path} lost its IL");
        }
    }

    [Fact]
    public void BuildFromThePackageWeavesTheShop()
    {
        // Fody's own log line, then ours: the weaver from the package ran on the shop.
        Assert.Contains("Usdt: ", shop.BuildOutput);
        Assert.Matches(@"Usdt: \d+ probes \(\d+ methods with function-boundary probes as provider '" + shop.Provider + "', 2 static probes\\)", shop.BuildOutput);
        // A portable build holds the IL beside the app and every precompiled image under
        // runtimes/; the host picks the one for the processor it runs on.
        using ZipArchive package = ZipFile.OpenRead(shop.PackagePath);
        string output = Path.GetDirectoryName(shop.AppPath)!;
        Assert.Equal(EntryBytes(package, "lib/net10.0/Usdt.dll"), File.ReadAllBytes(Path.Combine(output, "Usdt.dll")));
        Assert.Equal(EntryBytes(package, "runtimes/linux-x64/lib/net10.0/Usdt.dll"), File.ReadAllBytes(Path.Combine(output, "runtimes/linux-x64/lib/net10.0/Usdt.dll")));
        Assert.Equal(EntryBytes(package, "runtimes/linux-arm64/lib/net10.0/Usdt.dll"), File.ReadAllBytes(Path.Combine(output, "runtimes/linux-arm64/lib/net10.0/Usdt.dll")));
    }

    [Fact]
    public void ProbeManifestShipsWithTheAppAndNamesEveryArgument()
    {
        string manifest = File.ReadAllText(Path.Combine(Path.GetDirectoryName(shop.AppPath)!, "Shop.Sample.usdt.txt"));
        string p = shop.Provider;
        Assert.Contains($"{p}:OrderService__PlaceOrder__entry   (Shop.Services.OrderService.PlaceOrder(Int32, String, Int32))", manifest);
        Assert.Contains("  arg1  sku         string (UTF-8)", manifest);
        Assert.Contains($"{p}:ShippingService__ShipAsync__return", manifest);
        // Small methods the namespace rule selected are left to the JIT, and listed as such.
        Assert.Matches(@"# Shop\.Services\.OrderService\.\.ctor   \d+ IL bytes \(MinMethodBytes 64\)", manifest);
        Assert.Contains($"{p}:OrderPlaced   (static probe Shop.Probes.ShopProbes.OrderPlaced)", manifest);
    }

    internal static byte[] EntryBytes(ZipArchive package, string name)
    {
        using var bytes = new MemoryStream();
        using (Stream entry = package.GetEntry(name)!.Open())
            entry.CopyTo(bytes);
        return bytes.ToArray();
    }
}
