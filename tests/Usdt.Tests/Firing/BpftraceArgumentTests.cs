using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Usdt.Tests.Tracers;
using Xunit;
using static Usdt.Tests.Firing.BpftraceArgumentsSession;

namespace Usdt.Tests.Firing;

/// <summary>What bpftrace, attached by library path, read from each fire: every kind, value by value.</summary>
public sealed class BpftraceArgumentTests(BpftraceArgumentsSession session) : IClassFixture<BpftraceArgumentsSession>
{
    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("x", CultureInfo.InvariantCulture);

    [SkippableFact]
    public void IntegersAtTheirMinimumKeepSignAndWidth()
    {
        Requires.Met(session.Skipped);

        Assert.Equal(["-128", "0", "-32768", "0", "-2147483648", "0"], session.Texts("ints_min"));
        Assert.Equal([Text(long.MinValue), "0"], session.Texts("wide_min")[..2]);
    }

    [SkippableFact]
    public void IntegersAtTheirMaximumKeepSignAndWidth()
    {
        Requires.Met(session.Skipped);

        Assert.Equal(["127", "255", "32767", "65535", "2147483647", "4294967295"], session.Texts("ints_max"));
        Assert.Equal([Text(long.MaxValue), Text(ulong.MaxValue)], session.Texts("wide_max")[..2]);
    }

    [SkippableFact]
    public void BoolAndCharArriveAsTheirIntegerValues()
    {
        Requires.Met(session.Skipped);

        Assert.Equal(["0", "0"], session.Texts("wide_min")[2..4]);
        Assert.Equal(["1", "65535"], session.Texts("wide_max")[2..4]);
    }

    [SkippableFact]
    public void FloatAndDoubleArriveAsTheirIeeeBits()
    {
        Requires.Met(session.Skipped);

        Assert.Equal([Bits(-0.0), Bits(double.NegativeInfinity)], session.Texts("wide_min")[4..6]);
        Assert.Equal([Bits(double.MaxValue), Bits(1.5)], session.Texts("wide_max")[4..6]);
    }

    [SkippableFact]
    public void EmptyStringArrivesEmpty()
    {
        Requires.Met(session.Skipped);

        Assert.Empty(session.Fields("texts")[0]);
        Assert.Equal("plain", session.Texts("texts")[3]);
    }

    [SkippableFact]
    public void NonAsciiTextArrivesAsItsUtf8Bytes()
    {
        Requires.Met(session.Skipped);

        Assert.Equal(Encoding.UTF8.GetBytes(NonAscii), session.Fields("texts")[1]);
    }

    [SkippableFact]
    public void NullStringArrivesAsANullPointer()
    {
        Requires.Met(session.Skipped);

        Assert.Equal("0", session.Texts("texts")[2]);
    }

    [SkippableFact]
    public void OverLimitStringsAreCutAtTheLimitOnACharacterBoundary()
    {
        Requires.Met(session.Skipped);

        byte[][] fields = session.Fields("cut");
        Assert.Equal("abcdefghij", Encoding.UTF8.GetString(fields[0]));
        Assert.Equal("ééééé", Encoding.UTF8.GetString(fields[1]));   // 10 bytes: five whole é
        Assert.Equal("aéééé", Encoding.UTF8.GetString(fields[2]));   // 9 bytes: a sixth é would need bytes 10 and 11
        Assert.Equal("€€€", Encoding.UTF8.GetString(fields[3]));     // 9 of 12 bytes
        Assert.Equal("😀😀", Encoding.UTF8.GetString(fields[4]));     // 8 of 12 bytes
        Assert.Equal("abcdefghij", Encoding.UTF8.GetString(fields[5])); // exactly at the limit: whole
        Assert.All(fields[..6], field =>
        {
            Assert.InRange(field.Length, 1, CutLimit);
            Assert.Equal(field, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(field))); // no split sequence
        });
    }

    [SkippableFact]
    public void EnumsTicksGuidsAndNativeIntegersArriveAsTheContractMapsThem()
    {
        Requires.Met(session.Skipped);

        Assert.Equal(
            ["-3", Text(SomeDate.Ticks), Text(SomeSpan.Ticks), SomeGuid.ToString("D"), "-42", Text(ulong.MaxValue)],
            session.Texts("misc"));
    }

    [SkippableFact]
    public void SemaphoreWasRaisedOnlyWhileBpftraceWasAttached()
    {
        Requires.Met(session.Skipped);

        Assert.Equal((false, true, false), (session.WasEnabledBefore, session.EnabledWhileAttached, session.EnabledAfterStop));
    }
}
