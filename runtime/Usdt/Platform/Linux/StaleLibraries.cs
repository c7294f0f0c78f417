using System;
using System.IO;

namespace Usdt.Platform.Linux;

/// <summary>
/// Removes libraries left in a directory by processes that are gone (killed, crashed,
/// ended by a signal). A process holds a shared <c>flock</c> on each library it generated
/// for as long as it lives; the kernel drops the lock when the process ends, whatever its
/// PID namespace. So a generated library on which an exclusive lock can be taken is used
/// by nobody. Files younger than <see cref="Grace"/> are left alone: their process may be
/// between creating and locking them. Only names <see cref="LibraryFileName"/> makes are touched.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class StaleLibraries
{
    /// <summary>How old an unlocked library must be before it is taken for stale.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    public static void Remove(PrivateDirectory directory)
    {
        try
        {
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            // The directory by its descriptor (/proc/self/fd/N): the one that was checked.
            foreach (string path in Directory.EnumerateFiles($"/proc/self/fd/{directory.Handle}"))
            {
                string name = Path.GetFileName(path);
                if (LibraryFileName.IsGenerated(name))
                    RemoveIfUnowned(directory, name, now);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Cleaning up is a courtesy; a directory we cannot list is no reason to fail.
        }
    }

    private static void RemoveIfUnowned(PrivateDirectory directory, string name, long now)
    {
        int file = LibC.OpenAt(directory.Handle, name, LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC | LibC.O_NONBLOCK, 0);
        if (file < 0)
            return;
        try
        {
            if (LibC.StatxOf(file, out LibC.Statx status) == 0 &&
                (status.Mode & LibC.S_IFMT) == LibC.S_IFREG &&
                now - status.ModifiedSeconds >= (long)Grace.TotalSeconds &&
                LibC.Flock(file, LibC.LOCK_EX | LibC.LOCK_NB) == 0)
                LibC.UnlinkAt(directory.Handle, name, 0);
        }
        finally
        {
            LibC.Close(file);
        }
    }
}
