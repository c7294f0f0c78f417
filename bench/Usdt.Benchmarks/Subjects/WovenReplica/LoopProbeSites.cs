using System.Runtime.CompilerServices;
using Usdt.Firing;
using T = Usdt.Benchmarks.Subjects.WovenReplica.ReplicaProbeTable;

namespace Usdt.Benchmarks.Subjects.WovenReplica;

/// <summary>
/// HAND-WRITTEN REPLICAS of woven static-probe sites, one per argument shape, fired by the
/// enabled-probe loops and by <see cref="Disabled.FireWithoutTracerBenchmarks"/>. Inlined
/// into the caller, as a woven static probe is.
/// </summary>
internal static unsafe class LoopProbeSites
{
    /// <summary>A 256-byte ASCII string: exactly the default string limit, so it is passed whole.</summary>
    public static readonly string LongText = new('x', ProbeLimits.DefaultStringLimit);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fire2(long i)
    {
        if (*(ushort*)(T.Semaphores + 2 * T.Fire2) != 0)
            ProbeFire.Fire2(T.Stubs + 8 * T.Fire2, i, 42);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FireShortString(long i)
    {
        if (*(ushort*)(T.Semaphores + 2 * T.FireShortString) != 0)
            ProbeFire.Fire2(T.Stubs + 8 * T.FireShortString, i, ProbeArgs.Utf8(Workload.Sku, 1, ProbeLimits.DefaultStringLimit));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fire256String(long i)
    {
        if (*(ushort*)(T.Semaphores + 2 * T.Fire256String) != 0)
            ProbeFire.Fire2(T.Stubs + 8 * T.Fire256String, i, ProbeArgs.Utf8(LongText, 1, ProbeLimits.DefaultStringLimit));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fire6(long i)
    {
        if (*(ushort*)(T.Semaphores + 2 * T.Fire6) != 0)
            ProbeFire.Fire6(T.Stubs + 8 * T.Fire6, i, 42, 43, 44, 45, 46);
    }

    /// <summary>The same two-integer probe through the public API (<see cref="Probe.Fire(ProbeArgument, ProbeArgument)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ApiFire2(long i) => ApiProbeSubject.Fire2.Fire(i, 42L);
}
