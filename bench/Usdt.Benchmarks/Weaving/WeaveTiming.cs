using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Usdt.Benchmarks.Weaving;

/// <summary>
/// Weaving cost: a generated library of 10,000 methods built plain and woven (the fastest
/// of three quiet builds each, alternating, after a warm-up round, with MSBuild's and the
/// compiler's servers warm), Fody's own timings from detailed logs (fastest of three), and
/// the IL each method gains;
/// plus the IL growth of the benchmark subject <c>OrderService.PlaceOrder</c>.
/// Writes key/value lines.
/// </summary>
internal static partial class WeaveTiming
{
    private const int Builds = 3;

    public static int Run(CommandOptions options)
    {
        string output = options.Required("out");
        string work = Path.GetFullPath(options.Required("work"));
        string repoRoot = Path.GetFullPath(options.Required("repo"));
        int methods = (int)options.Number("methods", 10_000);

        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        (string plain, string woven) = GeneratedProjects.Write(work, methods, repoRoot);

        var results = new List<(string Key, string Value)> { ("methods", methods.ToString(CultureInfo.InvariantCulture)) };
        var projects = new[] { ("plain", plain), ("woven", woven) };
        foreach ((string name, string project) in projects)
        {
            if (Dotnet($"restore \"{project}\"", out string restoreLog) != 0)
                return Fail($"restore of the {name} project failed:\n{restoreLog}");
        }

        // Plain and woven builds alternate, so a spell of load from other processes hits
        // both alike; round 0 warms the build servers and is not counted.
        var times = new Dictionary<string, List<double>> { ["plain"] = [], ["woven"] = [] };
        var fody = new Dictionary<string, List<double>> { ["fody_weaver_ms"] = [], ["fody_write_ms"] = [], ["fody_total_ms"] = [] };
        string summary = "?";
        for (int round = 0; round <= Builds; round++)
        {
            foreach ((string name, string project) in projects)
            {
                var clock = Stopwatch.StartNew();
                if (Build(project, "quiet", out string log) != 0)
                    return Fail($"build of the {name} project failed:\n{Tail(log)}");
                if (round > 0)
                    times[name].Add(clock.Elapsed.TotalMilliseconds);
            }
            // Fody reports its own timings at detailed verbosity only, which slows MSBuild's
            // logging: one more woven build for them, not timed.
            if (Build(woven, "detailed", out string detailed) != 0)
                return Fail($"build of the woven project failed:\n{Tail(detailed)}");
            if (round > 0)
            {
                fody["fody_weaver_ms"].Add(Number(WeaverFinished(), detailed));
                fody["fody_write_ms"].Add(Number(WriteFinished(), detailed));
                fody["fody_total_ms"].Add(Number(FodyFinished(), detailed));
                summary = Match(WeaverSummary(), detailed);
            }
        }
        // The fastest of the rounds: interference only ever adds time.
        foreach ((string name, string project) in projects)
        {
            results.Add(($"build_{name}_ms", times[name].Min().ToString("0", CultureInfo.InvariantCulture)));
            string dll = Path.Combine(Path.GetDirectoryName(project)!, "bin", "Release", "net10.0", "Generated.dll");
            results.Add(($"dll_{name}_bytes", new FileInfo(dll).Length.ToString(CultureInfo.InvariantCulture)));
        }
        foreach ((string key, List<double> values) in fody)
            results.Add((key, values.Min().ToString("0", CultureInfo.InvariantCulture)));
        results.Add(("weaver_summary", summary));

        int[] growth = IlSizes.Growth(
            IlSizes.Read(Path.Combine(work, "plain", "bin", "Release", "net10.0", "Generated.dll")),
            IlSizes.Read(Path.Combine(work, "woven", "bin", "Release", "net10.0", "Generated.dll")));
        results.Add(("il_growth_mean", growth.Average().ToString("0.0", CultureInfo.InvariantCulture)));
        results.Add(("il_growth_median", Median(growth.Select(g => (double)g).ToList()).ToString("0", CultureInfo.InvariantCulture)));
        results.Add(("il_growth_max", growth.Max().ToString(CultureInfo.InvariantCulture)));

        // The benchmark subject: the same source, unwoven in this assembly, woven in Usdt.Benchmarks.Woven.
        string here = AppContext.BaseDirectory;
        string subjectWoven = Path.Combine(here, "Usdt.Benchmarks.Woven.dll");
        if (File.Exists(subjectWoven))
        {
            var before = IlSizes.Read(Path.Combine(here, "Usdt.Benchmarks.dll"));
            var after = IlSizes.Read(subjectWoven);
            const string Key = "Usdt.Benchmarks.Subjects.OrderService::PlaceOrder";
            results.Add(("placeorder_il_plain", before[Key].ToString(CultureInfo.InvariantCulture)));
            results.Add(("placeorder_il_woven", after[Key].ToString(CultureInfo.InvariantCulture)));
        }

        File.WriteAllLines(output, results.Select(r => $"{r.Key}\t{r.Value}"));
        return 0;
    }

    /// <summary>Recompiles only the generated project: its outputs go, its references stay built.</summary>
    private static int Build(string project, string verbosity, out string log)
    {
        string objects = Path.Combine(Path.GetDirectoryName(project)!, "obj", "Release");
        if (Directory.Exists(objects))
            Directory.Delete(objects, recursive: true);
        return Dotnet($"build \"{project}\" -c Release --no-restore --no-dependencies -v:{verbosity}", out log);
    }

    private static int Dotnet(string arguments, out string log)
    {
        var start = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using Process process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        log = process.StandardOutput.ReadToEnd() + error.Result;
        process.WaitForExit();
        return process.ExitCode;
    }

    private static string Match(Regex pattern, string log) => pattern.Match(log) is { Success: true } m ? m.Groups[1].Value.Trim() : "?";

    private static double Number(Regex pattern, string log) =>
        double.TryParse(Match(pattern, log), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : double.NaN;

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Tail(string log) => string.Join('\n', log.Split('\n').TakeLast(30));

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"weaving: {message}");
        return 1;
    }

    [GeneratedRegex(@"Fody/Usdt: Finished 'Usdt' in (\d+)ms")]
    private static partial Regex WeaverFinished();

    [GeneratedRegex(@"Fody: Finished writing assembly (\d+)ms")]
    private static partial Regex WriteFinished();

    [GeneratedRegex(@"Fody: Finished Fody (\d+)ms")]
    private static partial Regex FodyFinished();

    [GeneratedRegex(@"Fody/Usdt: (Usdt: \d+ probes[^\n]*)")]
    private static partial Regex WeaverSummary();
}
