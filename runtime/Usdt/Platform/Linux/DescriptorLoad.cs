using System;
using System.IO;
using Usdt.Elf;

namespace Usdt.Platform.Linux;

/// <summary>
/// Loads a library through an open descriptor: <c>dlopen("/proc/self/fd/N")</c> maps the
/// very file behind the descriptor, the one this process wrote or checked, whatever its
/// path names by then. Tracers still see the file's real path in <c>/proc/PID/maps</c>.
/// </summary>
/// <remarks>
/// The dynamic loader recognises a library by the name it was opened by before looking at
/// the file: a second <c>dlopen("/proc/self/fd/5")</c> returns whatever was first loaded
/// under that name, though descriptor 5 may name another file by then. So descriptors of
/// loaded libraries stay open for the life of the process (no name of ours is ever reused),
/// and every load is confirmed: the object the anchor symbol belongs to must start where
/// the layout says and carry, in its first page, the build-id of the file that was checked.
/// </remarks>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class DescriptorLoad
{
    /// <summary>False in sandboxes without /proc, where a descriptor cannot be named.</summary>
    public static bool IsAvailable { get; } =
        LibC.StatxAt(LibC.AT_FDCWD, "/proc/self/fd", 0, LibC.STATX_TYPE, out LibC.Statx status) == 0 && (status.Mode & LibC.S_IFMT) == LibC.S_IFDIR;

    /// <summary>
    /// Loads the file behind <paramref name="fd"/> and returns the address of its stub 0
    /// (<paramref name="anchor"/>, at <paramref name="textAddress"/> in the file, which has
    /// <paramref name="buildId"/>); 0 with a reason when that cannot be done or confirmed.
    /// </summary>
    public static nint Load(int fd, string anchor, long textAddress, byte[] buildId, out string reason)
    {
        string name = ProcPath(fd);
        return Confirm(DynamicLinker.Open(name), anchor, textAddress, buildId, name, out reason);
    }

    /// <summary>
    /// <c>/proc/self/fd/N</c>, its digits written by hand: an interpolated number rents its
    /// buffer from the shared array pool, and naming any culture, even the invariant one,
    /// loads the ICU libraries (5 ms) in a process that has not used them yet.
    /// </summary>
    private static string ProcPath(int fd)
    {
        Span<char> digits = stackalloc char[10];
        int start = digits.Length;
        uint value = (uint)fd;
        do
        {
            digits[--start] = (char)('0' + value % 10);
            value /= 10;
        }
        while (value != 0);
        return string.Concat("/proc/self/fd/", digits[start..]);
    }

    /// <summary>As <see cref="Load"/>, for a library opened by <paramref name="path"/> (where /proc is missing).</summary>
    public static nint LoadPath(string path, string anchor, long textAddress, byte[] buildId, out string reason) =>
        Confirm(DynamicLinker.Open(path), anchor, textAddress, buildId, path, out reason);

    private static unsafe nint Confirm(nint handle, string anchor, long textAddress, byte[] buildId, string name, out string reason)
    {
        if (handle == 0)
        {
            reason = "cannot be loaded (noexec mount or sandbox?)";
            return 0;
        }
        // dladdr names the object the address lies in, so its first page (headers and
        // notes, always mapped) can be read safely whatever that object is.
        nint stub = DynamicLinker.Symbol(handle, anchor);
        if (stub == 0 ||
            LibC.DlAddr(stub, out LibC.LoadedObject loaded) == 0 ||
            loaded.LoadBase != stub - (nint)textAddress ||
            !HasBuildId((byte*)(loaded.LoadBase + ElfWriter.BuildIdDescriptorOffset), buildId))
        {
            reason = $"the dynamic loader returned another library for {name}";
            return 0;
        }
        reason = "";
        return stub;
    }

    private static unsafe bool HasBuildId(byte* mapped, byte[] buildId)
    {
        for (int i = 0; i < buildId.Length; i++)
        {
            if (mapped[i] != buildId[i])
                return false;
        }
        return true;
    }

    /// <summary>The path the kernel knows the open file by (readlink of /proc/self/fd/N), or null.</summary>
    public static string? PathOf(int fd)
    {
        try { return new FileInfo($"/proc/self/fd/{fd}").LinkTarget; }
        catch (IOException) { return null; }
    }
}
