using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace Usdt.Tests;

/// <summary>Reads this process's own memory, as the kernel left it (stubs patched by uprobes, semaphores raised).</summary>
internal static class ProcessMemory
{
    public static byte[] Read(nint address, int count)
    {
        var bytes = new byte[count];
        Marshal.Copy(address, bytes, 0, count);
        return bytes;
    }

    public static ushort ReadUInt16(nint address) => (ushort)Marshal.ReadInt16(address);

    /// <summary>The file mapped at <paramref name="address"/>, as /proc/self/maps names it (what a tracer reading it sees).</summary>
    public static string? MappedFile(nint address)
    {
        foreach (string line in File.ReadLines("/proc/self/maps"))
        {
            string[] fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            string[] range = fields[0].Split('-');
            long start = long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            long end = long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (address >= start && address < end)
                return fields.Length > 5 ? fields[5].Trim() : null;
        }
        return null;
    }
}
