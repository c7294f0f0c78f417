using System;
using System.Runtime;
using System.Threading;

namespace Usdt.Fody;

/// <summary>
/// Holds the garbage collector off while a large module is woven (a no-GC region), and lets
/// it go afterwards.
/// </summary>
/// <remarks>
/// Most of what a weave allocates is the woven code, which lives until Fody writes the
/// module. MSBuild runs the concurrent workstation collector, whose youngest generation is
/// a few MB, so a weave of 10,000 methods collected fifteen times and copied that code from
/// generation to generation: a third of the weave's time (bench/RESULTS.md). The build
/// process's collector settings are not the weaver's to choose; a no-GC region is, for the
/// duration of one call. Starting one costs a full blocking collection of the heap the
/// build already holds, so the hold is taken only when the weave is expected to allocate
/// more than that heap. The runtime commits the budget when the region starts, but its
/// pages become resident only as the weave allocates them; the budget is capped at
/// <see cref="MaxBudget"/>. Only on .NET 8 and later: .NET Framework MSBuild and older
/// runtimes were not measured. If anything refuses (a budget the runtime cannot give, as
/// under a container's memory limit, a region already started, a weave that outgrows its
/// budget and so ends the region with a collection), the weave goes on under the ordinary
/// collector: the hold changes timing and memory, never output.
/// </remarks>
internal sealed class CollectionHold : IDisposable
{
    /// <summary>What weaving one probed method allocates, generously: 21-28 KB measured (generated and real libraries).</summary>
    internal const long BytesPerMethod = 32 * 1024;

    /// <summary>What a weave allocates whatever its size: the configuration, the table, the writers' buffers.</summary>
    internal const long BytesPerModule = 32 * 1024 * 1024;

    /// <summary>The most a weave may allocate uncollected: a weave that outgrows it collects as usual from then on.</summary>
    internal const long MaxBudget = 384L * 1024 * 1024;

    /// <summary>
    /// The large-object part of the budget, on top of it: the probe libraries' images and
    /// the instruction arrays of the largest bodies. Without it the runtime would give the
    /// large-object heap a budget as large as the whole.
    /// </summary>
    internal const long LargeObjectBudget = 64L * 1024 * 1024;

    /// <summary>No hold: for a weave that takes none.</summary>
    public static CollectionHold None { get; } = new();

    // The hold that started a region and has not let it go: one weave at a time holds
    // (a test run weaves on several threads).
    private static CollectionHold? s_holder;

    private CollectionHold()
    {
    }

    /// <summary>Whether this hold's no-GC region is in force.</summary>
    public bool IsHeld => ReferenceEquals(Volatile.Read(ref s_holder), this) && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;

    /// <summary>Holds collections off for a weave of <paramref name="methods"/> methods, when that pays.</summary>
    public static CollectionHold For(int methods)
        => WithBudget(Math.Min(BytesPerModule + methods * BytesPerMethod, MaxBudget));

    /// <summary>Holds collections off while at most <paramref name="budget"/> bytes of small objects are allocated, if the heap now holds less.</summary>
    internal static CollectionHold WithBudget(long budget)
    {
        if (!RuntimeMeasured() || budget <= GC.GetTotalMemory(forceFullCollection: false))
            return None;
        // Asked while a region is in force, the runtime refuses and ends that region too.
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            return None;
        var hold = new CollectionHold();
        if (Interlocked.CompareExchange(ref s_holder, hold, null) is not null)
            return None;
        try
        {
            if (GC.TryStartNoGCRegion(budget + LargeObjectBudget, LargeObjectBudget))
                return hold;
        }
        catch (ArgumentOutOfRangeException)
        {
            // A budget larger than the runtime allows one region.
        }
        catch (InvalidOperationException)
        {
            // Something else in this process started a region of its own just now.
        }
        Volatile.Write(ref s_holder, null);
        return None;
    }

    /// <summary>
    /// Lets the collector run again. What the budget left unused stays the youngest
    /// generation's room: the process collects once it has allocated that much more.
    /// </summary>
    public void Dispose()
    {
        if (!ReferenceEquals(Volatile.Read(ref s_holder), this))
            return;
        try
        {
            // Also after an overrun ended the region: the runtime then refuses, and forgets it.
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // The weave outgrew the budget and the region ended with a collection.
        }
        finally
        {
            Volatile.Write(ref s_holder, null);
        }
    }

    /// <summary>.NET 8 and later (MSBuild of the .NET 8 SDK on), not .NET Framework MSBuild (Visual Studio's).</summary>
    private static bool RuntimeMeasured() => Environment.Version.Major >= 8;
}
