using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Usdt.Elf;
using static Usdt.Elf.ElfConstants;

namespace DotnetUsdt.Elf;

/// <summary>
/// What the tool reads from a probe library: its SDT notes, its loadable segments (to turn
/// an address into a file offset, as uprobes want), its build-id and, for libraries Usdt
/// wrote, its identity note. Read through the contract's bounds-checked <see cref="ElfReader"/>.
/// </summary>
internal sealed class ProbeLibraryFile
{
    private const long MaxSize = 256L << 20;
    private readonly List<(long Offset, long Address, long Size)> _segments = [];

    private ProbeLibraryFile(ElfArchitecture? architecture, ushort machine)
    {
        Architecture = architecture;
        Machine = machine;
    }

    /// <summary>The architecture the library was written for; null for one Usdt does not write for.</summary>
    public ElfArchitecture? Architecture { get; }

    public ushort Machine { get; }

    public List<SdtNote> Notes { get; } = [];

    /// <summary>The NT_GNU_BUILD_ID as hex, or null.</summary>
    public string? BuildId { get; private set; }

    /// <summary>What a library written by Usdt says of itself (contract version, table hash), or null.</summary>
    public LibraryIdentity? Identity { get; private set; }

    /// <summary>The file offset the loader maps <paramref name="address"/> from, or null when no PT_LOAD holds it.</summary>
    public long? FileOffsetOf(long address)
    {
        foreach ((long offset, long start, long size) in _segments)
        {
            if (address >= start && address < start + size)
                return address - start + offset;
        }
        return null;
    }

    /// <summary>Reads <paramref name="path"/> (a file, or <c>/proc/PID/fd/N</c> of a memfd).</summary>
    /// <exception cref="IOException">Unreadable, or not an ELF64 little-endian file.</exception>
    public static ProbeLibraryFile Read(string path)
    {
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > MaxSize)
                throw new IOException($"{path} is larger than any probe library ({stream.Length} bytes)");
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"cannot read {path}: {e.Message}", e);
        }
        try
        {
            return Parse(new ElfReader(bytes));
        }
        catch (FormatException e)
        {
            throw new IOException($"{path} is damaged: {e.Message}", e);
        }
    }

    public static ProbeLibraryFile Parse(ElfReader elf)
    {
        if (elf.Length < EhdrSize || elf.U32(0) != 0x464c457f || elf.U8(4) != ELFCLASS64 || elf.U8(5) != ELFDATA2LSB)
            throw new FormatException("not an ELF64 little-endian file");
        ushort machine = elf.U16(18);
        var library = new ProbeLibraryFile(ElfArchitecture.ForMachine(machine), machine);

        long programHeaders = (long)elf.U64(32);
        int programHeaderCount = elf.U16(56);
        for (int i = 0; i < programHeaderCount; i++)
        {
            long at = programHeaders + (long)i * PhdrSize;
            if (elf.U32(at) == PT_LOAD)
                library._segments.Add(((long)elf.U64(at + 8), (long)elf.U64(at + 16), (long)elf.U64(at + 32)));
        }

        long sectionHeaders = (long)elf.U64(40);
        int sectionCount = elf.U16(60), names = elf.U16(62);
        if (sectionHeaders == 0 || sectionCount == 0)
            throw new FormatException("it has no section headers, so no notes can be found");
        long namesOffset = (long)elf.U64(sectionHeaders + (long)names * ShdrSize + 24);
        long? baseAddress = null;
        var noteSections = new List<(long Offset, long Size)>();
        for (int i = 0; i < sectionCount; i++)
        {
            long at = sectionHeaders + (long)i * ShdrSize;
            string name = CString(elf, namesOffset + elf.U32(at));
            if (elf.U32(at + 4) == SHT_NOTE)
                noteSections.Add(((long)elf.U64(at + 24), (long)elf.U64(at + 32)));
            if (name == ".stapsdt.base")
                baseAddress = (long)elf.U64(at + 16);
        }
        foreach ((long offset, long size) in noteSections)
            library.ReadNotes(elf, offset, size, baseAddress);
        return library;
    }

    /// <summary>Reads the SDT notes, the build-id and the identity note of one note section.</summary>
    private void ReadNotes(ElfReader elf, long offset, long size, long? baseAddress)
    {
        foreach (ElfNote note in ElfNote.In(elf, offset, size))
        {
            if (note.Type == NT_STAPSDT && note.IsOwnedBy(elf, "stapsdt"))
                Notes.Add(ReadSdtNote(elf, note.DescriptorAt, note.DescriptorSize, baseAddress));
            else if (note.Type == NT_GNU_BUILD_ID && note.IsOwnedBy(elf, "GNU"))
                BuildId = Hex(elf, note.DescriptorAt, note.DescriptorSize);
            else if (note.Type == LibraryIdentity.NoteType && note.IsOwnedBy(elf, LibraryIdentity.Owner))
                Identity = LibraryIdentity.FromDescriptor(elf, note.DescriptorAt, note.DescriptorSize);
        }
    }

    /// <summary>
    /// pc, base and semaphore addresses (8 bytes each on ELF64), then provider, name and
    /// arguments as NUL-terminated strings; a prelinked file moved <c>.stapsdt.base</c>, and
    /// the probe moved with it.
    /// </summary>
    private static SdtNote ReadSdtNote(ElfReader elf, long descriptor, long size, long? baseAddress)
    {
        long pc = (long)elf.U64(descriptor), noteBase = (long)elf.U64(descriptor + 8), semaphore = (long)elf.U64(descriptor + 16);
        long end = descriptor + size;
        long at = descriptor + 24;
        string provider = CString(elf, at, end);
        at += Encoding.UTF8.GetByteCount(provider) + 1;
        string name = CString(elf, at, end);
        at += Encoding.UTF8.GetByteCount(name) + 1;
        string arguments = at < end ? CString(elf, at, end) : "";
        if (baseAddress is { } actual && noteBase != 0)
            pc += actual - noteBase;
        return new SdtNote(provider, name, pc, semaphore, arguments);
    }

    private static string CString(ElfReader elf, long at, long end = long.MaxValue)
    {
        long stop = at;
        while (stop < end && elf.U8(stop) != 0)
            stop++;
        return Encoding.UTF8.GetString(elf.Bytes, checked((int)at), checked((int)(stop - at)));
    }

    private static string Hex(ElfReader elf, long at, long size)
    {
        var hex = new StringBuilder((int)size * 2);
        for (long i = 0; i < size; i++)
            hex.Append(elf.U8(at + i).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return hex.ToString();
    }
}
