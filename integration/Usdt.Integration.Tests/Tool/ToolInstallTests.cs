using System.IO;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests.Tool;

/// <summary>The packed tool installs with <c>dotnet tool install</c> into a scratch tool path and runs from there.</summary>
[Collection(SampleShopCollection.Name)]
public sealed class ToolInstallTests(SampleShopBuild build)
{
    [Fact]
    public void InstallsFromTheFeedAndRuns()
    {
        InstalledTool tool = InstalledTool.For(build);

        Assert.True(File.Exists(Path.Combine(build.Feed, $"dotnet-usdt.{build.PackageVersion}.nupkg")));
        Assert.Contains($"'dotnet-usdt' (version '{build.PackageVersion}') was successfully installed", tool.InstallLog);
        CommandResult help = tool.Run("--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("dotnet-usdt list <pid | assembly.dll | library.so> [--json]", help.Stdout);

        CommandResult list = tool.Run("list", build.AppPath);
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains($"{build.Provider}:OrderService__PlaceOrder__entry", list.Stdout);
    }

    [Fact]
    public void AMistakeExitsWithTheUsage()
    {
        CommandResult result = InstalledTool.For(build).Run("trace", "OrderService.*");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("give either -p PID or --path LIBRARY", result.Stderr);
        Assert.Contains("Usage:", result.Stderr);
    }
}
