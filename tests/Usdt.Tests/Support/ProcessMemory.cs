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
}
