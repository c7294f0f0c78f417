using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DotnetUsdt.Formatting;
using DotnetUsdt.Manifest;
using DotnetUsdt.Stats;

namespace DotnetUsdt.Output;

/// <summary>The <c>stat</c> report for people: one block per method with calls, errors, percentiles and a histogram.</summary>
internal static class StatText
{
    private const int BarWidth = 40;

    public static void Write(TextWriter output, IReadOnlyList<MethodStatistics> methods, TimeSpan duration)
    {
        output.WriteLine($"Calls per method over {duration.TotalSeconds:0.0} s (latency: the return probe's elapsed time; async methods: the whole operation)");
        foreach (MethodStatistics method in methods)
        {
            ProbeInfo info = method.Probe.Info;
            output.WriteLine();
            string kind = info.Kind == ProbeKind.Static ? "  (static probe)" : info.IsAsync ? "  (async)" : "";
            output.WriteLine($"{info.MemberName}{info.Signature}{kind}");
            string counts = $"  calls {method.Calls}";
            if (info.Kind == ProbeKind.Return)
                counts += $"  errors {method.Errors}";
            if (method.Errors > 0)
                counts += $" ({string.Join(", ", method.Exceptions.Select(e => $"{e.Key} {e.Value}"))})";
            output.WriteLine(counts);
            if (method.Latencies.Count == 0)
            {
                if (info.Kind == ProbeKind.Return && method.Calls > 0)
                    output.WriteLine("  latency unknown: every call began before tracing did");
                continue;
            }
            output.WriteLine($"  latency  p50 {DurationText.Of(method.Percentile(50)!.Value)}  p90 {DurationText.Of(method.Percentile(90)!.Value)}" +
                $"  p99 {DurationText.Of(method.Percentile(99)!.Value)}  max {DurationText.Of(method.Latencies.Max())}" +
                (method.Unmeasured > 0 ? $"  ({method.Unmeasured} {(method.Unmeasured == 1 ? "call" : "calls")} began before tracing)" : ""));
            var buckets = LatencyHistogram.Buckets(method.Latencies);
            long most = buckets.Max(b => b.Count);
            output.WriteLine("  microseconds:");
            foreach ((long from, long to, long count) in buckets)
            {
                string range = $"[{LatencyHistogram.Label(from)}, {LatencyHistogram.Label(to)})";
                int bar = most == 0 ? 0 : (int)Math.Round((double)count * BarWidth / most);
                output.WriteLine($"  {range,-16} {count,8} |{new string('@', bar),-BarWidth}|");
            }
        }
    }
}
