using System;
using System.IO;
using Usdt.Tests.Tracers;

namespace Usdt.Tests;

/// <summary>
/// A small tmpfs mounted by the test on a temporary directory with the given options
/// (<c>ro</c>, <c>noexec</c>): the faults a real machine has, made without touching any
/// shared directory. Unmounted and removed on dispose.
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    /// <param name="options">Mount options such as <c>ro</c> or <c>noexec</c>.</param>
    /// <param name="size">The file system's size (tmpfs rounds it up to whole pages).</param>
    public TmpfsMount(string options, string size = "1m")
    {
        Path = Directory.CreateTempSubdirectory("usdt-mount-").FullName;
        try
        {
            CommandRunner.Run("mount", ["-t", "tmpfs", "-o", $"{options},mode=0700,size={size}", "tmpfs", Path]).EnsureSuccess();
        }
        catch
        {
            Directory.Delete(Path);
            throw;
        }
    }

    public string Path { get; }

    public void Dispose()
    {
        // A library mapped from the mount would keep it busy; a lazy unmount detaches it
        // now and frees it when the last mapping goes.
        if (CommandRunner.Run("umount", [Path]).ExitCode != 0)
            CommandRunner.Run("umount", ["-l", Path]).EnsureSuccess();
        Directory.Delete(Path);
    }
}
