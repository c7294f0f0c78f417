using System.ComponentModel;
using System.Diagnostics;

namespace Usdt.Firing;

/// <summary>The clock of return probes' elapsed time: the monotonic <see cref="Stopwatch"/> clock.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ProbeClock
{
    private static readonly double s_nanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>Now, in <see cref="Stopwatch"/> ticks; never 0, which means "not measured".</summary>
    public static long Timestamp() => Stopwatch.GetTimestamp();

    /// <summary>Nanoseconds since <paramref name="start"/>, or 0 when <paramref name="start"/> is 0 (not measured).</summary>
    public static long ElapsedNanoseconds(long start)
    {
        if (start == 0)
            return 0;
        long ticks = Stopwatch.GetTimestamp() - start;
        // On Linux the Stopwatch frequency is 1 GHz: ticks are already nanoseconds.
        return Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * s_nanosecondsPerTick);
    }
}
