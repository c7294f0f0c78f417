using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using static Usdt.Benchmarks.Reporting.ResultFiles;

namespace Usdt.Benchmarks.Reporting;

/// <summary>
/// The wholesale part of the report (bench/Usdt.Benchmarks.Wholesale): what weaving each
/// library did, and BenchmarkDotNet's timings of each variant against the unwoven copy.
/// </summary>
internal static class WholesaleReport
{
    /// <summary>The goal for a whole library woven with probes off, in steady state.</summary>
    private const double SteadyTargetRatio = 1.05;

    private static readonly string[] Variants = ["unwoven", "woven", "all-methods", "generic"];

    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["woven"] = "`<Include Namespace=\"*\" />`, default rules",
        ["all-methods"] = "the same with `MinMethodBytes=\"0\"`",
        ["generic"] = "the same as woven with `GenericProbes=\"true\"`",
    };

    public static void Write(StringBuilder report, ResultFiles files, List<string> verdicts)
    {
        report.AppendLine("## 5. Whole libraries woven, probes off").AppendLine();
        IReadOnlyList<string[]> rows = files.Rows("wholesale.tsv");
        IReadOnlyList<string[]> weave = files.Rows("wholesale-weave.tsv").Skip(1).ToList();
        if (rows.Count == 0)
        {
            report.AppendLine("Not run.").AppendLine();
            verdicts.Add($"Whole libraries woven, probes off, ≤ {SteadyTargetRatio}x unwoven: **not measured**");
            return;
        }
        report.AppendLine("Jint 4.18.0 (a JavaScript interpreter, with its parser Acornima) and NCalc 7.4.0 (an expression evaluator, with its parser, Parlot inside NCalc.Parser), every assembly woven by this repository's weaver with a FodyWeavers.xml configuration (*variant*), probes registered from their built libraries and never enabled. Workloads: `jint`, a 200,000-iteration JavaScript loop (calls, property reads and writes, arithmetic, string concatenation) on one engine; `ncalc-cached`, 100,000 evaluations of `Sqrt(x*x + y*y) * Sin(a) + if(b > 3, 1, 0)` with changing parameters; `ncalc-parse`, 5,000 parses and evaluations of it.").AppendLine();

        report.AppendLine("| Variant | Assembly | Methods with bodies | Probed | Left unprobed: ≤ MinMethodBytes | Left unprobed: [AggressiveInlining] | Probes | IL bytes before → after | Weaver (ms) | Allocated (MB) | Collections | Collector's pauses (ms) |")
            .AppendLine("|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
        foreach (string[] w in weave)
            report.AppendLine($"| {w[0]} | {w[1]} | {Number(w[2]):N0} | {Number(w[3]):N0} | {Number(w[4]):N0} | {Number(w[5]):N0} | {Number(w[6]):N0} | {Number(w[7]):N0} → {Number(w[8]):N0} | {Number(w[9]):N0} | {Column(w, 10)} | {Column(w, 11)} | {Column(w, 12)} |");
        report.AppendLine();
        report.AppendLine("*Methods with bodies* counts every method of the assembly, compiler-generated ones included; *probed* + *left unprobed* are those the configuration selected. The weaver's time is `Execute` alone (FodyHelpers' `ExecuteTestRun`, one process, the variants one after another); the allocations (every thread's), collections and pauses are the process's while it ran.").AppendLine();

        // The job sizes are WholesaleConfig's; --quick shrinks them.
        bool quick = files.Environment().TryGetValue("command", out string? command) && command.Contains("--quick", StringComparison.Ordinal);
        report.AppendLine($"BenchmarkDotNet 0.15.8, one job per variant in the same run: the job's environment names the variant's directory, and the benchmark loads the workload and the libraries from it into an `AssemblyLoadContext` of their own (Usdt.dll from the default context, one per process). The unwoven job is the baseline. *Steady state*: one operation is one round, after BenchmarkDotNet's warm-up (tier 1), {(quick ? "1 process of 5 iterations" : "3 processes of 15 iterations")} per job. *First call*: a cold-start job (one invocation per fresh process, {(quick ? 2 : 8)} processes): loading the assemblies (and registering their probes), setting the workload up (a Jint engine with its script, a parsed expression), and the first round. Ratios are woven/unwoven: of the minimums (load from other processes only adds time), of the medians, and BenchmarkDotNet's own (of the means). Every process's result was compared with the unwoven one's, and each woven process registered all its modules from their built libraries.").AppendLine();
        foreach ((string mode, string title) in new[] { ("steady", "Steady state"), ("first", "First call (load, set up, first round)") })
        {
            string[][] modeRows = rows.Where(r => r[0] == mode).ToArray();
            if (modeRows.Length == 0)
                continue;
            report.AppendLine($"### {title}").AppendLine();
            report.AppendLine("| Workload | Variant | Min (ms) | Median (ms) | Mean ± SE (ms) | Ratio of min | Ratio of medians | BenchmarkDotNet ratio |")
                .AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
            foreach (IGrouping<string, string[]> workload in modeRows.GroupBy(r => r[1]))
            {
                string[]? baseline = workload.FirstOrDefault(r => r[2] == "unwoven");
                foreach (string[] r in workload.OrderBy(r => Array.IndexOf(Variants, r[2])))
                {
                    string RatioOf(int column) => baseline is null ? "–" : Format(Number(r[column]) / Number(baseline[column])) + "x";
                    string label = Descriptions.TryGetValue(r[2], out string? d) ? $"{r[2]} ({d})" : r[2];
                    report.AppendLine($"| {workload.Key} | {label} | {Format(Number(r[5]), "0.0")} | {Format(Number(r[6]), "0.0")} | {Format(Number(r[3]), "0.0")} ± {Format(Number(r[4]), "0.0")} | {RatioOf(5)} | {RatioOf(6)} | {r[7]} |");
                }
            }
            report.AppendLine();
        }

        foreach (IGrouping<string, string[]> workload in rows.Where(r => r[0] == "steady").GroupBy(r => r[1]))
        {
            double Min(string variant) => workload.FirstOrDefault(r => r[2] == variant) is { } r ? Number(r[5]) : double.NaN;
            double woven = Min("woven") / Min("unwoven");
            if (!double.IsNaN(woven))
                verdicts.Add($"Whole libraries woven (default rules), probes off, {workload.Key}, steady state: {Format(woven)}x unwoven (min; target ≤ {SteadyTargetRatio}x): **{(woven <= SteadyTargetRatio ? "met" : "missed")}**");
            double generic = Min("generic") / Min("woven");
            if (!double.IsNaN(generic))
                verdicts.Add($"Generic method pair switched on, whole libraries, probes off, {workload.Key}, steady state: {Format(generic)}x the same libraries woven without it (min; differences under ~0.3x are this machine's noise)");
        }
    }

    /// <summary>A column that statistics written before it existed lack (or hold NaN or -1 for).</summary>
    private static string Column(string[] row, int index) =>
        index < row.Length && double.TryParse(row[index], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value) && value >= 0
            ? value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
            : "–";
}
