using System;
using System.Runtime.InteropServices;

namespace Usdt.Platform.Linux;

/// <summary>
/// The C library calls .NET has no API for: directory-relative file operations on
/// descriptors (so that no path is resolved twice), advisory locks, the file-size limit,
/// memfd. They are bound against the process's own global symbols (dlopen(NULL)), which
/// always include the C library, so the same code works with glibc and musl without
/// knowing the library's file name. Constants are Linux's generic values, the same on
/// x86-64 and AArch64 (include/uapi/asm-generic/fcntl.h, errno-base.h, resource.h).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const int AT_EMPTY_PATH = 0x1000;
    public const int O_RDONLY = 0x0, O_RDWR = 0x2, O_CREAT = 0x40, O_EXCL = 0x80, O_NONBLOCK = 0x800;
    public const int O_DIRECTORY = 0x10000, O_NOFOLLOW = 0x20000, O_CLOEXEC = 0x80000;
    public const int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4;
    public const uint STATX_TYPE = 0x1, STATX_MODE = 0x2, STATX_UID = 0x8, STATX_MTIME = 0x40, STATX_INO = 0x100, STATX_SIZE = 0x200;
    public const uint S_IFMT = 0xF000, S_IFDIR = 0x4000, S_IFREG = 0x8000;
    public const uint MFD_CLOEXEC = 0x1, MFD_EXEC = 0x10;
    public const int EEXIST = 17, EINVAL = 22, EWOULDBLOCK = 11;
    public const int RLIMIT_FSIZE = 1;
    public const ulong RLIM_INFINITY = ulong.MaxValue;

    static LibC()
    {
        NativeLibrary.SetDllImportResolver(typeof(LibC).Assembly, (name, _, _) =>
            name == Library ? NativeLibrary.GetMainProgramHandle() : 0);
    }

    /// <summary>struct statx (include/uapi/linux/stat.h): the same layout on every architecture.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct Statx
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(20)] public uint Uid;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(112)] public long ModifiedSeconds;  // stx_mtime.tv_sec
        [FieldOffset(136)] public uint DeviceMajor;      // of the file system holding the file
        [FieldOffset(140)] public uint DeviceMinor;
    }

    /// <summary>struct rlimit: two rlim_t (unsigned long) values on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ResourceLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport(Library, EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport(Library, EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int StatxAt(int directoryFd, string path, int flags, uint mask, out Statx result);

    // openat is variadic in C; on Linux x86-64 and AArch64 a variadic integer argument travels
    // exactly where a fixed one does, so it is declared with its mode argument.
    [LibraryImport(Library, EntryPoint = "openat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int OpenAt(int directoryFd, string path, int flags, uint mode);

    [LibraryImport(Library, EntryPoint = "mkdirat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int MakeDirectoryAt(int directoryFd, string path, uint mode);

    [LibraryImport(Library, EntryPoint = "unlinkat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int UnlinkAt(int directoryFd, string path, int flags);

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport(Library, EntryPoint = "close")]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "getrlimit", SetLastError = true)]
    public static partial int GetResourceLimit(int resource, out ResourceLimit limit);

    /// <summary>Dl_info (dlfcn.h): the object an address belongs to.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct LoadedObject
    {
        public nint FileName;
        public nint LoadBase;
        public nint SymbolName;
        public nint SymbolAddress;
    }

    [LibraryImport(Library, EntryPoint = "dladdr")]
    public static partial int DlAddr(nint address, out LoadedObject info);

    [LibraryImport(Library, EntryPoint = "memfd_create", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int MemfdCreate(string name, uint flags);

    /// <summary>statx of an open descriptor (AT_EMPTY_PATH): what it is now, not what some path names.</summary>
    public static int StatxOf(int fd, out Statx result) =>
        StatxAt(fd, "", AT_EMPTY_PATH, STATX_TYPE | STATX_MODE | STATX_UID | STATX_MTIME | STATX_INO | STATX_SIZE, out result);

    public static int LastError => Marshal.GetLastPInvokeError();

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
