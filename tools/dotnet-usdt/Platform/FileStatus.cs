using System.IO;
using System.Runtime.InteropServices;

namespace DotnetUsdt.Platform;

/// <summary>The inode of a file, which /proc/PID/maps names each mapping by.</summary>
internal static partial class FileStatus
{
    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct Statx
    {
        public uint Mask;
        public uint BlockSize;
        public ulong Attributes;
        public uint Links;
        public uint Uid;
        public uint Gid;
        public ushort Mode;
        private ushort _pad0;
        public ulong Inode;
        private fixed byte _rest[256 - 40];
    }

    private const int AT_FDCWD = -100;
    private const uint STATX_INO = 0x100;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatxOf(int directory, string path, int flags, uint mask, out Statx status);

    /// <summary>The inode of what <paramref name="path"/> names (following links), or null when the kernel did not say.</summary>
    public static long? Inode(string path)
    {
        if (StatxOf(AT_FDCWD, path, 0, STATX_INO, out Statx status) != 0)
            throw new IOException($"statx {path}: {Libc.Describe(Libc.LastError)}");
        return (status.Mask & STATX_INO) != 0 ? (long)status.Inode : null;
    }
}
