using System;
using System.Diagnostics;

namespace Usdt.Benchmarks.Wholesale;

/// <summary>
/// What one run of the weaver cost the process: its time, the bytes allocated meanwhile (on
/// every thread, the weaver's library and manifest writers included), the collections and
/// the collector's pauses. A third to a half of a weave is the collector (bench/RESULTS.md),
/// so the time alone does not say why it changed. And what the process paid after it: the
/// weaver holds collections off while it weaves a large module, and the first collection
/// after the weave walks all it allocated (<see cref="MeasureAftermath"/>).
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

    /// <summary>The time to allocate <see cref="AftermathMegabytes"/> MB of small objects right after the weave.</summary>
    public double AftermathMilliseconds { get; private set; } = double.NaN;

    /// <summary>The collector's pauses within <see cref="AftermathMilliseconds"/>.</summary>
    public double AftermathPauseMilliseconds { get; private set; } = double.NaN;

    /// <summary>As much as a build goes on to allocate after the weave, about: Fody's write and MSBuild's next targets.</summary>
    public const int AftermathMegabytes = 240;

    // A 16-byte array is a 40-byte object: header, method table pointer, length, elements.
    private const int AftermathObjectBytes = 40;

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

    /// <summary>
    /// Allocates <see cref="AftermathMegabytes"/> MB of short-lived small objects, once the
    /// woven module is unreachable, and times it with the collections it causes.
    /// </summary>
    public void MeasureAftermath()
    {
        TimeSpan pauseAtStart = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        // Kept in a ring, so each object escapes and is allocated on the heap.
        var ring = new object[1024];
        for (int i = 0; i < AftermathMegabytes * 1_000_000 / AftermathObjectBytes; i++)
            ring[i & (ring.Length - 1)] = new byte[16];
        clock.Stop();
        GC.KeepAlive(ring);
        AftermathMilliseconds = clock.Elapsed.TotalMilliseconds;
        AftermathPauseMilliseconds = (GC.GetTotalPauseDuration() - pauseAtStart).TotalMilliseconds;
    }
}
