using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Usdt.Benchmarks.Wholesale;

/// <summary>
/// The run: weave every variant, run the steady-state and first-call suites (one
/// BenchmarkDotNet job per variant, unwoven the baseline), check that every process ran
/// the copy it was meant to and computed the same results, and write, into the results
/// directory, <c>wholesale-weave.tsv</c> (<see cref="WeaveStatistics"/>) and
/// <c>wholesale.tsv</c>: mode, workload, variant, mean, standard error, min, median (ms)
/// and BenchmarkDotNet's ratio to the unwoven job.
/// </summary>
internal static class WholesaleSuite
{
    public static int Run(CommandOptions options)
    {
        string output = Path.GetFullPath(options.Required("out"));
        Directory.CreateDirectory(output);
        bool quick = options.Has("quick");
        string[] workloads = List(options, "workloads") ?? ["jint", "ncalc-cached", "ncalc-parse"];
        List<Variant> variants = [.. (List(options, "variants") ?? Variant.All.Select(v => v.Name).ToArray())
            .Select(Variant.Named).Prepend(Variant.Named(Variant.Unwoven)).Distinct()];
        string artifacts = options.Optional("artifacts") ?? Path.Combine(output, "BenchmarkDotNet.Artifacts.Wholesale");

        Dictionary<Variant, string> directories = Prepare(variants, WorkDirectory(options), Path.Combine(output, "wholesale-weave.tsv"), options.Has("reuse"));
        string checkFile = Path.Combine(output, "wholesale-check.tsv");
        File.WriteAllText(checkFile, "");

        var summaries = new List<(string Mode, Summary Summary)>
        {
            ("steady", BenchmarkRunner.Run<SteadyStateBenchmarks>(WholesaleConfig.SteadyState(directories, checkFile, workloads, artifacts, quick))),
            ("first", BenchmarkRunner.Run<FirstCallBenchmarks>(WholesaleConfig.FirstCall(directories, checkFile, workloads, artifacts, quick))),
        };

        int failures = 0;
        using (var writer = new StreamWriter(Path.Combine(output, "wholesale.tsv")))
        {
            foreach ((string mode, Summary summary) in summaries)
            {
                foreach (BenchmarkReport report in summary.Reports)
                {
                    string variant = report.BenchmarkCase.Job.Id.Replace("-first", "", StringComparison.Ordinal);
                    string workload = (string)report.BenchmarkCase.Parameters["Workload"];
                    if (report.ResultStatistics is not { } s)
                    {
                        failures++;
                        Console.Error.WriteLine($"wholesale: {mode} {workload} {variant} produced no result");
                        continue;
                    }
                    string ratio = BaselineRatioColumn.RatioMean.GetValue(summary, report.BenchmarkCase);
                    writer.WriteLine(string.Join('\t', mode, workload, variant, Ms(s.Mean), Ms(s.StandardError), Ms(s.Min), Ms(s.Median), ratio));
                }
                failures += summary.HasCriticalValidationErrors ? 1 : 0;
            }
        }
        failures += Check(checkFile, variants);
        Console.WriteLine($"wholesale: results in {output} (wholesale.tsv, wholesale-weave.tsv, wholesale-check.tsv)");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Weaves each variant's directory (or reuses it) and writes the weave statistics.</summary>
    public static Dictionary<Variant, string> Prepare(IEnumerable<Variant> variants, string work, string? statisticsFile, bool reuse)
    {
        var directories = new Dictionary<Variant, string>();
        var lines = new List<string> { WeaveStatistics.Header };
        string previous = reuse && File.Exists(Path.Combine(work, "weave.tsv")) ? File.ReadAllText(Path.Combine(work, "weave.tsv")) : "";
        foreach (Variant variant in variants)
        {
            string directory = Path.Combine(work, variant.Name);
            directories[variant] = directory;
            if (reuse && File.Exists(Path.Combine(directory, "Usdt.Benchmarks.Wholesale.Workloads.dll")))
            {
                lines.AddRange(previous.Split('\n').Where(l => l.StartsWith(variant.Name + "\t", StringComparison.Ordinal)));
                continue;
            }
            Console.WriteLine($"wholesale: weaving variant '{variant.Name}' ({variant.Description}) into {directory}");
            lines.AddRange(VariantBuilder.Build(variant, directory).Select(s => s.ToLine()));
        }
        Directory.CreateDirectory(work);
        File.WriteAllLines(Path.Combine(work, "weave.tsv"), lines);
        if (statisticsFile is not null)
            File.WriteAllLines(statisticsFile, lines);
        return directories;
    }

    /// <summary>Every process of a workload computed the same; woven variants ran woven copies with their probes registered from the built libraries.</summary>
    private static int Check(string checkFile, List<Variant> variants)
    {
        string[][] rows = File.ReadAllLines(checkFile).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToArray();
        int problems = 0;
        foreach (IGrouping<string, string[]> workload in rows.GroupBy(r => r[1]))
        {
            string[] results = workload.Select(r => r[2]).Distinct().ToArray();
            if (results.Length != 1)
            {
                problems++;
                Console.Error.WriteLine($"wholesale: {workload.Key} computed different results: {string.Join(" | ", workload.Select(r => $"{r[0]}={r[2]}"))}");
            }
        }
        foreach (string[] row in rows)
        {
            bool woven = variants.First(v => v.Name == row[0]).IsWoven;
            string[] registrations = row.Length > 4 && row[4].Length > 0 ? row[4].Split(',') : [];
            bool fromBuilt = registrations.Length > 0 && registrations.All(r => r.Contains(":BuiltLibrary:", StringComparison.Ordinal));
            if (woven ? !fromBuilt : registrations.Length > 0)
            {
                problems++;
                Console.Error.WriteLine($"wholesale: {row[0]} {row[1]}: registrations '{row[4]}' (expected {(woven ? "every one from its built library" : "none")})");
            }
        }
        return problems;
    }

    /// <summary>Where the variants go: --work, else artifacts/wholesale in the repository.</summary>
    public static string WorkDirectory(CommandOptions options)
    {
        if (options.Optional("work") is { } work)
            return Path.GetFullPath(work);
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "build.props")) && Directory.Exists(Path.Combine(dir, "weaver")))
                return Path.Combine(dir, "artifacts", "wholesale");
        }
        return Path.GetFullPath("wholesale");
    }

    private static string[]? List(CommandOptions options, string name) =>
        options.Optional(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Ms(double nanoseconds) => (nanoseconds / 1e6).ToString("F3", CultureInfo.InvariantCulture);
}
