using System;
using System.Collections.Generic;
using DotnetUsdt.Targets;

namespace DotnetUsdt.Stats;

/// <summary>
/// What <c>stat</c> counts for one method (or static probe): calls, calls that ended by an
/// exception (by type), and the latency of each completed call from its return probe's
/// elapsed time, which for async methods covers the whole operation, every await included.
/// </summary>
internal sealed class MethodStatistics
{
    private readonly List<long> _latencies = [];

    public MethodStatistics(Probe probe) => Probe = probe;

    /// <summary>The return probe (or, for static probes and methods without one, the probe) counted.</summary>
    public Probe Probe { get; }

    public long Calls { get; private set; }

    public long Errors { get; private set; }

    public SortedDictionary<string, long> Exceptions { get; } = new(StringComparer.Ordinal);

    /// <summary>Calls whose elapsed time is unknown: they began before tracing did (elapsed 0).</summary>
    public long Unmeasured { get; private set; }

    /// <summary>Elapsed nanoseconds of each measured call, in arrival order.</summary>
    public IReadOnlyList<long> Latencies => _latencies;

    public void AddCall() => Calls++;

    public void AddReturn(long elapsed, string? exception)
    {
        Calls++;
        if (exception is not null)
        {
            Errors++;
            Exceptions.TryGetValue(exception, out long count);
            Exceptions[exception] = count + 1;
        }
        if (elapsed > 0)
            _latencies.Add(elapsed);
        else
            Unmeasured++;
    }

    /// <summary>Nearest-rank percentile of the measured latencies (p in 0..100), or null when none.</summary>
    public long? Percentile(double p)
    {
        if (_latencies.Count == 0)
            return null;
        long[] sorted = [.. _latencies];
        Array.Sort(sorted);
        int rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
