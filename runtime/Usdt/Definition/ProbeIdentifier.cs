using System;

namespace Usdt;

/// <summary>
/// Validates provider and probe names. Both must be C identifiers so that every tracer
/// accepts them: bpftrace (<c>usdt:path:provider:name</c>), perf (<c>sdt_provider:name</c>)
/// and DTrace (<c>provider$pid:::name</c>).
/// </summary>
internal static class ProbeIdentifier
{
    public static bool IsValid(string? name, int maxLength) => name is not null && IsValid(name.AsSpan(), maxLength);

    public static bool IsValid(ReadOnlySpan<char> name, int maxLength)
    {
        if (name.IsEmpty || name.Length > maxLength || char.IsAsciiDigit(name[0]))
            return false;
        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                return false;
        }
        return true;
    }
}
