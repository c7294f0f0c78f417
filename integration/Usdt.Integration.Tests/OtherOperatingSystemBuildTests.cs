using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>
/// A woven app builds for macOS and Windows as it does for Linux: no warning, the
/// IL-only runtime (the precompiled images are Linux-only) and no probe library, since
/// probes never exist there (the runtime registers nothing and the app runs as unwoven).
/// </summary>
[Collection(SampleShopCollection.Name)]
public sealed class OtherOperatingSystemBuildTests(SampleShopBuild shop)
{
    [Theory]
    [InlineData("osx-arm64")]
    [InlineData("win-x64")]
    public void BuildForAnotherOperatingSystemIsWarningFreeWithTheIlOnlyRuntimeAndNoProbeLibrary(string runtimeIdentifier)
    {
        // The shop treats warnings as errors; the summary also counts MSBuild's and NuGet's.
        AppOutput build = shop.Output(shop.ProjectDirectory, "build", "-r", runtimeIdentifier, "-v", "normal");
        Assert.Matches(@"\b0 Warning\(s\)", build.Log);
        Assert.DoesNotMatch(@"\bwarning [A-Z]+\d+", build.Log);
        Assert.Contains("Usdt: ", build.Log); // the weaver ran for this target as for any other

        string[] runtimes = Directory.GetFiles(build.Directory, "Usdt.dll", SearchOption.AllDirectories);
        Assert.Equal([Path.Combine(build.Directory, "Usdt.dll")], runtimes);
        PeImage image = PeImage.Of(runtimes[0]);
        Assert.True(image.IsIlOnlyAnyCpu && !image.IsReadyToRun, $"Usdt.dll for {runtimeIdentifier}: {image}");
        using ZipArchive package = ZipFile.OpenRead(shop.PackagePath);
        Assert.Equal(PackageLayoutTests.EntryBytes(package, "lib/net10.0/Usdt.dll"), File.ReadAllBytes(runtimes[0]));

        Assert.Empty(Directory.GetFiles(build.Directory, "*.usdt.*.so", SearchOption.AllDirectories));
    }
}
