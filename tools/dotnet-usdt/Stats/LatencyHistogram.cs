using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;

namespace DotnetUsdt.Stats;

/// <summary>
/// A power-of-two histogram of latencies in microseconds, drawn as bpftrace's <c>hist()</c>
/// draws them: <c>[0, 1)</c>, <c>[1, 2)</c>, <c>[2, 4)</c> ... <c>[1K, 2K)</c>.
/// </summary>
internal static class LatencyHistogram
{
    /// <summary>Buckets in microseconds from the lowest to the highest occupied one, empty ones between included.</summary>
    public static IReadOnlyList<(long FromMicroseconds, long ToMicroseconds, long Count)> Buckets(IReadOnlyList<long> latencies)
    {
        if (latencies.Count == 0)
            return [];
        var counts = new long[65];
        int low = 64, high = 0;
        foreach (long nanoseconds in latencies)
        {
            long microseconds = Math.Max(0, nanoseconds / 1000);
            // Bucket 0 holds [0, 1); bucket k + 1 holds [2^k, 2^(k+1)).
            int bucket = microseconds == 0 ? 0 : BitOperations.Log2((ulong)microseconds) + 1;
            counts[bucket]++;
            low = Math.Min(low, bucket);
            high = Math.Max(high, bucket);
        }
        var buckets = new List<(long, long, long)>();
        for (int b = low; b <= high; b++)
            buckets.Add((b == 0 ? 0 : 1L << (b - 1), b >= 63 ? long.MaxValue : 1L << b, counts[b]));
        return buckets;
    }

    /// <summary>bpftrace's label of a bound: 512, 1K, 2K ... 1M.</summary>
    public static string Label(long value) => value switch
    {
        long.MaxValue => "...",
        >= 1L << 30 when value % (1L << 30) == 0 => (value >> 30).ToString(CultureInfo.InvariantCulture) + "G",
        >= 1L << 20 when value % (1L << 20) == 0 => (value >> 20).ToString(CultureInfo.InvariantCulture) + "M",
        >= 1L << 10 when value % (1L << 10) == 0 => (value >> 10).ToString(CultureInfo.InvariantCulture) + "K",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };
}
