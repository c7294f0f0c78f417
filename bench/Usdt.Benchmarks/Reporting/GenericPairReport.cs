using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using static Usdt.Benchmarks.Reporting.ResultFiles;

namespace Usdt.Benchmarks.Reporting;

/// <summary>
/// The generic method pair under a tracer (bench/scripts/generic-pair.sh): the same process's
/// rounds untraced, traced and untraced again, and what the tracer counted.
/// </summary>
internal static class GenericPairReport
{
    private static readonly (string Tracer, string How)[] Tracers =
    [
        ("managed", "none: the program raises `method__entry`'s semaphore itself (the managed side of a traced call: the traced body, the arguments, the stub's `nop; ret`)"),
        ("ucalls", "`ucalls -l java PID` (bcc: a count per method, keyed by class and method name)"),
        ("ucalls-latency", "`ucalls -l java -L PID` (bcc: entry and return, latency per method)"),
        ("bpftrace", "`bpftrace -p PID -e 'usdt:LIB:dotnet:method__entry { @calls = count(); }'`"),
    ];

    public static void Write(StringBuilder report, ResultFiles files, List<string> verdicts)
    {
        report.AppendLine("## 6. The generic method pair under a tracer").AppendLine();
        string[] present = Tracers.Select(t => t.Tracer).Where(t => Directory.EnumerateFiles(files.Directory, $"generic-{t}-r*.tsv").Any()).ToArray();
        if (present.Length == 0)
        {
            report.AppendLine("Not run (needs root and bcc's ucalls or bpftrace; scripts/bench says why).").AppendLine();
            verdicts.Add("Generic method pair, cost while traced: **not measured**");
            return;
        }
        IReadOnlyDictionary<string, string> env = files.Environment();
        string workload = env.TryGetValue("generic-workload", out string? w) ? w : "?";
        report.AppendLine($"The `generic` variant of section 5 (Jint and NCalc woven with `GenericProbes=\"true\"`), workload `{workload}`: one process times its rounds untraced (*before*, after tier-up), then with the tracer attached (*traced*, once the tracer has raised `method__entry`'s semaphore and says it is tracing: bcc raises it seconds before its probes are attached), then again once the tracer has left (*after*). Each tracer runs on fresh processes in turn with the others. The first row has no tracer: the program raises the semaphore itself, so every woven method takes its traced body and calls the stub, which runs as `nop; ret`: the managed part of a traced call, the kernel's left out. *Slowdown* is traced/before of the fastest rounds; *calls per round* is what the tracer counted over the traced rounds, divided by their number (bpftrace's count for the first row); *per call* is the added time divided by the calls.").AppendLine();
        report.AppendLine("| Tracer | Before (ms) | Traced (ms) | After (ms) | Slowdown | Calls per round | Added per call (ns) |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach ((string tracer, string how) in Tracers.Where(t => present.Contains(t.Tracer)))
        {
            string[][] rows = Directory.EnumerateFiles(files.Directory, $"generic-{tracer}-r*.tsv")
                .SelectMany(path => files.Rows(Path.GetFileName(path))).ToArray();
            double Fastest(string phase) => rows.Where(r => r[0] == phase).Select(r => Number(r[2])).DefaultIfEmpty(double.NaN).Min();
            double before = Fastest("before"), traced = Fastest("traced"), after = Fastest("after");
            // With no tracer nothing counts: the calls are the same workload's, as bpftrace counted them.
            double callsPerRound = CallsPerRound(files, tracer == "managed" ? "bpftrace" : tracer);
            double perCall = (traced - before) * 1e6 / callsPerRound;
            report.AppendLine($"| {how} | {Format(before, "0.0")} | {Format(traced, "0.0")} | {Format(after, "0.0")} | {Format(traced / before)}x | {callsPerRound:N0} | {Format(perCall, "0")} |");
            verdicts.Add($"Generic method pair {(tracer == "managed" ? "switched on with no tracer (semaphore raised by hand)" : $"traced by {tracer}")}: {Format(traced / before)}x the untraced rounds, {Format(perCall, "0")} ns per call ({callsPerRound:N0} calls per round); {(tracer == "managed" ? "once it was lowered" : "after the tracer left")} {Format(after / before)}x");
        }
        report.AppendLine();
    }

    /// <summary>The method__entry events a tracer counted over its traced rounds, per round.</summary>
    private static double CallsPerRound(ResultFiles files, string tracer)
    {
        int tracedRounds = Directory.EnumerateFiles(files.Directory, $"generic-{tracer}-r*.tsv")
            .SelectMany(path => files.Rows(Path.GetFileName(path))).Count(r => r[0] == "traced");
        long counted = Directory.EnumerateFiles(files.Directory, $"generic-counts-{tracer}-r*.tsv")
            .SelectMany(path => files.Rows(Path.GetFileName(path))).Where(r => r[0] == "calls").Sum(r => (long)Number(r[1]));
        return tracedRounds > 0 && counted > 0 ? (double)counted / tracedRounds : double.NaN;
    }
}
