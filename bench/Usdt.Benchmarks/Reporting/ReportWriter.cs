using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using static Usdt.Benchmarks.Reporting.ResultFiles;

namespace Usdt.Benchmarks.Reporting;

/// <summary>
/// Turns a results directory into the markdown report: one table per measurement, C
/// baselines side by side as ratios, and each target marked met or missed.
/// </summary>
internal static class ReportWriter
{
    private const double DisabledTargetNs = 0.5;
    private const double EnabledTargetRatio = 1.1;
    private const double StartupTargetMs = 2.0;
    private const double BuiltWarmTargetMs = 0.5;

    private static readonly Dictionary<string, string> CaseLabels = new()
    {
        ["cs_api_fire2"] = "C# Probe.Fire (public API), 2 integers",
        ["cs_woven_fire2"] = "C# static probe woven by Usdt.Fody, 2 integers",
        ["cs_woven_str_short"] = "C# static probe woven by Usdt.Fody, integer + 9-byte string",
        ["cs_woven_str_256"] = "C# static probe woven by Usdt.Fody, integer + 256-byte string",
        ["cs_woven_fire6"] = "C# static probe woven by Usdt.Fody, 6 integers",
        ["c_nop5_fire2"] = "C, our 5-byte-nop stub (same library bytes), 2 integers",
        ["c_nop5_fire6"] = "C, our 5-byte-nop stub (same library bytes), 6 integers",
        ["c_sdt_fire2"] = "C, stock sys/sdt.h probe (1-byte nop: int3), 2 integers",
        ["c_sdt_fire6"] = "C, stock sys/sdt.h probe (1-byte nop: int3), 6 integers",
    };

    public static int Run(CommandOptions options)
    {
        var files = new ResultFiles(options.Required("dir"));
        var report = new StringBuilder();
        var verdicts = new List<string>();
        WriteHeader(report, files);
        WriteDisabled(report, files, verdicts);
        WriteEnabled(report, files, verdicts);
        WriteStartup(report, files, verdicts);
        WriteWeaving(report, files, verdicts);
        WholesaleReport.Write(report, files, verdicts);
        GenericPairReport.Write(report, files, verdicts);
        report.AppendLine("## Targets").AppendLine();
        foreach (string verdict in verdicts)
            report.AppendLine($"- {verdict}");
        Console.Out.Write(report.ToString());
        return 0;
    }

    private static void WriteHeader(StringBuilder report, ResultFiles files)
    {
        IReadOnlyDictionary<string, string> env = files.Environment();
        string Value(string key) => env.TryGetValue(key, out string? v) ? v : "?";
        report.AppendLine("# Usdt benchmarks").AppendLine();
        report.AppendLine("| | |").AppendLine("|---|---|");
        report.AppendLine($"| Date | {Value("date")} |");
        report.AppendLine($"| Machine | {Value("cpu")}, {Value("cores")} cores, {Value("memory")} ({Value("virtualization")}) |");
        report.AppendLine($"| Kernel | {Value("kernel")} |");
        report.AppendLine($"| OS | {Value("os")} |");
        report.AppendLine($"| .NET | {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier}), SDK {Value("dotnet-sdk")}, BenchmarkDotNet {typeof(BenchmarkDotNet.Running.BenchmarkRunner).Assembly.GetName().Version} |");
        report.AppendLine($"| C | {Value("gcc")}, -O2 |");
        report.AppendLine($"| Tracers | {Value("bpftrace")}; tracefs uprobe_events |");
        string during = string.Join(", ", env.Where(e => e.Key.StartsWith("load-after-", StringComparison.Ordinal)).Select(e => $"{e.Value} after {e.Key["load-after-".Length..]}"));
        report.AppendLine($"| Load average (1, 5, 15 min) | {Value("load-start")} at the start, {(during.Length > 0 ? during + ", " : "")}{Value("load-end")} at the end (a shared machine: other work ran alongside) |");
        report.AppendLine($"| Code | commit {Value("commit")} |");
        report.AppendLine($"| Command | `{Value("command")}` |");
        report.AppendLine();
    }

    private static void WriteDisabled(StringBuilder report, ResultFiles files, List<string> verdicts)
    {
        IReadOnlyList<string[]> rows = files.Rows("disabled.tsv");
        report.AppendLine("## 1. Disabled probes (nobody tracing)").AppendLine();
        if (rows.Count == 0)
        {
            report.AppendLine("Not run.").AppendLine();
            verdicts.Add("Disabled site within 0.5 ns of unwoven: **not measured**");
            return;
        }
        report.AppendLine("BenchmarkDotNet, MemoryDiagnoser, one out-of-process job; every case calls a non-inlined method with the same body, 1,000 calls per invocation. *Min* is the fastest of 60 iterations (about 100 ms each) in 3 processes: on a shared machine load from other processes only adds time, so differences are taken between minimums; median and mean are given too. Δ is against the leaf unwoven method; the targets below compare each woven case with its own unwoven twin.").AppendLine();
        WriteBenchmarkTable(report, rows, "DisabledProbeBenchmarks", "Unwoven", "Δ min vs unwoven (ns)");

        foreach ((string method, string baseline, string what) in new[]
        {
            ("Woven", "Unwoven", "Woven entry+return (Usdt.Fody), disabled, leaf method"),
            ("WovenNonLeaf", "UnwovenNonLeaf", "Woven entry+return (Usdt.Fody), disabled, method that calls another"),
            ("WovenStaticProbe", "Unwoven", "Woven static probe (Usdt.Fody), disabled"),
        })
        {
            string[]? row = Find(rows, "DisabledProbeBenchmarks", method);
            if (row is null)
                continue;
            double delta = Fastest(row) - Fastest(Find(rows, "DisabledProbeBenchmarks", baseline));
            bool met = delta <= DisabledTargetNs && row[5] == "0";
            verdicts.Add($"{what}: {Format(delta, "+0.00;-0.00")} ns vs unwoven (min), {row[5]} B allocated (target ≤ 0.5 ns, 0 B): **{(met ? "met" : "missed")}**");
        }

        // The generic pair adds one check to the woven method's untraced path: held to the
        // same method woven without it, it must stay within this machine's noise.
        foreach ((string method, string baseline, string what) in new[]
        {
            ("WovenGeneric", "Woven", "Generic method pair switched on (GenericProbes), disabled, leaf method"),
            ("WovenGenericNonLeaf", "WovenNonLeaf", "Generic method pair switched on (GenericProbes), disabled, method that calls another"),
        })
        {
            string[]? row = Find(rows, "DisabledProbeBenchmarks", method);
            string[]? without = Find(rows, "DisabledProbeBenchmarks", baseline);
            if (row is null || without is null)
                continue;
            double delta = Fastest(row) - Fastest(without);
            verdicts.Add($"{what}: {Format(delta, "+0.00;-0.00")} ns, {Format(Fastest(row) / Fastest(without))}x the same method woven without it (min), {row[5]} B allocated (target: within noise, ~0.7 ns here)");
        }

        report.AppendLine("### Does a probe site change the JIT's inlining of a tiny method?").AppendLine();
        report.AppendLine("`Add(a, b) => a + b`, unwoven and woven (entry + return, disabled). Cost per call from BenchmarkDotNet; the verdict from the JIT's own tier-1 disassembly (`DOTNET_JitDisasm`) of a caller.").AppendLine();
        WriteBenchmarkTable(report, rows, "InliningBenchmarks", "UnwovenInlinable", "Δ min vs unwoven inlined (ns)");
        IReadOnlyList<string[]> inlining = files.Rows("inlining.tsv");
        if (inlining.Count > 0)
        {
            report.AppendLine("| Caller | Callee | Inlined at tier 1 | JIT's reason if not | Caller's code (bytes) |").AppendLine("|---|---|---|---|---:|");
            foreach (string[] r in inlining)
                report.AppendLine($"| `{r[0]}` | `{r[1]}` | {r[3]} | {(r.Length > 5 && r[5].Length > 0 ? r[5] : "")} | {r[4]} |");
            report.AppendLine();
        }

        report.AppendLine("### Managed cost of an enabled site, kernel excluded").AppendLine();
        report.AppendLine("Semaphores set by hand and no tracer attached, so the stub runs as a plain `nop; ret`: what remains is the site, the argument conversion and the call. Add the kernel's uprobe cost (section 2) for the traced cost.").AppendLine();
        WriteBenchmarkTable(report, rows, "FireWithoutTracerBenchmarks", "Fire2", "Δ min vs 2 integers (ns)");
        string[][] fireRows = rows.Where(r => r[0] == "FireWithoutTracerBenchmarks").ToArray();
        if (fireRows.Length > 0)
        {
            bool zero = fireRows.All(r => r[5] == "0");
            verdicts.Add($"Zero managed allocations per fire (BenchmarkDotNet MemoryDiagnoser, every firing case): **{(zero ? "met" : "missed")}**");
        }
    }

    private static void WriteBenchmarkTable(StringBuilder report, IReadOnlyList<string[]> rows, string suite, string baseline, string deltaHeader)
    {
        double reference = Fastest(Find(rows, suite, baseline));
        report.AppendLine($"| Case | Min (ns) | Median (ns) | Mean ± SE (ns) | {deltaHeader} | Allocated (B/op) |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (string[] r in rows.Where(r => r[0] == suite))
        {
            string median = r.Length > 7 ? Format(Number(r[7]), "0.000") : "–";
            report.AppendLine($"| {r[2]} | {Format(Fastest(r), "0.000")} | {median} | {Format(Number(r[3]), "0.000")} ± {Format(Number(r[4]), "0.000")} | {Format(Fastest(r) - reference, "+0.000;-0.000;0.000")} | {r[5]} |");
        }
        report.AppendLine();
    }

    /// <summary>The fastest iteration (older result files without it: the mean).</summary>
    private static double Fastest(string[]? row) => row is null ? double.NaN : Number(row.Length > 6 ? row[6] : row[3]);

    /// <summary>One enabled-probe case over every round: best run, median of the rounds' medians, totals.</summary>
    private sealed record EnabledCase(string Name, string Probe, double Best, double Median, long Fires, double BytesPerFire);

    private static readonly string[] CaseOrder = ["c_nop5_", "c_sdt_", "cs_woven_", "cs_api_"];

    private static void WriteEnabled(StringBuilder report, ResultFiles files, List<string> verdicts)
    {
        report.AppendLine("## 2. Enabled probes (a tracer attached)").AppendLine();
        string[] tracers = files.Tracers().ToArray();
        if (tracers.Length == 0)
        {
            report.AppendLine("Not run (needs root and bpftrace; scripts/bench says why).").AppendLine();
            verdicts.Add("Enabled probe ≤ 1.1x the C 5-byte-nop probe: **not measured**");
            return;
        }
        report.AppendLine("Each program waits until the tracer has raised all its semaphores, then times tight loops over its probes: a warm-up of iterations/10 fires, then several timed runs, ns per fire from the monotonic clock. C# uses the same loop protocol as C (`Stopwatch`, not BenchmarkDotNet, because the tracer must attach to one long-lived process), once the loop methods reached tier 1. The programs run in turn, several rounds, so load from other processes hits all of them alike. *Best* is the fastest run of every round (interference only ever adds time, so it is the cost of the probe itself); *median* is the median of the rounds' medians. Ratios are of the best runs. *Counted* is what the tracer saw, to compare with *fires*.").AppendLine();
        foreach (string tracer in tracers)
        {
            Dictionary<string, EnabledCase> results = Directory.EnumerateFiles(files.Directory, $"enabled-{tracer}-*.tsv")
                .SelectMany(path => files.Rows(Path.GetFileName(path)))
                .GroupBy(r => r[0])
                .Select(g => new EnabledCase(g.Key, g.First()[1], g.Min(r => Number(r[3])), MedianOf(g.Select(r => Number(r[2]))),
                    g.Sum(r => (long)Number(r[4])), g.Max(r => Number(r[5]))))
                .OrderBy(c => Array.FindIndex(CaseOrder, prefix => c.Name.StartsWith(prefix, StringComparison.Ordinal)))
                .ThenBy(c => c.Name, StringComparer.Ordinal)
                .ToDictionary(c => c.Name);
            var counts = Directory.EnumerateFiles(files.Directory, $"counts-{tracer}-*.tsv")
                .SelectMany(path => files.Rows(Path.GetFileName(path)))
                .GroupBy(r => r[0]).ToDictionary(g => g.Key, g => g.Sum(r => (long)Number(r[1])));
            string how = tracer == "bpftrace"
                ? "bpftrace: one `usdt:` probe per case, `@name = count()`, attached with `-p PID`"
                : "tracefs: one uprobe event per case with the semaphore offset (`PATH:OFFSET(SEMAPHORE)`), enabled in a private instance, no fetch arguments; counted from the instance's ring-buffer statistics (all events of a program together)";
            report.AppendLine($"### Under {tracer}").AppendLine().AppendLine(how + ".").AppendLine();
            report.AppendLine("| Case | Best (ns/fire) | Median (ns/fire) | vs C 5-byte nop | vs C sys/sdt.h | Fires | Counted | Managed B/fire |")
                .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (EnabledCase c in results.Values)
            {
                string arity = c.Name.EndsWith("fire6", StringComparison.Ordinal) ? "fire6" : "fire2";
                string Ratio(string baseline) => results.TryGetValue(baseline, out EnabledCase? b) ? Format(c.Best / b.Best) + "x" : "–";
                string counted = counts.TryGetValue(c.Probe, out long n) ? n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "–";
                string label = CaseLabels.GetValueOrDefault(c.Name, c.Name) + (c.Name.Contains("_str_", StringComparison.Ordinal) ? " ¹" : "");
                bool managed = c.Name.StartsWith("cs_", StringComparison.Ordinal);
                report.AppendLine($"| {label} | {Format(c.Best, "0.0")} | {Format(c.Median, "0.0")} | {Ratio($"c_nop5_{arity}")} | {Ratio($"c_sdt_{arity}")} | {c.Fires:N0} | {counted} | {(managed ? Format(c.BytesPerFire, "0.###") : "n/a")} |");
            }
            if (counts.TryGetValue("*", out long total))
                report.AppendLine().AppendLine($"Events counted by tracefs, all cases: {total:N0} of {results.Values.Sum(c => c.Fires):N0} fires.");
            report.AppendLine().AppendLine("¹ compared with the 2-integer C probes: C passes a `char*` it already has, the difference is the UTF-8 conversion.").AppendLine();

            foreach ((string ourCase, string what) in new[] { ("cs_woven_fire2", "static probe woven by Usdt.Fody") })
            {
                if (!results.TryGetValue(ourCase, out EnabledCase? ours) || !results.TryGetValue("c_nop5_fire2", out EnabledCase? nop5))
                    continue;
                double ratio = ours.Best / nop5.Best;
                string sdt = results.TryGetValue("c_sdt_fire2", out EnabledCase? stock)
                    ? $", {Format(ours.Best / stock.Best)}x the stock sys/sdt.h probe (target < 1x): **{(ours.Best < stock.Best ? "met" : "missed")}**"
                    : "";
                verdicts.Add($"Enabled, {tracer}, {what}: {Format(ratio)}x the C 5-byte-nop probe (target ≤ 1.1x): **{(ratio <= EnabledTargetRatio ? "met" : "missed")}**{sdt}");
            }
            string[] allocating = results.Values.Where(c => c.Name.StartsWith("cs_", StringComparison.Ordinal) && c.BytesPerFire > 0).Select(c => c.Name).ToArray();
            verdicts.Add($"Zero managed allocations per fire, under {tracer}: **{(allocating.Length == 0 ? "met" : "missed: " + string.Join(", ", allocating))}**");
            long expected = results.Values.Sum(c => c.Fires), seen = counts.Values.Sum();
            if (seen != expected)
                verdicts.Add($"Under {tracer}, the tracer counted {seen:N0} events for {expected:N0} fires: **check the logs**");
        }
    }

    private static double MedianOf(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static void WriteStartup(StringBuilder report, ResultFiles files, List<string> verdicts)
    {
        IReadOnlyList<string[]> rows = files.Rows("startup.tsv");
        report.AppendLine("## 3. Start-up: registering a woven module's probes").AppendLine();
        if (rows.Count == 0)
        {
            report.AppendLine("Not run.").AppendLine();
            verdicts.Add("Registration of 1,000 probes under 2 ms: **not measured**");
            return;
        }
        report.AppendLine("A woven module's registration, either way it goes: *built*, the library the build wrote beside the assembly is read, checked (build-id over the whole file, contract version, table hash) and loaded; *built-in-app*, the same in a process that has first done what any application does before its first woven method runs (opened and read a file, used paths, searched strings, encoded UTF-8, loaded a native library: the framework's first-use costs of those are then paid, and the cold figure is what registration adds to an application's start-up); *generated*, there is none, so the table is parsed, the ELF written to a new file, loaded. *Cold* is the first registration in a fresh process (JIT, type loading and first use of the runtime's dependencies included), *warm* the median of repeats in the same process; each column the fastest of 5 processes (load from other processes only adds time). *Parse* and *ELF* are parts of a generated *warm* (a built registration does neither); the rest is file creation, `dlopen` and symbol lookup. *jit*: the build as `dotnet build` makes it, Usdt.dll from the project reference (no precompiled code); *package*: the same build with the package's Usdt.dll (lib/net10.0, precompiled ReadyToRun for linux-x64), which is what a user of the package runs; *r2r*: the same program published with `PublishReadyToRun`, which precompiles the application and Usdt.dll together.").AppendLine();
        report.AppendLine("| Probes | Build / way | Cold (ms) | Warm (ms) | Parse (ms) | ELF (ms) | Library size |").AppendLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (string[] r in rows.OrderBy(r => Number(r[1])).ThenBy(r => r[0], StringComparer.Ordinal))
            report.AppendLine($"| {Number(r[1]):N0} | {r[0]} | {Format(Number(r[2]), "0.00")} | {Format(Number(r[3]), "0.00")} | {Format(Number(r[4]), "0.00")} | {Format(Number(r[5]), "0.00")} | {Number(r[6]):N0} B |");
        report.AppendLine();
        foreach ((string way, string label) in new[] { "built", "built-in-app", "generated" }.SelectMany(way => new[] { "jit", "package", "r2r" }.Select(label => (way, label))))
        {
            IReadOnlyList<string[]> parts = files.Rows(way == "generated" ? $"startup-parts-{label}.tsv" : $"startup-parts-{way}-{label}.tsv");
            if (parts.Count == 0)
                continue;
            report.AppendLine($"Where the cold start of 1,000 probes goes ({label}, {way} library): a fresh process times the first use of each thing registration relies on, one after the other (fastest of 5 processes per step).").AppendLine();
            report.AppendLine("| Step | ms |").AppendLine("|---|---:|");
            foreach (string[] r in parts)
                report.AppendLine($"| {r[0]} | {Format(Number(r[1]), "0.00")} |");
            report.AppendLine();
        }
        foreach (string[] thousand in rows.Where(r => r[1] == "1000"))
        {
            // The library built beside the assembly is the path of every woven application:
            // it has the tighter warm target; a generated library is the fallback.
            double cold = Number(thousand[2]), warm = Number(thousand[3]);
            double warmTarget = thousand[0].Contains("/built", StringComparison.Ordinal) ? BuiltWarmTargetMs : StartupTargetMs;
            string verdict = (cold < StartupTargetMs, warm < warmTarget) switch
            {
                (true, true) => "met",
                (false, true) => "missed cold, met warm",
                (true, false) => "met cold, missed warm",
                _ => "missed cold and warm",
            };
            verdicts.Add($"Registration of 1,000 probes ({thousand[0]}): {Format(cold, "0.0")} ms cold, {Format(warm, "0.00")} ms warm (targets < {StartupTargetMs} ms cold, < {warmTarget} ms warm): **{verdict}**");
        }
    }

    private static void WriteWeaving(StringBuilder report, ResultFiles files, List<string> verdicts)
    {
        report.AppendLine("## 4. Weaving and build").AppendLine();
        var w = files.Rows("weaving.tsv").Where(r => r.Length >= 2).ToDictionary(r => r[0], r => r[1]);
        if (w.Count == 0)
        {
            report.AppendLine("Not run: the weaver (weaver/Usdt.Fody) did not build, see the build log.").AppendLine();
            verdicts.Add("Weaving 10,000 methods under 1 s: **not measured**");
            return;
        }
        string V(string key) => w.TryGetValue(key, out string? v) ? v : "?";
        double Ms(string key) => w.TryGetValue(key, out string? v) && double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d) ? d : double.NaN;
        report.AppendLine($"A generated library of {Number(V("methods")):N0} methods (a third each `static int Compute(int, string)`, `void Record(long, bool)`, `string Describe(string, double)`), every method probed, built with this repository's weaver through Fody 6.9.3. Builds are `dotnet build --no-dependencies` of that project alone, warm servers, plain and woven alternating, the fastest of 3 each; Fody's timings are the fastest of 3 detailed builds.").AppendLine();
        report.AppendLine($"Weaver: {V("weaver_summary")}").AppendLine();
        report.AppendLine("| | Plain | Woven | Difference |").AppendLine("|---|---:|---:|---:|");
        report.AppendLine($"| `dotnet build` (ms) | {Ms("build_plain_ms"):N0} | {Ms("build_woven_ms"):N0} | {Ms("build_woven_ms") - Ms("build_plain_ms"):+#,0;-#,0} |");
        report.AppendLine($"| Assembly size (bytes) | {Ms("dll_plain_bytes"):N0} | {Ms("dll_woven_bytes"):N0} | {Ms("dll_woven_bytes") - Ms("dll_plain_bytes"):+#,0;-#,0} |");
        report.AppendLine($"| IL of `OrderService.PlaceOrder` (bytes, the benchmark subject) | {V("placeorder_il_plain")} | {V("placeorder_il_woven")} | {Ms("placeorder_il_woven") - Ms("placeorder_il_plain"):+0;-0} |");
        report.AppendLine();
        report.AppendLine($"Fody's own timings: the Usdt weaver {V("fody_weaver_ms")} ms, writing the assembly {V("fody_write_ms")} ms, Fody in all {V("fody_total_ms")} ms. IL added per method: mean {V("il_growth_mean")} bytes, median {V("il_growth_median")}, max {V("il_growth_max")}.").AppendLine();
        double weave = Ms("fody_weaver_ms");
        verdicts.Add($"Weaving {Number(V("methods")):N0} methods: {weave:0} ms in the weaver, {Ms("fody_total_ms"):0} ms in Fody with loading and writing (target < 1 s of weaving): **{(weave < 1000 ? "met" : "missed")}**");
    }

    private static string[]? Find(IReadOnlyList<string[]> rows, string suite, string method) =>
        rows.FirstOrDefault(r => r[0] == suite && r[1] == method);
}
