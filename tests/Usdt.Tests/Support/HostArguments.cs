using System;
using System.Globalization;
using System.Text;

namespace Usdt.Tests;

/// <summary>Fire arguments as the host's command line takes them (see the host's ArgumentTokens).</summary>
internal static class HostArguments
{
    public static string Int(long value) => "i:" + value.ToString(CultureInfo.InvariantCulture);

    public static string UInt(ulong value) => "u:" + value.ToString(CultureInfo.InvariantCulture);

    public static string Text(string value) => "s:" + Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    public const string Null = "null";
}
