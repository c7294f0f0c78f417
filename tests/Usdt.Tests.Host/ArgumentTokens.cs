using System;
using System.Globalization;
using System.Text;

namespace Usdt.Tests.Host;

/// <summary>
/// Fire arguments written as words: <c>i:-5</c> (a signed 64-bit value), <c>u:18446744073709551615</c>
/// (unsigned), <c>s:BASE64</c> (UTF-8 text, so spaces and any character survive), <c>null</c>
/// (a null string).
/// </summary>
internal static class ArgumentTokens
{
    public static ProbeArgument[] Parse(ReadOnlySpan<string> tokens)
    {
        var arguments = new ProbeArgument[tokens.Length];
        for (int i = 0; i < tokens.Length; i++)
            arguments[i] = ParseOne(tokens[i]);
        return arguments;
    }

    private static ProbeArgument ParseOne(string token)
    {
        if (token == "null")
            return (string?)null;
        string value = token[2..];
        return token[..2] switch
        {
            "i:" => long.Parse(value, CultureInfo.InvariantCulture),
            "u:" => ulong.Parse(value, CultureInfo.InvariantCulture),
            "s:" => Encoding.UTF8.GetString(Convert.FromBase64String(value)),
            _ => throw new ArgumentException($"unknown argument token '{token}'"),
        };
    }
}
