using System;
using Usdt.Contract;
using static Usdt.Elf.ElfConstants;

namespace Usdt.Elf;

/// <summary>
/// Decides whether a probe library file on disk may be used for a module: an ELF64
/// shared object for this processor, intact (its build-id matches its bytes), written for
/// this <see cref="ProbeContract.Version"/> from the same probe table (same hash, same
/// number of probes), with its stubs inside an executable segment and its semaphores
/// inside a writable one. Only then does any probe site get its addresses.
/// </summary>
internal static class ProbeLibraryCheck
{
    /// <summary>
    /// The library's identity when it passes every check for a module of
    /// <paramref name="probeCount"/> probes whose table hashes to <paramref name="tableHash"/>,
    /// in a process of <paramref name="architecture"/>; null with the first <paramref name="problem"/> found.
    /// </summary>
    public static LibraryIdentity? Verify(byte[] file, ElfArchitecture architecture, ulong tableHash, int probeCount, out string problem) =>
        Verify(new ElfReader(file), at => BuildId.IsStoredIn(file, (int)at), architecture, tableHash, probeCount, out problem);

    /// <summary>
    /// As <see cref="Verify(byte[], ElfArchitecture, ulong, int, out string)"/>, for a file of which
    /// <paramref name="elf"/> holds the headers and notes, and <paramref name="isBuildIdAt"/> tells
    /// whether the 20 bytes at an offset are the build-id of the whole file.
    /// </summary>
    public static LibraryIdentity? Verify(ElfReader elf, Func<long, bool> isBuildIdAt, ElfArchitecture architecture, ulong tableHash, int probeCount, out string problem)
    {
        try
        {
            return VerifyOrThrow(elf, isBuildIdAt, architecture, tableHash, probeCount, out problem);
        }
        catch (FormatException e)
        {
            problem = $"damaged: {e.Message}";
            return null;
        }
    }

    private static LibraryIdentity? VerifyOrThrow(ElfReader elf, Func<long, bool> isBuildIdAt, ElfArchitecture architecture, ulong tableHash, int probeCount, out string problem)
    {
        if (elf.Length < EhdrSize || elf.U32(0) != 0x464c457f || elf.U8(4) != ELFCLASS64 || elf.U8(5) != ELFDATA2LSB || elf.U16(16) != ET_DYN)
        {
            problem = "not an ELF64 little-endian shared object";
            return null;
        }
        ushort machine = elf.U16(18);
        if (machine != architecture.Machine)
        {
            problem = $"written for another processor (ELF machine {machine}, this process needs {architecture.Machine}, {architecture.Name})";
            return null;
        }

        long headers = (long)elf.U64(32);
        int headerSize = elf.U16(54), headerCount = elf.U16(56);
        if (headerSize != PhdrSize)
            throw new FormatException($"program headers of {headerSize} bytes");
        long buildId = -1;
        LibraryIdentity? identity = null;
        for (int i = 0; i < headerCount; i++)
        {
            long at = headers + (long)i * PhdrSize;
            if (elf.U32(at) == PT_NOTE)
                ReadNotes(elf, (long)elf.U64(at + 8), (long)elf.U64(at + 32), ref buildId, ref identity);
        }
        if (buildId != ElfWriter.BuildIdDescriptorOffset || identity is null)
        {
            problem = buildId < 0 ? "it has no build-id note" : identity is null ? "it has no Usdt identity note (not written by Usdt.Fody)" : "its build-id is not where Usdt.Fody writes it";
            return null;
        }
        if (!isBuildIdAt(buildId))
        {
            problem = "damaged: its build-id does not match its bytes";
            return null;
        }
        if (identity.Version != ProbeContract.Version)
        {
            problem = $"written for probe contract version {identity.Version}, this runtime uses {ProbeContract.Version}";
            return null;
        }
        if (identity.TableHash != tableHash || identity.ProbeCount != probeCount)
        {
            problem = $"stale: written for another probe table ({identity.ProbeCount} probes, table hash {identity.TableHash:x16}; the module has {probeCount}, {tableHash:x16})";
            return null;
        }
        if (!InSegment(elf, headers, headerCount, PF_R | PF_X, identity.TextAddress, (long)probeCount * ProbeContract.StubStride) ||
            !InSegment(elf, headers, headerCount, PF_R | PF_W, identity.SemaphoreAddress, (long)probeCount * ProbeContract.SemaphoreStride))
        {
            problem = "its stubs or semaphores lie outside the segments that must hold them";
            return null;
        }
        problem = "";
        return identity;
    }

    /// <summary>Finds the build-id and the identity note among the notes of one PT_NOTE segment.</summary>
    private static void ReadNotes(ElfReader elf, long offset, long size, ref long buildId, ref LibraryIdentity? identity)
    {
        foreach (ElfNote note in ElfNote.In(elf, offset, size))
        {
            if (note.Type == NT_GNU_BUILD_ID && note.IsOwnedBy(elf, "GNU") && note.DescriptorSize == BuildId.Size)
                buildId = note.DescriptorAt;
            else if (note.Type == LibraryIdentity.NoteType && note.IsOwnedBy(elf, LibraryIdentity.Owner))
                identity = LibraryIdentity.FromDescriptor(elf, note.DescriptorAt, note.DescriptorSize);
        }
    }

    /// <summary>True when [<paramref name="address"/>, +<paramref name="length"/>) lies in a PT_LOAD with exactly <paramref name="flags"/> and file-backed.</summary>
    private static bool InSegment(ElfReader elf, long headers, int count, uint flags, long address, long length)
    {
        for (int i = 0; i < count; i++)
        {
            long at = headers + (long)i * PhdrSize;
            if (elf.U32(at) != PT_LOAD || elf.U32(at + 4) != flags)
                continue;
            long offset = (long)elf.U64(at + 8), virtualAddress = (long)elf.U64(at + 16), fileSize = (long)elf.U64(at + 32);
            if (virtualAddress == offset && address >= offset && address + length <= offset + fileSize && offset + fileSize <= elf.Length)
                return true;
        }
        return false;
    }
}
