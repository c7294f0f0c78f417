using System;
using Xunit;

namespace Usdt.Tests.Definition;

/// <summary>
/// The 64-bit word each .NET value becomes before the stub is called: sign-extended for
/// signed types, zero-extended otherwise, IEEE bits for floating point, ticks for times.
/// (The tracer tests check what tracers then read from those words.)
/// </summary>
public sealed class ProbeArgumentTests
{
    private enum Small : sbyte { Minus = -2 }

    private enum Wide : ulong { Top = ulong.MaxValue }

    private static long Word(ProbeArgument argument) => argument.ToWord(0, ProbeLimits.DefaultStringLimit);

    [Fact]
    public void SignedIntegersAreSignExtended()
    {
        Assert.Equal(-1, Word((sbyte)-1));
        Assert.Equal(short.MinValue, Word(short.MinValue));
        Assert.Equal(int.MinValue, Word(int.MinValue));
        Assert.Equal(long.MinValue, Word(long.MinValue));
        Assert.Equal(-5, Word((nint)(-5)));
    }

    [Fact]
    public void UnsignedIntegersBoolAndCharAreZeroExtended()
    {
        Assert.Equal(255, Word(byte.MaxValue));
        Assert.Equal(65535, Word(ushort.MaxValue));
        Assert.Equal(uint.MaxValue, Word(uint.MaxValue));
        Assert.Equal(-1, Word(ulong.MaxValue)); // all 64 bits set
        Assert.Equal(1, Word(true));
        Assert.Equal(0, Word(false));
        Assert.Equal(0xE9, Word('é'));
        Assert.Equal(0xFFFF, Word(char.MaxValue));
    }

    [Fact]
    public void EnumsPassTheirUnderlyingValue()
    {
        Assert.Equal(-2, Word(ProbeArgument.FromEnum(Small.Minus)));
        Assert.Equal(-1, Word(ProbeArgument.FromEnum(Wide.Top)));
        Assert.Equal((long)DayOfWeek.Friday, Word(ProbeArgument.FromEnum(DayOfWeek.Friday)));
    }

    [Fact]
    public void FloatingPointPassesItsDoubleBits()
    {
        Assert.Equal(BitConverter.DoubleToInt64Bits(-2.5), Word(-2.5));
        Assert.Equal(BitConverter.DoubleToInt64Bits(1.5), Word(1.5f)); // float widened to double
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.NaN), Word(double.NaN));
    }

    [Fact]
    public void TimesPassTheirTicks()
    {
        var now = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        Assert.Equal(now.Ticks, Word(now));
        Assert.Equal(TimeSpan.FromSeconds(-3).Ticks, Word(TimeSpan.FromSeconds(-3)));
        var offset = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        Assert.Equal(offset.UtcTicks, Word(offset)); // the instant, whatever the offset
    }

    [Fact]
    public void NullStringPassesZeroAndTextPassesAPointer()
    {
        Assert.Equal(0, Word((string?)null));
        Assert.NotEqual(0, Word(""));
    }
}
