namespace Usdt.Platform.Linux;

/// <summary>
/// The process's file-size limit (<c>ulimit -f</c>, RLIMIT_FSIZE). A write past it does not
/// fail: the kernel sends SIGXFSZ, whose default action kills the process. So a library is
/// only written, to a file or a memfd, when it fits under the limit.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class FileSizeLimit
{
    public static bool Allows(long size, out string reason)
    {
        reason = "";
        if (LibC.GetResourceLimit(LibC.RLIMIT_FSIZE, out LibC.ResourceLimit limit) != 0 ||
            limit.Current == LibC.RLIM_INFINITY || (ulong)size <= limit.Current)
            return true;
        reason = $"the file-size limit (ulimit -f, {limit.Current} bytes) is below the library's {size} bytes";
        return false;
    }
}
