using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Usdt.Integration.Tests;

/// <summary>What <c>/proc/PID/maps</c> says a process has mapped: the kernel's account, not the app's.</summary>
internal static class ProcessMaps
{
    /// <summary>One mapping: its address range and the file (or pseudo-file) behind it, "" when anonymous.</summary>
    public sealed record Mapping(ulong Start, ulong End, string Path);

    public static IReadOnlyList<Mapping> Of(int processId)
    {
        var mappings = new List<Mapping>();
        // "7f39982ab000-7f39982da000 r-xp 00001000 fe:00 11666244   /path/with spaces.so"
        foreach (string line in File.ReadAllLines($"/proc/{processId}/maps"))
        {
            string[] fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            string[] range = fields[0].Split('-');
            mappings.Add(new Mapping(ulong.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                ulong.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture), fields.Length == 6 ? fields[5].Trim() : ""));
        }
        return mappings;
    }

    /// <summary>The distinct files a process maps.</summary>
    public static IReadOnlyList<string> Files(int processId) => Of(processId).Select(m => m.Path).Where(p => p.Length > 0).Distinct().ToList();

    /// <summary>
    /// Probe libraries generated at start-up that a process maps: files named <c>usdt-PID-...so</c>
    /// in a private directory, or a memfd (<c>/memfd:usdt-LABEL</c>).
    /// </summary>
    public static IReadOnlyList<string> GeneratedLibraries(int processId) =>
        Files(processId).Where(p => System.IO.Path.GetFileName(p).StartsWith($"usdt-{processId}-", StringComparison.Ordinal) || p.StartsWith("/memfd:usdt", StringComparison.Ordinal)).ToList();

    /// <summary>Every process that maps <paramref name="path"/> now (processes that vanish while looked at are skipped).</summary>
    public static IReadOnlyList<int> ProcessesMapping(string path)
    {
        var processes = new List<int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(directory), out int pid))
                continue;
            try
            {
                if (Of(pid).Any(m => m.Path == path))
                    processes.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone, or not ours to read
            }
        }
        return processes;
    }
}
