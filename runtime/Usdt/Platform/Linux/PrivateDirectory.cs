using System;

namespace Usdt.Platform.Linux;

/// <summary>
/// A directory private to this user, held open: a real directory (not a symbolic link),
/// owned by the effective user, writable by nobody else, checked through the descriptor
/// that every later operation goes through (<c>openat</c>, <c>unlinkat</c>). Swapping the
/// directory or any directory above it for something else after the check changes nothing:
/// the descriptor still names the directory that was checked.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class PrivateDirectory
{
    private const uint OwnerOnly = 0x1C0;        // 0700
    private const uint GroupOrOtherWrite = 0x12; // S_IWGRP | S_IWOTH

    private PrivateDirectory(int handle, string path)
    {
        Handle = handle;
        Path = path;
    }

    /// <summary>The open directory (O_DIRECTORY), for the *at calls.</summary>
    public int Handle { get; }

    /// <summary>The path it was opened by, for messages.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens <paramref name="path"/>, creating its last component (mode 0700) when missing,
    /// never its parents; null with a reason when it is not private to this user.
    /// </summary>
    public static PrivateDirectory? Open(string path, out string reason)
    {
        const int Flags = LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC;
        int handle = LibC.OpenAt(LibC.AT_FDCWD, path, Flags, 0);
        if (handle < 0 && LibC.LastError == 2 /* ENOENT */)
        {
            if (LibC.MakeDirectoryAt(LibC.AT_FDCWD, path, OwnerOnly) != 0 && LibC.LastError != LibC.EEXIST)
            {
                reason = $"cannot create {path}: {LibC.Describe(LibC.LastError)}";
                return null;
            }
            handle = LibC.OpenAt(LibC.AT_FDCWD, path, Flags, 0);
        }
        if (handle < 0)
        {
            int error = LibC.LastError;
            reason = error is 40 /* ELOOP */ or 20 /* ENOTDIR */
                ? $"{path} is not a directory (a symbolic link or file is in its place)"
                : $"cannot open {path}: {LibC.Describe(error)}";
            return null;
        }
        if (!IsPrivate(handle, path, out reason))
        {
            LibC.Close(handle);
            return null;
        }
        return new PrivateDirectory(handle, path);
    }

    private static bool IsPrivate(int handle, string path, out string reason)
    {
        if (LibC.StatxOf(handle, out LibC.Statx status) != 0)
        {
            reason = $"cannot inspect {path}: {LibC.Describe(LibC.LastError)}";
            return false;
        }
        uint owner = LibC.GetEffectiveUserId();
        if ((status.Mode & LibC.S_IFMT) != LibC.S_IFDIR)
            reason = $"{path} is not a directory";
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
