using System;
using System.IO;
using System.Linq;
using System.Reflection.PortableExecutable;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>
/// Each output holds the Usdt.dll and probe libraries its processor needs, and a running
/// x64 process loads the x64 precompiled image: a RID-specific publish has its
/// processor's ReadyToRun image at the root and its library only; a portable build keeps
/// the IL at the root and lets the host pick from runtimes/.
/// </summary>
[Collection(SampleShopCollection.Name)]
public sealed class RuntimeImageSelectionTests(SampleShopBuild shop)
{
    private const string X64Image = "runtimes/linux-x64/lib/net10.0/Usdt.dll";
    private const string Arm64Image = "runtimes/linux-arm64/lib/net10.0/Usdt.dll";

    [Theory]
    [InlineData(PublishKind.SelfContained, "x64")]
    [InlineData(PublishKind.ReadyToRun, "x64")]
    [InlineData(PublishKind.SelfContainedArm64, "arm64")]
    public void RidSpecificPublishHoldsItsProcessorsReadyToRunImageAndOnlyItsProbeLibrary(PublishKind kind, string architecture)
    {
        string directory = Path.GetDirectoryName(shop.Published(kind)[^1])!;

        string[] runtimes = Directory.GetFiles(directory, "Usdt.dll", SearchOption.AllDirectories);
        Assert.Equal([Path.Combine(directory, "Usdt.dll")], runtimes);
        AssertReadyToRun(runtimes[0], architecture == "x64" ? Machine.Amd64 : Machine.Arm64);
        Assert.Equal([$"Shop.Sample.usdt.{architecture}.so"], ProbeLibraries(directory));
    }

    [Theory]
    [InlineData("build")]
    [InlineData("publish")]
    public void PortableOutputHoldsTheIlAtTheRootBothImagesUnderRuntimesAndBothProbeLibraries(string verb)
    {
        string directory = Path.GetDirectoryName(verb == "build" ? shop.AppPath : shop.Published(PublishKind.FrameworkDependent)[^1])!;

        PeImage il = PeImage.Of(Path.Combine(directory, "Usdt.dll"));
        Assert.True(il.IsIlOnlyAnyCpu && !il.IsReadyToRun, $"Usdt.dll: {il}");
        AssertReadyToRun(Path.Combine(directory, X64Image), Machine.Amd64);
        AssertReadyToRun(Path.Combine(directory, Arm64Image), Machine.Arm64);
        Assert.Equal(3, OutputFiles(directory, "Usdt.dll").Length);
        Assert.Equal(["Shop.Sample.usdt.arm64.so", "Shop.Sample.usdt.x64.so"], ProbeLibraries(directory));
    }

    [SkippableTheory]
    [InlineData("portable build")]
    [InlineData(nameof(PublishKind.FrameworkDependent))]
    [InlineData(nameof(PublishKind.SelfContained))]
    [InlineData(nameof(PublishKind.ReadyToRun))]
    public void RunningX64ProcessMapsTheX64ReadyToRunImageAndProbeLibrary(string output)
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        string[] command = output == "portable build" ? ["dotnet", shop.AppPath] : shop.Published(Enum.Parse<PublishKind>(output));
        string directory = Path.GetDirectoryName(command[^1])!;
        bool portable = output is "portable build" or nameof(PublishKind.FrameworkDependent);
        string expected = Path.Combine(directory, portable ? X64Image : "Usdt.dll");

        string[] maps;
        using (ShopProcess app = ShopProcess.Start(command))
        {
            maps = File.ReadAllLines($"/proc/{app.ProcessId}/maps");
            app.Stop();
        }

        // Every mapping of a Usdt.dll is of the expected file, and one is executable: the
        // loader laid the image out to run its precompiled code.
        string[] images = maps.Where(m => m.EndsWith("/Usdt.dll", StringComparison.Ordinal)).ToArray();
        Assert.Equal([expected], images.Select(PathOf).Distinct());
        Assert.Contains(images, m => m.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1].Contains('x'));
        AssertReadyToRun(expected, Machine.Amd64);
        Assert.Contains(Path.Combine(directory, "Shop.Sample.usdt.x64.so"), maps.Select(PathOf));
    }

    private static void AssertReadyToRun(string path, Machine machine)
    {
        PeImage image = PeImage.Of(path);
        Assert.True(image.IsReadyToRun, $"{path} is not ReadyToRun: {image}");
        Assert.Equal(machine, image.LinuxMachine);
    }

    private static string[] ProbeLibraries(string directory) =>
        OutputFiles(directory, "*.usdt.*.so").Select(p => Path.GetRelativePath(directory, p)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The output's files; not those of the RID-specific builds that <c>dotnet publish -r RID</c>
    /// puts in <c>bin/Release/net10.0/RID/</c>, inside the portable build's directory.
    /// </summary>
    private static string[] OutputFiles(string directory, string pattern) =>
        Directory.GetFiles(directory, pattern, SearchOption.AllDirectories).Where(path =>
        {
            string top = Path.GetRelativePath(directory, path).Split(Path.DirectorySeparatorChar)[0];
            return !File.Exists(Path.Combine(directory, top, "Shop.Sample.dll"));
        }).ToArray();

    // "7f39982ab000-7f39982da000 r--s 00000000 fe:00 11666244   /path/to/Usdt.dll"
    private static string PathOf(string mapsLine)
    {
        int slash = mapsLine.IndexOf('/');
        return slash < 0 ? "" : mapsLine[slash..];
    }
}
