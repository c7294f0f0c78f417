using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>The package follows Fody's add-in convention and carries what a user needs.</summary>
[Collection(SampleShopCollection.Name)]
public sealed class PackageLayoutTests(SampleShopBuild shop)
{
    [Fact]
    public void PackageHoldsWeaverSchemaBuildPropsAndRuntimeWithDocs()
    {
        using ZipArchive package = ZipFile.OpenRead(shop.PackagePath);
        string[] entries = package.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("weaver/Usdt.Fody.dll", entries);
        Assert.Contains("weaver/Usdt.Fody.xcf", entries);
        Assert.Contains("build/Usdt.Fody.props", entries);
        Assert.Contains("build/Usdt.Fody.targets", entries);
        Assert.Contains("lib/net8.0/Usdt.dll", entries);
        Assert.Contains("lib/net8.0/Usdt.xml", entries);
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
        XElement fody = metadata.Descendants().Single(e => e.Name.LocalName == "dependency");
        Assert.Equal("Fody", fody.Attribute("id")!.Value);
    }

    [Fact]
    public void BuildFromThePackageWeavesTheShop()
    {
        // Fody's own log line, then ours: the weaver from the package ran on the shop.
        Assert.Contains("Usdt: ", shop.BuildOutput);
        Assert.Matches(@"Usdt: \d+ probes \(\d+ methods with function-boundary probes as provider '" + shop.Provider + "', 2 static probes\\)", shop.BuildOutput);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(shop.AppPath)!, "Usdt.dll")), "Usdt.dll is copied next to the app");
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
}
