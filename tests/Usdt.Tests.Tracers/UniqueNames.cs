using System;
using System.Threading;

namespace Usdt.Tests.Tracers;

/// <summary>
/// Names nobody else on this shared machine uses: a fixed prefix, this process's id, a
/// counter (<c>usdt_t{pid}_{n}</c>). Used for tracefs instances and groups and for test
/// providers (so perf's <c>sdt_PROVIDER</c> groups are unique too). The prefix and id let
/// <see cref="StaleTracefsEntries"/> recognise what a dead test process left behind.
/// </summary>
public static class UniqueNames
{
    public const string Prefix = "usdt_t";

    private static int s_counter;

    /// <summary>A C identifier unique on this machine while this process lives, optionally ending in <c>_label</c>.</summary>
    public static string Next(string? label = null) =>
        $"{Prefix}{Environment.ProcessId}_{Interlocked.Increment(ref s_counter)}" + (label is null ? "" : "_" + label);

    /// <summary>The process id that <see cref="Next"/> encoded in <paramref name="name"/> after <paramref name="prefix"/>, if any.</summary>
    public static int? OwnerOf(string name, string prefix = Prefix)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
            return null;
        string rest = name[prefix.Length..];
        int end = rest.IndexOf('_');
        return end > 0 && int.TryParse(rest[..end], out int pid) ? pid : null;
    }
}
