using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Usdt.Firing;

/// <summary>The clock of return probes' elapsed time: the monotonic <see cref="Stopwatch"/> clock.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ProbeClock
{
    private static readonly double s_nanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>Now, in <see cref="Stopwatch"/> ticks; never 0, which means "not measured".</summary>
    /// <remarks>
    /// Not inlined: inlined, the clock's native call makes the JIT add a <c>vzeroupper</c> to
    /// the prologue of every woven method, traced or not.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
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
