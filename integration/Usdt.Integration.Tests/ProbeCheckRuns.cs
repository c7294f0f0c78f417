using System;
using System.IO;
using Usdt.Tests.Tracers;

namespace Usdt.Integration.Tests;

/// <summary>
/// integration/ProbeCheckApp built from the package as a user builds it: portable (run on
/// this x64 host by <c>dotnet</c>) and published self-contained for linux-arm64 (run under
/// emulation).
/// </summary>
internal static class ProbeCheckRuns
{
    public const string CheckRegisters = "--check-registers";

    /// <summary>The portable build's output directory.</summary>
    public static string PortableBuild(SampleShopBuild shop) => shop.Output(shop.ProbeCheckDirectory, "build").Directory;

    /// <summary>The <c>dotnet publish -r linux-arm64 --self-contained</c> output directory.</summary>
    public static string Arm64Publish(SampleShopBuild shop) =>
        shop.Output(shop.ProbeCheckDirectory, "publish", "-r", "linux-arm64", "--self-contained").Directory;

    public static CommandResult RunNative(string directory, params string[] arguments) =>
        CommandRunner.Run("dotnet", [Path.Combine(directory, "ProbeCheck.dll"), .. arguments],
            BuildEnvironment.CleanDotnetVariables(), TimeSpan.FromMinutes(2), directory);

    public static CommandResult RunEmulated(string directory, params string[] arguments) =>
        Arm64Emulation.Run(Path.Combine(directory, "ProbeCheck"), arguments);
}
