using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests.Tool;

/// <summary>Without root, or without bpftrace, trace and stat say what to do instead of failing obscurely.</summary>
[Collection(SampleShopCollection.Name)]
public sealed class ToolRequirementsTests(SampleShopBuild build)
{
    [SkippableTheory]
    [InlineData("trace")]
    [InlineData("stat")]
    public void WithoutRootItSaysToRunAsRoot(string command)
    {
        Requires.Met(TracerRequirements.Root(), ToolListTests.Setpriv());
        using ShopProcess shop = ShopProcess.Start(["dotnet", build.AppPath]);

        CommandResult result = ToolListTests.AsNobody(InstalledTool.For(build), command, "-p", shop.ProcessId.ToString(CultureInfo.InvariantCulture), "*");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains($"{command} attaches uprobes, which needs root", result.Stderr);
        Assert.Contains("sudo", result.Stderr);
    }

    [SkippableFact]
    public void WithoutBpftraceItSaysWhatToInstall()
    {
        Requires.Met(TracerRequirements.Root());
        using ShopProcess shop = ShopProcess.Start(["dotnet", build.AppPath]);
        // No bpftrace on PATH; the dotnet host is found through DOTNET_ROOT.
        string emptyPath = Directory.CreateTempSubdirectory("no-bpftrace-").FullName;
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = emptyPath,
            ["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")),
            ["BPFTRACE"] = null,
        };

        CommandResult result = InstalledTool.For(build).Run(["trace", "-p", shop.ProcessId.ToString(CultureInfo.InvariantCulture), "PlaceOrder"], environment);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("bpftrace is not installed", result.Stderr);
        Assert.Contains("apt-get install bpftrace", result.Stderr);
        Assert.Contains("--tracer tracefs", result.Stderr);
        Directory.Delete(emptyPath);
    }
}
