using System;
using System.Diagnostics;

namespace Usdt.Benchmarks.Wholesale;

/// <summary>
/// What one run of the weaver cost the process: its time, the bytes allocated meanwhile (on
/// every thread, the weaver's library and manifest writers included), the collections and
/// the collector's pauses. A third to a half of a weave is the collector (bench/RESULTS.md),
/// so the time alone does not say why it changed.
/// </summary>
internal sealed class WeaveCost
{
    private readonly Stopwatch _clock = new();
    private long _allocatedAtStart;
    private int _collectionsAtStart;
    private TimeSpan _pauseAtStart;

    public double Milliseconds => _clock.Elapsed.TotalMilliseconds;

    public double AllocatedMegabytes { get; private set; }

    /// <summary>Collections of any generation (a collection of generation 1 or 2 counts once).</summary>
    public int Collections { get; private set; }

    public double PauseMilliseconds { get; private set; }

    public void Start()
    {
        _allocatedAtStart = GC.GetTotalAllocatedBytes();
        _collectionsAtStart = GC.CollectionCount(0);
        _pauseAtStart = GC.GetTotalPauseDuration();
        _clock.Start();
    }

    public void Stop()
    {
        _clock.Stop();
        AllocatedMegabytes = (GC.GetTotalAllocatedBytes() - _allocatedAtStart) / 1e6;
        Collections = GC.CollectionCount(0) - _collectionsAtStart;
        PauseMilliseconds = (GC.GetTotalPauseDuration() - _pauseAtStart).TotalMilliseconds;
    }
}
