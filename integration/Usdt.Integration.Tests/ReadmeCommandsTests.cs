using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>
/// The README's tracing commands, read from README.md and run as written against the
/// running shop, so the documentation cannot drift from what works.
/// </summary>
[Collection(SampleShopCollection.Name)]
public sealed partial class ReadmeCommandsTests(SampleShopBuild shop)
{
    [SkippableFact]
    public void ReadmeBpftraceOneLinersPrintTheShopsEvents()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        string[] lines = TracingSection().Split('\n')
            .Where(line => line.StartsWith("bpftrace ", StringComparison.Ordinal) && line.Contains(" -e '", StringComparison.Ordinal))
            .Select(Localized)
            .ToArray();
        Assert.Equal(4, lines.Length);
        Assert.Equal(3, lines.Count(line => line.Contains($"usdt:{AppDirectory}/Shop.Sample.usdt.x64.so:", StringComparison.Ordinal)));

        using ShopProcess app = ShopProcess.Start(["dotnet", shop.AppPath]);
        foreach (string line in lines)
        {
            int start = line.IndexOf(" -e '", StringComparison.Ordinal) + " -e '".Length;
            string script = line[start..^1];
            int? processId = line.StartsWith("bpftrace -p $PID ", StringComparison.Ordinal) ? app.ProcessId : null;
            using BpftraceSession bpftrace = BpftraceSession.Start(script, processId).WaitUntilAttached();
            bool printsAtExit = script.Contains("hist(", StringComparison.Ordinal);
            if (!printsAtExit)
                bpftrace.WaitForOutput(output => output.Count(l => l.Length > 0 && !l.StartsWith("Attaching", StringComparison.Ordinal) && l != BpftraceSession.ReadyLine) >= 2, script, TimeSpan.FromSeconds(20));
            else
                app.WaitForMoreOrders(5); // enough calls for a histogram
            IReadOnlyList<string> output = bpftrace.Stop();
            Assert.True(bpftrace.Errors.Count == 0, string.Join('\n', bpftrace.Errors));
            if (printsAtExit)
                Assert.Contains(output, l => l.StartsWith("@ms:", StringComparison.Ordinal));
            else if (script.Contains("threw", StringComparison.Ordinal))
                Assert.Contains("threw Shop.Services.OutOfStockException", output);
            else
                Assert.Contains(output, l => Regex.IsMatch(l, @"^\d+ SKU-[A-Z-]+ \d+$"));
        }
        app.Stop();
    }

    [SkippableFact]
    public void ReadmeListingCommandsShowTheProbes()
    {
        Requires.Met(TracerRequirements.Bpftrace());
        CommandResult result = RunBlockAgainstTheShop("bpftrace -l");

        Assert.Contains($":{shop.Provider}:OrderService__PlaceOrder__entry", result.Stdout);
        Assert.Contains($":{shop.Provider}:ShippingService__ShipAsync__return", result.Stdout);
        Assert.Contains("NT_STAPSDT", result.Stdout);
    }

    [SkippableFact]
    public void ReadmePerfCommandsRecordThePlaceOrderEntries()
    {
        Requires.Met(TracerRequirements.Perf());
        // Whatever happens, leave no perf event behind on this shared machine.
        CommandResult result = RunBlockAgainstTheShop("perf buildid-cache",
            work => CommandRunner.Run("perf", ["probe", "-d", $"sdt_{shop.Provider}:*"], PerfEnvironment(work)));

        string[] samples = result.Stdout.Split('\n').Where(l => l.Contains($"sdt_{shop.Provider}:OrderService__PlaceOrder__entry:", StringComparison.Ordinal)).ToArray();
        Assert.True(samples.Length >= 10, $"perf script printed {samples.Length} PlaceOrder entries:\n{result.Stdout}\n{result.Stderr}");
        // perf -a records every process of this build (only the shop runs it); check each call's arguments.
        Assert.All(samples, line =>
        {
            Match arguments = Regex.Match(line, @"arg1=(\d+) arg2=\d+ arg3=(\d+)");
            Assert.True(arguments.Success, line);
            Assert.Equal(ShopOrders.QuantityOf(long.Parse(arguments.Groups[1].Value)), int.Parse(arguments.Groups[2].Value));
        });
    }

    /// <summary>
    /// Starts the shop, runs the README block containing <paramref name="marker"/> against it
    /// in a scratch directory, then, whatever happened, runs <paramref name="cleanUp"/>, stops
    /// the shop and removes the directory.
    /// </summary>
    private CommandResult RunBlockAgainstTheShop(string marker, Action<string>? cleanUp = null)
    {
        string work = Directory.CreateTempSubdirectory("usdt-readme-").FullName;
        using ShopProcess app = ShopProcess.Start(["dotnet", shop.AppPath]);
        try
        {
            return RunBlock(marker, app.ProcessId, work);
        }
        finally
        {
            cleanUp?.Invoke(work);
            app.Stop();
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Runs the README code block that contains <paramref name="marker"/> with bash, PID set.</summary>
    private CommandResult RunBlock(string marker, int processId, string workingDirectory)
    {
        string block = CodeBlocks(TracingSection()).Single(b => b.Contains(marker, StringComparison.Ordinal));
        string script = $"set -e\ncd '{workingDirectory}'\nPID={processId}\n{Localized(block)}";
        CommandResult result = CommandRunner.Run("bash", ["-c", script], PerfEnvironment(workingDirectory), TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"README block failed ({result.ExitCode}):\n{script}\n{result.Stdout}\n{result.Stderr}");
        return result;
    }

    // perf keeps its build-id cache in $HOME/.debug (perf 6.1 ignores PERF_BUILDID_DIR):
    // HOME points into the test's directory so the user's cache is left alone.
    private static Dictionary<string, string?> PerfEnvironment(string directory) => new() { ["HOME"] = directory };

    private string AppDirectory => Path.GetDirectoryName(shop.AppPath)!;

    /// <summary>The README's text for this run: its app directory and provider instead of /srv/shop and shop.</summary>
    private string Localized(string text) =>
        text.Replace("/srv/shop/", AppDirectory + "/", StringComparison.Ordinal)
            .Replace(":shop:", $":{shop.Provider}:", StringComparison.Ordinal)
            .Replace("sdt_shop:", $"sdt_{shop.Provider}:", StringComparison.Ordinal);

    private static string TracingSection()
    {
        string readme = File.ReadAllText(Path.Combine(BuildEnvironment.RepositoryRoot, "README.md"));
        int start = readme.IndexOf("\n## Tracing", StringComparison.Ordinal);
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has a Tracing section");
        return readme[start..end];
    }

    private static IEnumerable<string> CodeBlocks(string markdown) =>
        FencePattern().Matches(markdown).Select(m => m.Groups[1].Value);

    [GeneratedRegex("```\\w*\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencePattern();
}
