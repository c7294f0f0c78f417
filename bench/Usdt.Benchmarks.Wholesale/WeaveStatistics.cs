using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mono.Cecil;

namespace Usdt.Benchmarks.Wholesale;

/// <summary>
/// What weaving one assembly did: its methods with bodies, those probed, those the inlining
/// rule left unprobed (by size, by [AggressiveInlining]), IL before and after, the weaver's
/// time, what it allocated, the collections and pauses meanwhile, and the time and pauses of
/// allocating 240 MB right after it (<see cref="WeaveCost"/>).
/// </summary>
internal sealed record WeaveStatistics(
    string Variant, string Assembly, int MethodsWithBodies, int Probed, int SkippedBySize, int SkippedAggressiveInlining,
    int Probes, long IlBytesBefore, long IlBytesAfter, double WeaveMilliseconds,
    double AllocatedMegabytes, int Collections, double GcPauseMilliseconds, double AfterMilliseconds, double AfterGcPauseMilliseconds)
{
    public static readonly string Header = "variant\tassembly\tmethods\tprobed\tskipped_size\tskipped_aggressive\tprobes\til_before\til_after\tweave_ms\tallocated_mb\tcollections\tgc_pause_ms\tafter_ms\tafter_gc_pause_ms";

    public string ToLine() => FormattableString.Invariant(
        $"{Variant}\t{Assembly}\t{MethodsWithBodies}\t{Probed}\t{SkippedBySize}\t{SkippedAggressiveInlining}\t{Probes}\t{IlBytesBefore}\t{IlBytesAfter}\t{WeaveMilliseconds:F0}\t{AllocatedMegabytes:F0}\t{Collections}\t{GcPauseMilliseconds:F0}\t{AfterMilliseconds:F0}\t{AfterGcPauseMilliseconds:F0}");

    /// <summary>Reads the counts from the input and output assemblies and the manifest the weaver wrote beside the output.</summary>
    public static WeaveStatistics Measure(string variant, string input, string output, string manifest, WeaveCost cost)
    {
        (int methods, long before) = Bodies(input);
        (_, long after) = Bodies(output);
        string[] lines = File.Exists(manifest) ? File.ReadAllLines(manifest) : [];
        // "provider:name   (source)" per probe; a method's entry and return probes share a stem.
        string[] probes = lines.Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith(' ') && l.Contains(':')).Select(l => l.Split(' ')[0]).ToArray();
        int probed = probes.Where(p => p.EndsWith("__entry", StringComparison.Ordinal) || p.EndsWith("__return", StringComparison.Ordinal))
            .Select(p => p[..p.LastIndexOf("__", StringComparison.Ordinal)]).Distinct().Count();
        // "# Method   N IL bytes (MinMethodBytes M)" or "# Method   [AggressiveInlining]" per method left unprobed.
        int bySize = lines.Count(l => l.StartsWith("# ", StringComparison.Ordinal) && l.EndsWith(')') && l.Contains("IL bytes (MinMethodBytes", StringComparison.Ordinal));
        int aggressive = lines.Count(l => l.StartsWith("# ", StringComparison.Ordinal) && l.EndsWith("[AggressiveInlining]", StringComparison.Ordinal));
        return new WeaveStatistics(variant, Path.GetFileName(input), methods, probed, bySize, aggressive, probes.Length, before, after,
            cost.Milliseconds, cost.AllocatedMegabytes, cost.Collections, cost.PauseMilliseconds, cost.AftermathMilliseconds, cost.AftermathPauseMilliseconds);
    }

    /// <summary>Reads a line of <see cref="ToLine"/>; one from before the collector's or the aftermath's columns has NaN and -1 in them.</summary>
    public static WeaveStatistics Parse(string line)
    {
        string[] f = line.Split('\t');
        double Number(int i) => i < f.Length ? double.Parse(f[i], System.Globalization.CultureInfo.InvariantCulture) : double.NaN;
        return new WeaveStatistics(f[0], f[1], int.Parse(f[2]), int.Parse(f[3]), int.Parse(f[4]), int.Parse(f[5]), int.Parse(f[6]),
            long.Parse(f[7]), long.Parse(f[8]), Number(9), Number(10), f.Length > 11 ? int.Parse(f[11]) : -1, Number(12), Number(13), Number(14));
    }

    private static (int Methods, long IlBytes) Bodies(string path)
    {
        using ModuleDefinition module = ModuleDefinition.ReadModule(path);
        List<MethodDefinition> bodies = module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody).ToList();
        return (bodies.Count, bodies.Sum(m => (long)m.Body.CodeSize));
    }
}
