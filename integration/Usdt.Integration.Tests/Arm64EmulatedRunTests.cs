using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>
/// Woven apps published for linux-arm64 start, register their probes from the arm64
/// library the build put beside them, and do what they do on x64. (The package once
/// shipped only x64 ReadyToRun images in lib/, and every arm64 app crashed at start.)
/// </summary>
[Collection(SampleShopCollection.Name)]
public sealed partial class Arm64EmulatedRunTests(SampleShopBuild shop)
{
    private static readonly string[] Orders = ["--orders", "10", "--interval-ms", "0"];

    [SkippableFact]
    public void ShopPublishedForLinuxArm64RegistersItsBuiltProbesAndPrintsWhatX64Prints()
    {
        Requires.Met(Arm64Emulation.Unmet());
        string arm64 = shop.Published(PublishKind.SelfContainedArm64)[0];
        string[] x64 = shop.Published(PublishKind.SelfContained);

        CommandResult emulated = Arm64Emulation.Run(arm64, Orders);
        CommandResult native = CommandRunner.Run(x64[0], [.. x64[1..], .. Orders], BuildEnvironment.CleanDotnetVariables(), TimeSpan.FromMinutes(2));

        AssertCleanExit(emulated, "arm64 under emulation");
        AssertCleanExit(native, "x64");
        Assert.Equal(Path.Combine(Path.GetDirectoryName(arm64)!, "Shop.Sample.usdt.arm64.so"), ShopLibrary(emulated.Stdout));
        Assert.Equal(Path.Combine(Path.GetDirectoryName(x64[0])!, "Shop.Sample.usdt.x64.so"), ShopLibrary(native.Stdout));
        Assert.Contains("summary: ", emulated.Stdout);
        Assert.Equal(Comparable(native.Stdout), Comparable(emulated.Stdout));
    }

    [SkippableFact]
    public void ProbeCheckPublishedForLinuxArm64RegistersItsBuiltLibraryAndBehavesAsOnX64()
    {
        Requires.Met(Arm64Emulation.Unmet());
        string arm64 = ProbeCheckRuns.Arm64Publish(shop);
        string x64 = ProbeCheckRuns.PortableBuild(shop);

        CommandResult emulated = ProbeCheckRuns.RunEmulated(arm64);
        CommandResult native = ProbeCheckRuns.RunNative(x64);

        AssertCleanExit(emulated, "arm64 under emulation");
        AssertCleanExit(native, "x64");
        ProbeCheckOutput fromArm64 = ProbeCheckOutput.Parse(emulated.Stdout);
        ProbeCheckOutput fromX64 = ProbeCheckOutput.Parse(native.Stdout);
        Assert.Equal("BuiltLibrary", fromArm64.Placement);
        Assert.Equal(Path.Combine(arm64, "ProbeCheck.usdt.arm64.so"), fromArm64.LibraryPath);
        Assert.Equal("none", fromArm64.Reason);
        Assert.Equal(Path.Combine(x64, "ProbeCheck.usdt.x64.so"), fromX64.LibraryPath);
        Assert.Equal(fromX64.RegistrationLine.Replace(fromX64.LibraryPath, "LIBRARY", StringComparison.Ordinal),
            fromArm64.RegistrationLine.Replace(fromArm64.LibraryPath, "LIBRARY", StringComparison.Ordinal));
        Assert.Equal(fromX64.Calls, fromArm64.Calls);
        Assert.All(fromArm64.Calls, line => Assert.EndsWith(" as expected", line));
    }

    private static void AssertCleanExit(CommandResult result, string what) =>
        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0,
            $"{what}: '{result.Command}' exited {result.ExitCode}\nstdout:\n{result.Stdout}\nstderr:\n{result.Stderr}");

    /// <summary>The library of the shop's registration line: a path means the probes are active.</summary>
    private static string ShopLibrary(string stdout) =>
        ShopRegistration().Match(stdout) is { Success: true } match ? match.Groups[1].Value
            : throw new Xunit.Sdk.XunitException($"no active registration of Shop.Sample in:\n{stdout}");

    /// <summary>The output with what differs between any two runs (pid, library path) blanked.</summary>
    private static string[] Comparable(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => ShopRegistration().Replace(line, m => m.Value.Replace(m.Groups[1].Value, "LIBRARY", StringComparison.Ordinal)))
            .Select(line => Pid().Replace(line, "pid N"))
            .ToArray();

    // "probes: Shop.Sample: 24 probes in /path/Shop.Sample.usdt.arm64.so"
    [GeneratedRegex(@"^probes: Shop\.Sample: \d+ probes in (\S+)$", RegexOptions.Multiline)]
    private static partial Regex ShopRegistration();

    [GeneratedRegex(@"pid \d+")]
    private static partial Regex Pid();
}
