using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;

namespace Usdt.Benchmarks.Enabled;

/// <summary>
/// Times a fire loop the way bench/native/loop_timing.h times the C loops (same warm-up,
/// same repeats, same columns: case, probe, median and minimum ns per fire, the same monotonic clock), plus what C
/// cannot show: managed bytes allocated per fire.
/// </summary>
internal sealed class LoopTimer(long iterations, int repeats, TextWriter output)
{
    /// <summary>Fires made so far by each case, warm-up included (the tracer must count exactly these).</summary>
    public long TotalFires { get; private set; }

    public void Measure(string name, string probe, Action<long> loop)
    {
        long fires = 0;
        // Tier-up first: tiered compilation promotes a method called 30 times once the
        // background compiler has had a quiet spell; the C side has no such step.
        for (int round = 0; round < 4; round++)
        {
            for (int call = 0; call < 40; call++)
                loop(10);
            fires += 40 * 10;
            Thread.Sleep(120);
        }
        long warmup = iterations / 10;
        loop(warmup);
        fires += warmup;

        var samples = new double[repeats];
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < repeats; r++)
        {
            long start = Stopwatch.GetTimestamp();
            loop(iterations);
            samples[r] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / iterations;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        fires += repeats * iterations;
        TotalFires += fires;

        Array.Sort(samples);
        output.WriteLine(string.Join('\t', name, probe,
            samples[repeats / 2].ToString("F2", CultureInfo.InvariantCulture),
            samples[0].ToString("F2", CultureInfo.InvariantCulture),
            fires.ToString(CultureInfo.InvariantCulture),
            ((double)allocated / (repeats * iterations)).ToString("F3", CultureInfo.InvariantCulture)));
        output.Flush();
    }
}
