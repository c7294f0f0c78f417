using System.Globalization;

namespace DotnetUsdt.Formatting;

/// <summary>Nanoseconds as a person reads them: <c>850 ns</c>, <c>92 us</c>, <c>6.1 ms</c>, <c>1.25 s</c>.</summary>
internal static class DurationText
{
    public static string Of(long nanoseconds) => nanoseconds switch
    {
        < 1_000 => $"{nanoseconds} ns",
        < 10_000 => Scaled(nanoseconds / 1e3, "0.0", "us"),
        < 1_000_000 => Scaled(nanoseconds / 1e3, "0", "us"),
        < 10_000_000 => Scaled(nanoseconds / 1e6, "0.0", "ms"),
        < 1_000_000_000 => Scaled(nanoseconds / 1e6, "0", "ms"),
        _ => Scaled(nanoseconds / 1e9, "0.00", "s"),
    };

    private static string Scaled(double value, string format, string unit) =>
        value.ToString(format, CultureInfo.InvariantCulture) + " " + unit;
}
