using System;
using System.IO;
using System.Linq;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>
/// A woven class library referenced by project (integration/FlowApp): its probe libraries
/// and manifest reach the application's build and publish output beside its assembly, and
/// the application, which weaves generic probes too, ships one method-pair library.
/// </summary>
[Collection(SampleShopCollection.Name)]
public sealed class ReferencedWovenProjectTests(SampleShopBuild shop)
{
    private static readonly string[] BuiltFiles =
    [
        "Flow.App.usdt.json", "Flow.App.usdt.txt", "Flow.App.usdt.x64.so", "Flow.App.usdt.arm64.so",
        "Flow.Library.usdt.json", "Flow.Library.usdt.txt", "Flow.Library.usdt.x64.so", "Flow.Library.usdt.arm64.so",
        "dotnet-methods.usdt.x64.so", "dotnet-methods.usdt.arm64.so",
    ];

    [Fact]
    public void BuildOutputHoldsTheReferencedLibrarysProbeFiles()
    {
        string[] files = ProbeFiles(shop.FlowApp.Directory);

        Assert.Equal(BuiltFiles.Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public void SingleFilePublishKeepsOneCopyOfEachProbeLibraryOfItsProcessorOutsideTheBundle()
    {
        AppOutput published = shop.Output(shop.FlowAppProject, "publish", "-r", "linux-x64", "--self-contained", "-p:PublishSingleFile=true");

        Assert.Equal(BuiltFiles.Where(f => !f.Contains("arm64", StringComparison.Ordinal)).Order(StringComparer.Ordinal), ProbeFiles(published.Directory));
    }

    [SkippableFact]
    public void TheAppLoadsEveryLibraryFromBesideItsAssemblies()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        using FlowProcess flow = FlowProcess.Start(shop.FlowApp.Directory);

        var mapped = ProcessMaps.Files(flow.ProcessId).Where(path => path.EndsWith(".so", StringComparison.Ordinal) && path.Contains(".usdt.", StringComparison.Ordinal));

        Assert.Equal(
            new[] { "Flow.App.usdt.x64.so", "Flow.Library.usdt.x64.so", "dotnet-methods.usdt.x64.so" }.Select(f => Path.Combine(shop.FlowApp.Directory, f)).Order(StringComparer.Ordinal),
            mapped.Order(StringComparer.Ordinal));
        Assert.Empty(ProcessMaps.GeneratedLibraries(flow.ProcessId));
    }

    private static string[] ProbeFiles(string directory) =>
        Directory.GetFiles(directory).Select(Path.GetFileName).OfType<string>()
            .Where(name => name.Contains(".usdt.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();
}
