using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Usdt.Platform.Linux;

/// <summary>
/// Puts a generated library where tracers can open it and loads it: first as a new file
/// in the first usable private directory, else as an anonymous memory file (memfd).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class LibraryPlacement
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly IReadOnlyList<string> _directories;
    private readonly bool _allowMemoryFile;
    private readonly HashSet<string> _cleanedDirectories = [];
    private readonly List<string> _filesToDelete = [];
    private readonly PosixSignalRegistration[] _terminationSignals;
    private int _sequence;

    public LibraryPlacement(IReadOnlyList<string> directories, bool allowMemoryFile)
    {
        _directories = directories;
        _allowMemoryFile = allowMemoryFile;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteFiles();
        // Since .NET 10, SIGTERM (how service managers stop a process) and SIGHUP end the
        // process without ProcessExit (dotnet/runtime#115494). Delete on them too, unless a
        // handler cancelled the signal: then the process goes on, to exit normally later.
        _terminationSignals =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminationSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnTerminationSignal),
        ];
    }

    private void OnTerminationSignal(PosixSignalContext context)
    {
        if (!context.Cancel)
            DeleteFiles();
    }

    /// <summary>A loaded library: the dlopen handle, where it is, and what was skipped on the way.</summary>
    public readonly record struct Placed(nint Handle, ProbePlacement Placement, string Path, string? Reason);

    /// <summary>Places and loads <paramref name="image"/>; null with the reasons when nothing worked.</summary>
    public Placed? Place(byte[] image, string label, List<string> reasons)
    {
        foreach (string directory in _directories)
        {
            if (TryPlaceInDirectory(directory, image, label, reasons) is { } placed)
                return placed;
        }
        if (!_allowMemoryFile)
        {
            reasons.Add($"memfd fallback disabled by {Registration.UsdtSettings.MemoryFileVariable}");
            return null;
        }
        return TryPlaceInMemoryFile(image, label, reasons);
    }

    private Placed? TryPlaceInDirectory(string directory, byte[] image, string label, List<string> reasons)
    {
        if (!PrivateDirectory.TryPrepare(directory, out string why))
        {
            reasons.Add(why);
            return null;
        }
        if (_cleanedDirectories.Add(directory))
            StaleLibraries.Remove(directory);

        string path = Path.Combine(directory, LibraryFileName.For(ProcessIdentity.Current, ++_sequence, label));
        try
        {
            // CreateNew is O_CREAT|O_EXCL: it fails on any existing entry, a planted
            // symbolic link included, instead of following it (POSIX open(2)).
            using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = OwnerReadWrite,
            });
            file.Write(image);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reasons.Add($"cannot write {path}: {e.Message}");
            return null;
        }

        if (!NativeLibrary.TryLoad(path, out nint handle))
        {
            // Typically a noexec mount: the file is there but cannot be mapped executable.
            StaleLibraries.TryDelete(path);
            reasons.Add($"cannot load {path} (noexec mount or sandbox?)");
            return null;
        }
        lock (_filesToDelete)
            _filesToDelete.Add(path);
        return new Placed(handle, ProbePlacement.Directory, path, Summarize(reasons));
    }

    private static Placed? TryPlaceInMemoryFile(byte[] image, string label, List<string> reasons)
    {
        string name = $"usdt-{label}";
        int fd = LibC.MemfdCreate(name, LibC.MFD_CLOEXEC | LibC.MFD_EXEC);
        if (fd < 0 && Marshal.GetLastPInvokeError() == LibC.EINVAL)
            fd = LibC.MemfdCreate(name, LibC.MFD_CLOEXEC); // kernels before 6.3 know no MFD_EXEC
        if (fd < 0)
        {
            reasons.Add($"memfd_create failed: {LibC.Describe(Marshal.GetLastPInvokeError())}");
            return null;
        }

        // The descriptor stays open for the life of the process: it is the file's only
        // name, and tracers reach it through /proc/PID/fd/N.
        var handle = new SafeFileHandle(fd, ownsHandle: false);
        RandomAccess.Write(handle, image, 0);
        if (!NativeLibrary.TryLoad($"/proc/self/fd/{fd}", out nint library))
        {
            reasons.Add("cannot load the memfd copy (vm.memfd_noexec or sandbox?)");
            return null;
        }
        string path = $"/proc/{Environment.ProcessId}/fd/{fd}";
        return new Placed(library, ProbePlacement.MemoryFile, path, Summarize(reasons));
    }

    private static string? Summarize(List<string> reasons) => reasons.Count == 0 ? null : string.Join("; ", reasons);

    private void DeleteFiles()
    {
        lock (_filesToDelete)
        {
            foreach (string path in _filesToDelete)
                StaleLibraries.TryDelete(path);
            _filesToDelete.Clear();
        }
    }
}
