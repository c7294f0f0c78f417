using System;
using System.Collections.Generic;
using DotnetUsdt.Formatting;
using DotnetUsdt.Manifest;
using Usdt.Contract;
using Xunit;
using static DotnetUsdt.Tests.Support.TestLibrary;

namespace DotnetUsdt.Tests.Formatting;

/// <summary>Each .NET type of the argument table is printed as C# would show the value.</summary>
public sealed class ValueFormatterTests
{
    private static string Format(string type, ArgumentKind kind, long word, EnumInfo? names = null) =>
        ValueFormatter.Format(Argument(0, "x", type, kind, names), ArgumentValue.Integer(word));

    [Fact]
    public void IntegersAreReadAtTheirSizeAndSign()
    {
        Assert.Equal("-123456789", Format("System.Int32", ArgumentKind.Int32, unchecked((long)0xFFFF_FFFF_F8A4_32EBUL)));
        Assert.Equal("-123456789", Format("System.Int32", ArgumentKind.Int32, 0xF8A4_32EB)); // only the low 32 bits count
        Assert.Equal("4294967295", Format("System.UInt32", ArgumentKind.UInt32, -1));
        Assert.Equal("18446744073709551615", Format("System.UInt64", ArgumentKind.UInt64, -1));
        Assert.Equal("-32000", Format("System.Int16", ArgumentKind.Int16, -32000));
        Assert.Equal("254", Format("System.Byte", ArgumentKind.UInt8, 254));
        Assert.Equal("-81985529216486895", Format("System.Int64", ArgumentKind.Int64, -0x0123456789ABCDEFL));
    }

    [Fact]
    public void BoolsCharsAndDoubles()
    {
        Assert.Equal("true", Format("System.Boolean", ArgumentKind.UInt8, 1));
        Assert.Equal("false", Format("System.Boolean", ArgumentKind.UInt8, 0));
        Assert.Equal("'ж'", Format("System.Char", ArgumentKind.UInt16, '\u0436'));
        Assert.Equal("'\\u0007'", Format("System.Char", ArgumentKind.UInt16, 7));
        Assert.Equal("-1.5", Format("System.Double", ArgumentKind.Int64, BitConverter.DoubleToInt64Bits(-1.5)));
        Assert.Equal("3.141592653589793", Format("System.Double", ArgumentKind.Int64, BitConverter.DoubleToInt64Bits(Math.PI)));
        Assert.Equal("0.1", Format("System.Single", ArgumentKind.Int64, BitConverter.DoubleToInt64Bits(0.1)));
        Assert.Equal("NaN", Format("System.Double", ArgumentKind.Int64, BitConverter.DoubleToInt64Bits(double.NaN)));
    }

    [Fact]
    public void TimesFromTicks()
    {
        DateTime instant = new DateTime(2024, 2, 28, 23, 59, 59, DateTimeKind.Utc).AddTicks(1234567);
        Assert.Equal("2024-02-28T23:59:59.1234567", Format("System.DateTime", ArgumentKind.Int64, instant.Ticks));
        Assert.Equal("2024-02-28T23:59:59.1234567Z", Format("System.DateTimeOffset", ArgumentKind.Int64, instant.Ticks));
        Assert.Equal("1.02:03:04.5000000", Format("System.TimeSpan", ArgumentKind.Int64, new TimeSpan(1, 2, 3, 4, 500).Ticks));
        Assert.Equal("-00:00:01", Format("System.TimeSpan", ArgumentKind.Int64, -TimeSpan.TicksPerSecond));
        Assert.Equal("-5 ticks", Format("System.DateTime", ArgumentKind.Int64, -5));
    }

    [Fact]
    public void EnumsByNameFlagsJoinedUnknownAsNumbers()
    {
        var shade = new EnumInfo(false, [new KeyValuePair<string, long>("Dark", -2), new KeyValuePair<string, long>("Light", 7)]);
        var access = new EnumInfo(true, [new("None", 0), new("Read", 1), new("Write", 2)]);

        Assert.Equal("Dark", Format("P.Shade", ArgumentKind.Int32, unchecked((uint)-2), shade));
        Assert.Equal("Light", Format("P.Shade", ArgumentKind.Int32, 7, shade));
        Assert.Equal("3", Format("P.Shade", ArgumentKind.Int32, 3, shade));
        Assert.Equal("Read|Write", Format("P.Access", ArgumentKind.UInt32, 3, access));
        Assert.Equal("None", Format("P.Access", ArgumentKind.UInt32, 0, access));
        Assert.Equal("12", Format("P.Access", ArgumentKind.UInt32, 12, access));
    }

    [Fact]
    public void TextGuidsNullsAndTheUnreadable()
    {
        ArgumentInfo text = Argument(0, "s", "System.String", ArgumentKind.Utf8String);
        ArgumentInfo guid = Argument(0, "g", "System.Guid", ArgumentKind.Utf8String);

        Assert.Equal("\"Grüße, \\\"東京\\\"\\n\"", ValueFormatter.Format(text, ArgumentValue.Pointer(0x1000, "Grüße, \"東京\"\n")));
        Assert.Equal("\"\"", ValueFormatter.Format(text, ArgumentValue.Pointer(0x1000, "")));
        Assert.Equal("null", ValueFormatter.Format(text, ArgumentValue.Pointer(0, null)));
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", ValueFormatter.Format(guid, ArgumentValue.Pointer(0x1000, "0f8fad5b-d9cb-469f-a165-70867728950e")));
        Assert.Equal("?", ValueFormatter.Format(text, ArgumentValue.Unavailable));
        Assert.Equal("out", ValueFormatter.Format(Argument(0, "o", "System.Int32", ArgumentKind.Int32, isOut: true), ArgumentValue.Integer(0)));
        Assert.Equal("(unsupported)", ValueFormatter.Format(Argument(0, "l", "System.Collections.Generic.List`1", ArgumentKind.Unsupported), ArgumentValue.Integer(0)));
        Assert.Equal("0x7f00", Format("System.Byte*", ArgumentKind.UInt64, 0x7f00));
    }

    [Theory]
    [InlineData(850L, "850 ns")]
    [InlineData(1_500L, "1.5 us")]
    [InlineData(92_000L, "92 us")]
    [InlineData(6_100_000L, "6.1 ms")]
    [InlineData(250_000_000L, "250 ms")]
    [InlineData(1_250_000_000L, "1.25 s")]
    public void DurationsInTheUnitAPersonReads(long nanoseconds, string text) =>
        Assert.Equal(text, DurationText.Of(nanoseconds));
}
