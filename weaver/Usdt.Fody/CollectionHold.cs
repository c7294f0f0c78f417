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
/// generation to generation: a third to a half of the weave's time (bench/RESULTS.md). The
/// build process's collector settings are not the weaver's to choose; a no-GC region is,
/// for the duration of one call. Starting one costs a full blocking collection of the heap
/// the build already holds, so the hold is taken only when the weave is expected to
/// allocate more than that heap, and only on runtimes with regions (.NET 7 and later), where
/// the budget is reserved, not committed up front; the budget is capped, so a huge module
/// holds at most <see cref="MaxBudget"/> more memory before the collector runs again. If
/// anything refuses (a budget the runtime cannot give, a region someone else already holds,
/// a budget overrun that ended the region early), the weave goes on under the ordinary
/// collector: the hold changes timing, never output.
/// </remarks>
internal sealed class CollectionHold : IDisposable
{
    /// <summary>What weaving one method allocates, generously: 21-28 KB per probed method measured (generated and real libraries).</summary>
    internal const long BytesPerMethod = 32 * 1024;

    /// <summary>What a weave allocates whatever its size: the configuration, the table, the writers' buffers.</summary>
    internal const long BytesPerModule = 32 * 1024 * 1024;

    /// <summary>The most a weave may allocate uncollected: a weave that outgrows it collects as usual from then on.</summary>
    internal const long MaxBudget = 384L * 1024 * 1024;

    private static readonly CollectionHold NotHeld = new();

    // The hold that started the process's current region: a hold whose region ended early
    // must not end a region another weave (a test run's parallel one) started since.
    private static CollectionHold? s_holder;

    private CollectionHold()
    {
    }

    /// <summary>Whether this hold started the collector's current no-GC region.</summary>
    public bool IsHeld => ReferenceEquals(Volatile.Read(ref s_holder), this) && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;

    /// <summary>Holds collections off for the weave of a module of <paramref name="methods"/> methods, when that pays.</summary>
    public static CollectionHold For(int methods)
        => WithBudget(Math.Min(BytesPerModule + methods * BytesPerMethod, MaxBudget));

    /// <summary>Holds collections off while at most <paramref name="budget"/> bytes are allocated, if the heap now holds less.</summary>
    internal static CollectionHold WithBudget(long budget)
    {
        if (!RegionsAvailable() || budget <= GC.GetTotalMemory(forceFullCollection: false))
            return NotHeld;
        var hold = new CollectionHold();
        if (Interlocked.CompareExchange(ref s_holder, hold, null) is not null)
            return NotHeld;
        try
        {
            if (GC.TryStartNoGCRegion(budget))
                return hold;
        }
        catch (ArgumentOutOfRangeException)
        {
            // A budget larger than the runtime allows one region.
        }
        catch (InvalidOperationException)
        {
            // Something else in this process holds a region of its own.
        }
        Volatile.Write(ref s_holder, null);
        return NotHeld;
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
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // The weave outgrew the budget and the region ended with a collection: nothing to end.
        }
        finally
        {
            Volatile.Write(ref s_holder, null);
        }
    }

    /// <summary>
    /// .NET 7 and later allocate in regions; there a no-GC region only reserves its budget.
    /// .NET Framework (MSBuild in Visual Studio) and older runtimes commit it up front.
    /// </summary>
    private static bool RegionsAvailable() => Environment.Version.Major >= 7;
}
