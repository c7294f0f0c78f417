using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Usdt.Tests;

/// <summary>
/// Whether the kernel can optimise a uprobe at an address of this process: its x86-64
/// fast path replaces the probed nop with a <c>call rel32</c> to a "[uprobes-trampoline]"
/// page, which must lie within ±2 GiB of the call, either one that exists already or a
/// new one in a free gap. .NET reserves gigabytes around its runtime (the executable
/// allocator keeps JIT code within reach of libcoreclr), so a library can land where no
/// such page fits, and the kernel then keeps the int3 breakpoint for good.
/// </summary>
internal static class TrampolineRoom
{
    private const long Reach = (1L << 31) - (1L << 20); // rel32, less a margin for the call's own length
    private const long Page = 4096;

    public static bool Near(nint address, out string detail)
    {
        var mappings = new List<(long Start, long End, string Name)>();
        foreach (string line in File.ReadLines("/proc/self/maps"))
        {
            string[] fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            string[] range = fields[0].Split('-');
            mappings.Add((long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                fields.Length > 5 ? fields[5].Trim() : ""));
        }
        mappings.Sort();
        long low = address - Reach, high = address + Reach;
        for (int i = 0; i < mappings.Count; i++)
        {
            (long start, long end, string name) = mappings[i];
            if (name == "[uprobes-trampoline]" && start >= low && end <= high)
            {
                detail = $"a trampoline exists at {start:x}";
                return true;
            }
            long gapEnd = i + 1 < mappings.Count ? mappings[i + 1].Start : end;
            if (Math.Min(gapEnd, high) - Math.Max(end, low) >= Page)
            {
                detail = $"free gap {Math.Max(end, low):x}-{Math.Min(gapEnd, high):x}";
                return true;
            }
        }
        detail = $"no free page and no trampoline within 2 GiB of {address:x}";
        return false;
    }
}
