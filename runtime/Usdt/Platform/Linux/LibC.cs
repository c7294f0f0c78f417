using System;
using System.Runtime.InteropServices;

namespace Usdt.Platform.Linux;

/// <summary>
/// The C library calls .NET has no API for: directory-relative file operations on
/// descriptors (so that no path is resolved twice), advisory locks, the file-size limit,
/// memfd. They are looked up among the process's own global symbols (dlopen(NULL)), which
/// always include the C library, so the same code works with glibc and musl without
/// knowing the library's file name. Constants are Linux's generic values, the same on
/// x86-64 and AArch64 (include/uapi/asm-generic/fcntl.h, errno-base.h, resource.h).
/// </summary>
/// <remarks>
/// Each function is called through an unmanaged function pointer bound on first use
/// (<see cref="DynamicLinker"/>), with paths encoded by <see cref="NulTerminatedUtf8"/>, rather
/// than through P/Invoke declarations: the first P/Invoke of a process (import resolver,
/// marshalling stubs, the UTF-8 transcoder) cost 2.8 ms in a fresh process, and registration
/// pays it before the application's first woven method runs. errno is read right after each
/// call and kept for the calling thread, as the source-generated stubs of
/// <c>[LibraryImport(SetLastError = true)]</c> keep it.
/// </remarks>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static unsafe class LibC
{
    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const int AT_EMPTY_PATH = 0x1000;
    public const int O_RDONLY = 0x0, O_RDWR = 0x2, O_CREAT = 0x40, O_EXCL = 0x80, O_NONBLOCK = 0x800;
    public const int O_DIRECTORY = 0x10000, O_NOFOLLOW = 0x20000, O_CLOEXEC = 0x80000;
    public const int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4;
    public const uint STATX_TYPE = 0x1, STATX_MODE = 0x2, STATX_UID = 0x8, STATX_MTIME = 0x40, STATX_INO = 0x100, STATX_SIZE = 0x200;
    public const uint S_IFMT = 0xF000, S_IFDIR = 0x4000, S_IFREG = 0x8000;
    public const uint MFD_CLOEXEC = 0x1, MFD_EXEC = 0x10;
    public const int EINTR = 4, EEXIST = 17, EINVAL = 22, EWOULDBLOCK = 11, ENAMETOOLONG = 36;
    public const int RLIMIT_FSIZE = 1;
    public const ulong RLIM_INFINITY = ulong.MaxValue;

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

    private static nint s_errno_location, s_geteuid, s_statx, s_openat, s_pread, s_mkdirat, s_unlinkat, s_flock, s_close, s_getrlimit, s_dladdr, s_memfd_create;

    public static uint GetEffectiveUserId() =>
        ((delegate* unmanaged<uint>)Bind(ref s_geteuid, "geteuid"))();

    public static int StatxAt(int directoryFd, string path, int flags, uint mask, out Statx result)
    {
        var statx = (delegate* unmanaged<int, byte*, int, uint, Statx*, int>)Bind(ref s_statx, "statx");
        byte* name = stackalloc byte[NulTerminatedUtf8.MaxBytes];
        result = default;
        if (!Encode(path, name))
            return -1;
        fixed (Statx* status = &result)
            return KeepErrno(statx(directoryFd, name, flags, mask, status));
    }

    // openat is variadic in C; on Linux x86-64 and AArch64 a variadic integer argument travels
    // exactly where a fixed one does, so it is declared with its mode argument.
    public static int OpenAt(int directoryFd, string path, int flags, uint mode)
    {
        var openat = (delegate* unmanaged<int, byte*, int, uint, int>)Bind(ref s_openat, "openat");
        byte* name = stackalloc byte[NulTerminatedUtf8.MaxBytes];
        return Encode(path, name) ? KeepErrno(openat(directoryFd, name, flags, mode)) : -1;
    }

    /// <summary>pread(2): up to <paramref name="count"/> bytes at <paramref name="offset"/>, without moving the file position.</summary>
    public static nint PRead(int fd, byte* buffer, nint count, long offset) =>
        KeepErrno(((delegate* unmanaged<int, byte*, nint, long, nint>)Bind(ref s_pread, "pread"))(fd, buffer, count, offset));

    public static int MakeDirectoryAt(int directoryFd, string path, uint mode)
    {
        var mkdirat = (delegate* unmanaged<int, byte*, uint, int>)Bind(ref s_mkdirat, "mkdirat");
        byte* name = stackalloc byte[NulTerminatedUtf8.MaxBytes];
        return Encode(path, name) ? KeepErrno(mkdirat(directoryFd, name, mode)) : -1;
    }

    public static int UnlinkAt(int directoryFd, string path, int flags)
    {
        var unlinkat = (delegate* unmanaged<int, byte*, int, int>)Bind(ref s_unlinkat, "unlinkat");
        byte* name = stackalloc byte[NulTerminatedUtf8.MaxBytes];
        return Encode(path, name) ? KeepErrno(unlinkat(directoryFd, name, flags)) : -1;
    }

    public static int Flock(int fd, int operation) =>
        KeepErrno(((delegate* unmanaged<int, int, int>)Bind(ref s_flock, "flock"))(fd, operation));

    public static int Close(int fd) =>
        ((delegate* unmanaged<int, int>)Bind(ref s_close, "close"))(fd);

    public static int GetResourceLimit(int resource, out ResourceLimit limit)
    {
        var getrlimit = (delegate* unmanaged<int, ResourceLimit*, int>)Bind(ref s_getrlimit, "getrlimit");
        limit = default;
        fixed (ResourceLimit* result = &limit)
            return KeepErrno(getrlimit(resource, result));
    }

    /// <summary>Dl_info (dlfcn.h): the object an address belongs to.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct LoadedObject
    {
        public nint FileName;
        public nint LoadBase;
        public nint SymbolName;
        public nint SymbolAddress;
    }

    public static int DlAddr(nint address, out LoadedObject info)
    {
        var dladdr = (delegate* unmanaged<nint, LoadedObject*, int>)Bind(ref s_dladdr, "dladdr");
        info = default;
        fixed (LoadedObject* result = &info)
            return dladdr(address, result);
    }

    public static int MemfdCreate(string name, uint flags)
    {
        var memfd_create = (delegate* unmanaged<byte*, uint, int>)Bind(ref s_memfd_create, "memfd_create");
        byte* text = stackalloc byte[NulTerminatedUtf8.MaxBytes];
        return Encode(name, text) ? KeepErrno(memfd_create(text, flags)) : -1;
    }

    /// <summary>statx of an open descriptor (AT_EMPTY_PATH): what it is now, not what some path names.</summary>
    public static int StatxOf(int fd, out Statx result) =>
        StatxAt(fd, "", AT_EMPTY_PATH, STATX_TYPE | STATX_MODE | STATX_UID | STATX_MTIME | STATX_INO | STATX_SIZE, out result);

    [ThreadStatic]
    private static int t_lastError;

    /// <summary>errno as the calling thread's last call through this class left it.</summary>
    public static int LastError => t_lastError;

    /// <summary>
    /// The function's address among the process's global symbols, looked up once; throws
    /// EntryPointNotFoundException where the C library lacks it, as a P/Invoke would.
    /// </summary>
    private static nint Bind(ref nint slot, string name)
    {
        // A race binds the same address twice: harmless.
        if (slot == 0)
            slot = DynamicLinker.Symbol(name);
        return slot;
    }

    /// <summary>Encodes <paramref name="path"/> for C, or sets errno as the kernel would have refused it.</summary>
    private static bool Encode(string path, byte* buffer)
    {
        if (NulTerminatedUtf8.TryEncode(path, new Span<byte>(buffer, NulTerminatedUtf8.MaxBytes)))
            return true;
        t_lastError = path.IndexOf('\0') >= 0 ? EINVAL : ENAMETOOLONG;
        return false;
    }

    /// <summary>Keeps errno of the call that returned <paramref name="result"/> before any other code can change it.</summary>
    private static int KeepErrno(int result) => (int)KeepErrno((nint)result);

    private static nint KeepErrno(nint result)
    {
        // __errno_location: the thread's errno, in glibc and musl alike.
        t_lastError = *((delegate* unmanaged<int*>)Bind(ref s_errno_location, "__errno_location"))();
        return result;
    }

    /// <summary>Reads exactly <paramref name="buffer"/>'s length at <paramref name="offset"/>, retrying short reads; false at end of file or on an error.</summary>
    public static bool ReadFully(int fd, Span<byte> buffer, long offset)
    {
        fixed (byte* start = buffer)
        {
            int read = 0;
            while (read < buffer.Length)
            {
                nint got = PRead(fd, start + read, buffer.Length - read, offset + read);
                if (got <= 0)
                {
                    if (got < 0 && LastError == EINTR)
                        continue;
                    return false;
                }
                read += (int)got;
            }
            return true;
        }
    }

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
