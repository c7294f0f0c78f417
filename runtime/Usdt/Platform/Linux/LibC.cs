using System;
using System.Runtime.InteropServices;

namespace Usdt.Platform.Linux;

/// <summary>
/// The few C library calls .NET has no API for. They are bound against the process's own
/// global symbols (dlopen(NULL)), which always include the C library, so the same code
/// works with glibc and musl without knowing the library's file name.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const uint STATX_TYPE = 0x1, STATX_MODE = 0x2, STATX_UID = 0x8;
    public const uint S_IFMT = 0xF000, S_IFDIR = 0x4000;
    public const uint MFD_CLOEXEC = 0x1, MFD_EXEC = 0x10;
    public const int EINVAL = 22;

    static LibC()
    {
        NativeLibrary.SetDllImportResolver(typeof(LibC).Assembly, (name, _, _) =>
            name == Library ? NativeLibrary.GetMainProgramHandle() : 0);
    }

    /// <summary>struct statx (include/uapi/linux/stat.h): the same layout on every architecture.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    public struct Statx
    {
        public uint Mask;
        public uint BlockSize;
        public ulong Attributes;
        public uint LinkCount;
        public uint Uid;
        public uint Gid;
        public ushort Mode;
    }

    [LibraryImport(Library, EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport(Library, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int StatxPath(int directoryFd, string path, int flags, uint mask, out Statx result);

    [LibraryImport(Library, EntryPoint = "memfd_create", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int MemfdCreate(string name, uint flags);

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
