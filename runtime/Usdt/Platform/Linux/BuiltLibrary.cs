using System;
using System.Collections.Generic;
using Usdt.Contract;
using Usdt.Elf;

namespace Usdt.Platform.Linux;

/// <summary>
/// The probe library the build wrote beside a woven assembly (<c>NAME.usdt.x64.so</c>):
/// found, read, checked against the module (<see cref="ProbeLibraryCheck"/>: processor,
/// integrity, contract version, probe table), and only then loaded, through the
/// descriptor it was read from, so the file loaded is the file checked.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class BuiltLibrary
{
    // Far beyond any real library (about 300 bytes per probe); refuses to read anything huge.
    private const long MaxSize = 256L << 20;

    // The ELF header, program headers and the notes that identify the library (ElfWriter's layout).
    private const int HeadSize = 4096;

    /// <summary>The loaded library, or null with the reason added to <paramref name="reasons"/>.</summary>
    public static LoadedProbes? TryLoad(ModuleLibrary module, ProbeSet probes, ElfArchitecture architecture, RegistrationReasons reasons)
    {
        string fileName = ProbeLibraryFiles.ForModule(module.AssemblyStem, architecture);
        for (int i = 0; i < module.Directories.Length; i++)
        {
            // Joined by hand: the directories carry no trailing separator, and this is Linux.
            string path = module.Directories[i] + "/" + fileName;
            int fd = LibC.OpenAt(LibC.AT_FDCWD, path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
            if (fd < 0)
            {
                if (LibC.LastError == 2 /* ENOENT */)
                    continue;
                reasons.Add($"cannot open the built library {path}: {LibC.Describe(LibC.LastError)}");
                return null;
            }
            // Kept open once loaded: the name it was loaded by, /proc/self/fd/N, must stay its own.
            LoadedProbes? loaded = TryLoad(path, fd, probes, architecture, reasons);
            if (loaded is null)
                LibC.Close(fd);
            return loaded;
        }
        reasons.Add($"no built library {fileName} in {string.Join(", ", module.Directories)}");
        return null;
    }

    private static LoadedProbes? TryLoad(string path, int fd, ProbeSet probes, ElfArchitecture architecture, RegistrationReasons reasons)
    {
        if (LibC.StatxOf(fd, out LibC.Statx status) != 0 || (status.Mode & LibC.S_IFMT) != LibC.S_IFREG || status.Size > MaxSize)
        {
            reasons.Add($"the built library {path} is not a regular file of a plausible size");
            return null;
        }
        // Headers and notes, which the writer puts first; the rest is only hashed.
        byte[] head = new byte[Math.Min(HeadSize, (long)status.Size)];
        if (!LibC.ReadFully(fd, head, 0))
        {
            reasons.Add($"the built library {path} changed while it was read");
            return null;
        }

        long length = (long)status.Size;
        if (ProbeLibraryCheck.Verify(new ElfReader(head, length), at => FileBuildId.IsStoredIn(fd, length, head, (int)at),
                architecture, probes.TableHash, probes.Count, out string problem) is not { } identity)
        {
            reasons.Add($"the built library {path} does not fit: {problem}");
            return null;
        }
        string anchor = ProbeSymbolNames.StubOfFirst(probes.FirstProvider, probes.FirstName);
        byte[] buildId = BuildId.At(head, ElfWriter.BuildIdDescriptorOffset);
        nint firstStub = DescriptorLoad.Load(fd, anchor, identity.TextAddress, buildId, out string unloadable);
        // Without /proc only the path can name it; the application's directory is trusted as
        // its assemblies are. Asked only then: where /proc is, the question costs a system call.
        if (firstStub == 0 && !DescriptorLoad.IsAvailable)
            firstStub = DescriptorLoad.LoadPath(path, anchor, identity.TextAddress, buildId, out unloadable);
        if (firstStub == 0)
        {
            reasons.Add($"the built library {path} {unloadable}");
            return null;
        }
        // Segments sit at their file offsets, so the load base is stub 0's address minus its offset.
        nint loadBase = firstStub - (nint)identity.TextAddress;
        return new LoadedProbes(loadBase + (nint)identity.SemaphoreAddress, firstStub, ProbePlacement.BuiltLibrary, path, null);
    }
}
