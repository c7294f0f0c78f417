using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Usdt.Elf;

namespace Usdt.Platform.Linux;

/// <summary>
/// Puts a library generated at start-up where tracers can open it and loads it: first as a
/// new file in the first usable private directory, else as an anonymous memory file (memfd).
/// </summary>
/// <remarks>
/// A file is created exclusively relative to the checked directory's descriptor, never
/// following a link (<c>openat(O_CREAT|O_EXCL|O_NOFOLLOW)</c>), locked for the life of the
/// process (<see cref="StaleLibraries"/>), written, and loaded through its own descriptor,
/// so the library that gets loaded is the bytes this process wrote. A write that fails
/// removes the file. Files are removed at exit (ProcessExit); a process that ends by a
/// signal or is killed leaves its file, unlocked, for the next start to remove.
/// </remarks>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class LibraryPlacement
{
    private const uint OwnerReadWrite = 0x180; // 0600

    private readonly IReadOnlyList<string> _directories;
    private readonly bool _allowMemoryFile;
    private readonly Func<uint> _tokens;
    private readonly Dictionary<string, PrivateDirectory> _opened = [];
    private readonly List<(PrivateDirectory Directory, string Name)> _files = [];

    /// <summary>Places into the first usable of <paramref name="directories"/>, then a memfd if <paramref name="allowMemoryFile"/>; <paramref name="tokens"/> makes the random part of file names (tests fix it).</summary>
    public LibraryPlacement(IReadOnlyList<string> directories, bool allowMemoryFile, Func<uint>? tokens = null)
    {
        _directories = directories;
        _allowMemoryFile = allowMemoryFile;
        _tokens = tokens ?? (() => (uint)Random.Shared.NextInt64(uint.MaxValue + 1L));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteFiles();
    }

    /// <summary>A loaded library: the address of its anchor symbol (stub 0), and where it is.</summary>
    public readonly record struct Placed(nint FirstStub, ProbePlacement Placement, string Path);

    /// <summary>Places and loads <paramref name="image"/>; null with the reasons when nothing worked.</summary>
    public Placed? Place(ProbeLibraryImage image, string label, RegistrationReasons reasons)
    {
        if (!FileSizeLimit.Allows(image.Bytes.Length, out string tooBig))
        {
            reasons.Add(tooBig);
            return null;
        }
        if (!DescriptorLoad.IsAvailable)
        {
            reasons.Add("/proc is not mounted: a generated library cannot be loaded through its descriptor");
            return null;
        }
        foreach (string directory in _directories)
        {
            if (TryPlaceInDirectory(directory, image, label, reasons) is { } placed)
                return placed;
        }
        if (!_allowMemoryFile)
        {
            reasons.Add($"memfd fallback disabled by {UsdtSettings.MemoryFileVariable}");
            return null;
        }
        return TryPlaceInMemoryFile(image, label, reasons);
    }

    private Placed? TryPlaceInDirectory(string path, ProbeLibraryImage image, string label, RegistrationReasons reasons)
    {
        if (!_opened.TryGetValue(path, out PrivateDirectory? directory))
        {
            directory = PrivateDirectory.Open(path, out string why);
            if (directory is null)
            {
                reasons.Add(why);
                return null;
            }
            _opened.Add(path, directory);
            StaleLibraries.Remove(directory);
        }

        string name = LibraryFileName.For(Environment.ProcessId, _tokens(), label);
        // O_EXCL|O_NOFOLLOW: fails on any existing entry, a planted symbolic link included,
        // instead of following it (POSIX openat(2)).
        int fd = LibC.OpenAt(directory.Handle, name,
            LibC.O_RDWR | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, OwnerReadWrite);
        if (fd < 0)
        {
            reasons.Add($"cannot create {Path.Combine(path, name)}: {LibC.Describe(LibC.LastError)}");
            return null;
        }
        // Held until the process ends: tells every other process that this file is in use.
        // Shared, not exclusive: .NET emulates FileShare with flock, so an exclusive lock
        // would keep .NET tools from reading the library; the cleaner's exclusive attempt
        // still fails while any shared lock is held.
        LibC.Flock(fd, LibC.LOCK_SH | LibC.LOCK_NB);
        try
        {
            RandomAccess.Write(new SafeFileHandle(fd, ownsHandle: false), image.Bytes, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Discard(directory, name, fd);
            reasons.Add($"cannot write {Path.Combine(path, name)}: {e.Message}");
            return null;
        }

        nint firstStub = DescriptorLoad.Load(fd, image.AnchorSymbol, image.Identity.TextAddress, image.BuildId, out string unloadable);
        if (firstStub == 0)
        {
            // Typically a noexec mount: the file is there but cannot be mapped executable.
            Discard(directory, name, fd);
            reasons.Add($"{Path.Combine(path, name)} {unloadable}");
            return null;
        }
        lock (_files)
            _files.Add((directory, name));
        return new Placed(firstStub, ProbePlacement.Directory, DescriptorLoad.PathOf(fd) ?? Path.Combine(path, name));
    }

    private static Placed? TryPlaceInMemoryFile(ProbeLibraryImage image, string label, RegistrationReasons reasons)
    {
        string name = $"usdt-{label}";
        int fd = LibC.MemfdCreate(name, LibC.MFD_CLOEXEC | LibC.MFD_EXEC);
        if (fd < 0 && LibC.LastError == LibC.EINVAL)
            fd = LibC.MemfdCreate(name, LibC.MFD_CLOEXEC); // kernels before 6.3 know no MFD_EXEC
        if (fd < 0)
        {
            reasons.Add($"memfd_create failed: {LibC.Describe(LibC.LastError)}");
            return null;
        }

        // The descriptor stays open for the life of the process: it is the file's only
        // name, and tracers reach it through /proc/PID/fd/N.
        try
        {
            RandomAccess.Write(new SafeFileHandle(fd, ownsHandle: false), image.Bytes, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LibC.Close(fd);
            reasons.Add($"cannot write the memfd copy: {e.Message}");
            return null;
        }
        nint firstStub = DescriptorLoad.Load(fd, image.AnchorSymbol, image.Identity.TextAddress, image.BuildId, out string unloadable);
        if (firstStub == 0)
        {
            LibC.Close(fd);
            reasons.Add($"the memfd copy {unloadable}{(unloadable.StartsWith("cannot", StringComparison.Ordinal) ? " (vm.memfd_noexec?)" : "")}");
            return null;
        }
        return new Placed(firstStub, ProbePlacement.MemoryFile, $"/proc/{Environment.ProcessId}/fd/{fd}");
    }

    /// <summary>Removes a file this process created and could not use, so no partial library is left.</summary>
    private static void Discard(PrivateDirectory directory, string name, int fd)
    {
        LibC.UnlinkAt(directory.Handle, name, 0);
        LibC.Close(fd);
    }

    private void DeleteFiles()
    {
        lock (_files)
        {
            foreach ((PrivateDirectory directory, string name) in _files)
                LibC.UnlinkAt(directory.Handle, name, 0);
            _files.Clear();
        }
    }
}
