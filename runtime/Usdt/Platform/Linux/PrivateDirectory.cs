using System;
using System.IO;

namespace Usdt.Platform.Linux;

/// <summary>
/// Makes sure a directory is private to this user before a library is written into it:
/// a real directory (not a symbolic link), owned by the effective user, writable by
/// nobody else. Then no other user can swap the file between its creation and dlopen.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class PrivateDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const uint GroupOrOtherWrite = 0x12; // S_IWGRP | S_IWOTH

    /// <summary>Creates <paramref name="path"/> (mode 0700) if missing, then checks it; false with a reason when unusable.</summary>
    public static bool TryPrepare(string path, out string reason)
    {
        try
        {
            if (!Directory.Exists(path))
                Directory.CreateDirectory(path, OwnerOnly);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = $"cannot create {path}: {e.Message}";
            return false;
        }
        return IsPrivate(path, out reason);
    }

    public static bool IsPrivate(string path, out string reason)
    {
        if (LibC.StatxPath(LibC.AT_FDCWD, path, LibC.AT_SYMLINK_NOFOLLOW,
                LibC.STATX_TYPE | LibC.STATX_MODE | LibC.STATX_UID, out LibC.Statx status) != 0)
        {
            reason = $"cannot inspect {path}: {LibC.Describe(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}";
            return false;
        }
        uint owner = LibC.GetEffectiveUserId();
        if ((status.Mode & LibC.S_IFMT) != LibC.S_IFDIR)
            reason = $"{path} is not a directory (a symbolic link or file is in its place)";
        else if (status.Uid != owner)
            reason = $"{path} belongs to uid {status.Uid}, not to this process's uid {owner}";
        else if ((status.Mode & GroupOrOtherWrite) != 0)
            reason = $"{path} is writable by other users (mode {Convert.ToString(status.Mode & 0xFFF, 8)})";
        else
        {
            reason = "";
            return true;
        }
        return false;
    }
}
