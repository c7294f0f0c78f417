using System.Runtime.CompilerServices;
using Usdt.Benchmarks.Subjects.WovenReplica;

namespace Usdt.Benchmarks.Enabled;

/// <summary>
/// One tight loop per case, the probe site inlined into the loop body, as the C
/// baselines' loops (bench/native) have theirs.
/// </summary>
internal static partial class FireLoops
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Fire2(long count)
    {
        for (long i = 0; i < count; i++)
            LoopProbeSites.Fire2(i);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void FireShortString(long count)
    {
        for (long i = 0; i < count; i++)
            LoopProbeSites.FireShortString(i);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Fire256String(long count)
    {
        for (long i = 0; i < count; i++)
            LoopProbeSites.Fire256String(i);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Fire6(long count)
    {
        for (long i = 0; i < count; i++)
            LoopProbeSites.Fire6(i);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ApiFire2(long count)
    {
        for (long i = 0; i < count; i++)
            LoopProbeSites.ApiFire2(i);
    }
}
