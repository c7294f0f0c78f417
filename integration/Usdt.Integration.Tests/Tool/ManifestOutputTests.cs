using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace Usdt.Integration.Tests.Tool;

/// <summary>The package's targets ship <c>NAME.usdt.json</c> beside the text manifest, in build and publish output.</summary>
[Collection(SampleShopCollection.Name)]
public sealed class ManifestOutputTests(SampleShopBuild build)
{
    [Fact]
    public void BuildAndPublishOutputHoldTheJsonManifestOfTheSameProbes()
    {
        string publish = Path.GetDirectoryName(build.Published(PublishKind.FrameworkDependent)[1])!;
        foreach (string directory in new[] { Path.GetDirectoryName(build.AppPath)!, publish })
        {
            string json = Path.Combine(directory, "Shop.Sample.usdt.json");
            Assert.True(File.Exists(json), $"{json} is missing");
            using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(json));
            Assert.Equal("Shop.Sample", manifest.RootElement.GetProperty("assembly").GetString());
            Assert.Equal(ProbeManifestFile.Probes(Path.Combine(directory, "Shop.Sample.usdt.txt")),
                manifest.RootElement.GetProperty("probes").EnumerateArray().Select(p => $"{p.GetProperty("provider").GetString()}:{p.GetProperty("name").GetString()}"));
        }
    }
}
