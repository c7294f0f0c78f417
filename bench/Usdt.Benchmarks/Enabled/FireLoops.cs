using System.Runtime.CompilerServices;
using Usdt.Benchmarks.Subjects;

namespace Usdt.Benchmarks.Enabled;

/// <summary>
/// One tight loop per case, the probe site inlined into the loop body, as the C
/// baselines' loops (bench/native) have theirs. The woven static probes' loops are in
/// FireLoops.Woven.cs.
/// </summary>
internal static partial class FireLoops
{
    /// <summary>The two-integer probe through the public API (<see cref="Probe.Fire(ProbeArgument, ProbeArgument)"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ApiFire2(long count)
    {
        for (long i = 0; i < count; i++)
            ApiProbeSubject.Fire2.Fire(i, 42L);
    }
}
