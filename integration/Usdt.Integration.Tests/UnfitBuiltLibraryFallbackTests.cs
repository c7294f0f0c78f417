using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>
/// A probe library beside the app that does not fit it (left from an earlier build,
/// truncated, or for another processor) is never loaded: the runtime generates one, says
/// why with USDT_DIAGNOSTICS=1, and the app does exactly what it does with its own library.
/// </summary>
[Collection(SampleShopCollection.Name)]
public sealed partial class UnfitBuiltLibraryFallbackTests(SampleShopBuild shop)
{
    private static readonly string[] DeterministicRun = ["--orders", "20", "--interval-ms", "0", "--log-orders"];

    [SkippableFact]
    public void LibraryOfAnEarlierBuildIsStaleAfterAProbeWasAdded()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        // Build, keep the library, add a probed method and build again, as a user would;
        // then the old library comes back, as from a stale deployment or a careless copy.
        string project = shop.SampleCopy("shop-stale");
        string output = Path.Combine(project, "bin", "Release", "net10.0");
        Build(project);
        byte[] earlier = File.ReadAllBytes(Path.Combine(output, "Shop.Sample.usdt.x64.so"));
        File.WriteAllText(Path.Combine(project, "Services", "AuditService.cs"), """
            using Usdt;

            namespace Shop.Services;

            // Added after the first build: two more probes, so that build's library no longer fits.
            public static class AuditService
            {
                [Probe] // small enough to be inlined, which the weaver leaves unprobed unless marked
                public static int Audit(int orderId) => orderId;
            }
            """);
        Build(project);
        Assert.NotEqual(earlier, File.ReadAllBytes(Path.Combine(output, "Shop.Sample.usdt.x64.so")));

        AssertFallbackBehavesAsTheBuiltLibrary(output, () => File.WriteAllBytes(Path.Combine(output, "Shop.Sample.usdt.x64.so"), earlier),
            "stale: written for another probe table");
    }

    [SkippableFact]
    public void TruncatedLibraryIsDamaged()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        string output = CopyOfTheBuild("shop-truncated");
        string library = Path.Combine(output, "Shop.Sample.usdt.x64.so");

        AssertFallbackBehavesAsTheBuiltLibrary(output, () =>
        {
            using var file = new FileStream(library, FileMode.Open, FileAccess.Write);
            file.SetLength(file.Length / 2);
        }, "damaged: ");
    }

    [SkippableFact]
    public void Arm64LibraryUnderTheX64NameIsForAnotherProcessor()
    {
        Requires.Met(TracerRequirements.ProbePlatform());
        string output = CopyOfTheBuild("shop-wrong-processor");

        AssertFallbackBehavesAsTheBuiltLibrary(output,
            () => File.Copy(Path.Combine(output, "Shop.Sample.usdt.arm64.so"), Path.Combine(output, "Shop.Sample.usdt.x64.so"), overwrite: true),
            "written for another processor (ELF machine 183, this process needs 62");
    }

    /// <summary>
    /// Runs the app in <paramref name="output"/> with its library, spoils the library, runs it
    /// again: the second run registers from a generated library for the reason expected,
    /// leaves no file behind, and prints the same orders and summary.
    /// </summary>
    private static void AssertFallbackBehavesAsTheBuiltLibrary(string output, Action spoil, string reason)
    {
        string library = Path.Combine(output, "Shop.Sample.usdt.x64.so");
        CommandResult normal = Run(output);
        Match built = Registration(normal);
        Assert.Equal(library, built.Groups["path"].Value);
        Assert.Equal("", built.Groups["reason"].Value);

        spoil();
        CommandResult fallback = Run(output);
        Match generated = Registration(fallback);

        string path = generated.Groups["path"].Value;
        Assert.NotEqual(library, path);
        Assert.StartsWith("usdt-", Path.GetFileName(path));
        Assert.StartsWith($"the built library {library} does not fit: {reason}", generated.Groups["reason"].Value);
        Assert.Equal(built.Groups["probes"].Value, generated.Groups["probes"].Value);
        Assert.False(File.Exists(path), $"the generated library {path} outlived its process");
        Assert.Equal(21, Behaviour(normal).Length); // 20 orders and the summary
        Assert.Equal(Behaviour(normal), Behaviour(fallback));
    }

    private string CopyOfTheBuild(string name) => DirectoryCopy.Tree(Path.GetDirectoryName(shop.AppPath)!, Path.Combine(shop.Root, name));

    private void Build(string project) =>
        Dotnet.Run(project, "build", "-c", "Release", $"-p:UsdtFodyVersion={shop.PackageVersion}");

    private static CommandResult Run(string output)
    {
        var environment = new Dictionary<string, string?>(BuildEnvironment.CleanDotnetVariables()) { ["USDT_DIAGNOSTICS"] = "1" };
        CommandResult result = CommandRunner.Run("dotnet", [Path.Combine(output, "Shop.Sample.dll"), .. DeterministicRun], environment, TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"'{result.Command}' exited {result.ExitCode}:\n{result.Stdout}\n{result.Stderr}");
        return result;
    }

    /// <summary>The shop's registration as USDT_DIAGNOSTICS=1 printed it (to stderr).</summary>
    private static Match Registration(CommandResult run)
    {
        Match match = DiagnosticLine().Match(run.Stderr);
        Assert.True(match.Success, $"no registration of Shop.Sample in:\n{run.Stderr}");
        return match;
    }

    /// <summary>What the shop did: its orders and summary, in order.</summary>
    private static string[] Behaviour(CommandResult run) =>
        run.Stdout.Split('\n').Where(line => line.StartsWith("order ", StringComparison.Ordinal) || line.StartsWith("summary: ", StringComparison.Ordinal)).ToArray();

    // "usdt: Shop.Sample: 24 probes in /tmp/usdt-0/usdt-123-0a1b2c3d.Shop.Sample.so (the built library … does not fit: …)"
    [GeneratedRegex(@"^usdt: Shop\.Sample: (?<probes>\d+) probes in (?<path>\S+)(?: \((?<reason>.*)\))?$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();
}
