using System;
using System.IO;

namespace Usdt.Platform.Linux;

/// <summary>
/// Removes libraries left in a directory by processes that died without their exit
/// handler running (killed, crashed). Only files whose owner process is gone are touched.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class StaleLibraries
{
    public static void Remove(string directory)
    {
        try
        {
            foreach (string path in Directory.EnumerateFiles(directory, LibraryFileName.Pattern))
            {
                ProcessIdentity? owner = LibraryFileName.OwnerOf(Path.GetFileName(path));
                if (owner is { } process && process != ProcessIdentity.Current && !process.IsAlive)
                    TryDelete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Cleaning up is a courtesy; a directory we cannot list is no reason to fail.
        }
    }

    public static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
