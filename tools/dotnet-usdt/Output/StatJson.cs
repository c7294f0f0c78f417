using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using DotnetUsdt.Manifest;
using DotnetUsdt.Stats;

namespace DotnetUsdt.Output;

/// <summary>The <c>stat</c> report for programs (<c>--json</c>): per method its counts, latency percentiles in nanoseconds and histogram.</summary>
internal static class StatJson
{
    public static void Write(Stream output, string target, string tracer, IReadOnlyList<MethodStatistics> methods, TimeSpan duration, long lostEvents)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("target", target);
        json.WriteString("tracer", tracer);
        json.WriteNumber("seconds", Math.Round(duration.TotalSeconds, 3));
        json.WriteNumber("lostEvents", lostEvents);
        json.WriteStartArray("methods");
        foreach (MethodStatistics method in methods)
        {
            ProbeInfo info = method.Probe.Info;
            json.WriteStartObject();
            json.WriteString("member", info.MemberName);
            json.WriteString("signature", info.Signature);
            json.WriteString("probe", method.Probe.Note.FullName);
            json.WriteString("kind", info.Kind.ToString().ToLowerInvariant());
            json.WriteBoolean("async", info.IsAsync);
            json.WriteNumber("calls", method.Calls);
            json.WriteNumber("errors", method.Errors);
            json.WriteStartObject("exceptions");
            foreach ((string type, long count) in method.Exceptions)
                json.WriteNumber(type, count);
            json.WriteEndObject();
            json.WriteNumber("unmeasured", method.Unmeasured);
            if (method.Latencies.Count > 0)
            {
                json.WriteStartObject("latencyNs");
                json.WriteNumber("count", method.Latencies.Count);
                json.WriteNumber("min", method.Latencies.Min());
                json.WriteNumber("p50", method.Percentile(50)!.Value);
                json.WriteNumber("p90", method.Percentile(90)!.Value);
                json.WriteNumber("p99", method.Percentile(99)!.Value);
                json.WriteNumber("max", method.Latencies.Max());
                json.WriteNumber("mean", Math.Round(method.Latencies.Average(), 1));
                json.WriteEndObject();
                json.WriteStartArray("histogramUs");
                foreach ((long from, long to, long count) in LatencyHistogram.Buckets(method.Latencies))
                {
                    json.WriteStartObject();
                    json.WriteNumber("from", from);
                    if (to == long.MaxValue)
                        json.WriteNull("to");
                    else
                        json.WriteNumber("to", to);
                    json.WriteNumber("count", count);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }
}
