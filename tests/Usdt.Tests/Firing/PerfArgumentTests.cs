using System.Linq;
using Usdt.Tests.Tracers;
using Xunit;

namespace Usdt.Tests.Firing;

/// <summary>What perf recorded: every argument of a twelve-argument probe, and string pointers.</summary>
public sealed class PerfArgumentTests(PerfArgumentsSession session) : IClassFixture<PerfArgumentsSession>
{
    [SkippableFact]
    public void PerfCachesTheLibraryByBuildIdAndDefinesItsSdtEventsWithTheSemaphore()
    {
        Requires.Met(session.Skipped);

        Assert.True(session.BuildIdCached);
        Assert.Equal(2, session.Definitions.Count);
        Assert.All(session.Definitions, d => Assert.Matches(@":0x[0-9a-f]+\(0x[0-9a-f]+\) arg1=", d));
        Assert.Contains(session.Definitions, d => d.Contains("arg12=+48(%sp):u64", System.StringComparison.Ordinal));
    }

    [SkippableFact]
    public void PerfRecordsTwelveArgumentsAtTheirMinimum()
    {
        Requires.Met(session.Skipped);

        Assert.Equal(2, session.Twelve.Count);
        Assert.Equal(
            [sbyte.MinValue, 0, short.MinValue, 0, int.MinValue, 0, long.MinValue, 0, -1, 0, int.MinValue, 0],
            Arguments(session.Twelve[0]));
    }

    [SkippableFact]
    public void PerfRecordsTwelveArgumentsAtTheirMaximum()
    {
        Requires.Met(session.Skipped);

        Assert.Equal(2, session.Twelve.Count);
        Assert.Equal(
            [sbyte.MaxValue, byte.MaxValue, short.MaxValue, ushort.MaxValue, int.MaxValue, uint.MaxValue, long.MaxValue, unchecked((long)ulong.MaxValue), sbyte.MaxValue, ushort.MaxValue, int.MaxValue, unchecked((long)ulong.MaxValue)],
            Arguments(session.Twelve[1]));
    }

    /// <summary>
    /// The twelve values as the probe's kinds define them. perf 6.1's <c>perf script</c>
    /// prints <c>s8</c>/<c>s16</c> fields zero-extended (128 for -128) although its own
    /// definition says s8; the bits are what the kernel read, so they are taken at the
    /// kind's width and sign, as a user reading the spec would. (tracefs and bpftrace print
    /// the sign themselves, and their tests check it.)
    /// </summary>
    private static long[] Arguments(Tracers.PerfSample sample) =>
        Enumerable.Range(0, 12).Select(i =>
        {
            long value = sample.Argument(i);
            return TracefsArgumentsSession.TwelveKinds[i] switch
            {
                ProbeArgumentType.Int8 => (sbyte)value,
                ProbeArgumentType.UInt8 => (byte)value,
                ProbeArgumentType.Int16 => (short)value,
                ProbeArgumentType.UInt16 => (ushort)value,
                ProbeArgumentType.Int32 => (int)value,
                ProbeArgumentType.UInt32 => (uint)value,
                _ => value,
            };
        }).ToArray();

    [SkippableFact]
    public void PerfSeesAStringAsAPointerAndNullAsZero()
    {
        Requires.Met(session.Skipped);

        var sample = Assert.Single(session.Pointers);
        Assert.NotEqual(0, sample.Argument(0));
        Assert.Equal(0, sample.Argument(1));
    }

    [SkippableFact]
    public void SemaphoreIsRaisedOnlyWhilePerfRecords()
    {
        Requires.Met(session.Skipped);

        Assert.Equal((false, true, false), (session.WasEnabledBefore, session.EnabledWhileRecording, session.EnabledAfterRecording));
    }
}
