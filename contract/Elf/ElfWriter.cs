using System;
using System.Collections.Generic;
using Usdt.Contract;
using static Usdt.Elf.ElfConstants;

namespace Usdt.Elf;

/// <summary>
/// Writes the probe library: an ELF64 shared object holding one stub and one 2-byte
/// semaphore per probe, described by <c>.note.stapsdt</c> notes exactly as
/// <c>sys/sdt.h</c> describes a C program's probes.
/// </summary>
/// <remarks>
/// File layout (every PT_LOAD has <c>p_vaddr == p_offset</c>; no two segments share a page):
/// <code>
///   R   ELF header, program headers, .note.gnu.build-id, .note.usdt (LibraryIdentity),
///       .hash, .dynsym, .dynstr, .stapsdt.base
///   R X .text      stubs, ProbeContract.StubStride bytes apart
///   RW  .dynamic, .probes (semaphores: file-backed, so the kernel's uprobe
///       reference counter can find them through the file mapping)
///       .note.stapsdt, .shstrtab, section headers   (not loaded)
/// </code>
/// </remarks>
internal static class ElfWriter
{
    private const int ProgramHeaderCount = 6;

    /// <summary>
    /// Where the build-id's 20 bytes are in every library written here: right after the
    /// program headers, in the first (loaded, read-only) page, behind a 16-byte note header.
    /// </summary>
    public const int BuildIdDescriptorOffset = EhdrSize + PhdrSize * ProgramHeaderCount + 16;

    private enum Section
    {
        Null, BuildId, Identity, Hash, DynSym, DynStr, StapsdtBase, Text, Dynamic, Probes, Stapsdt, ShStrTab, Count,
    }

    /// <summary>Writes the library of <paramref name="probes"/>, identified by <paramref name="tableHash"/> (<see cref="ProbeTableText.Hash"/> of their table).</summary>
    public static ProbeLibraryImage Write(IReadOnlyList<ProbeSpec> probes, ElfArchitecture architecture, ulong tableHash) =>
        Write(probes, [architecture], tableHash)[0];

    /// <summary>
    /// Writes the library of <paramref name="probes"/> for each of <paramref name="architectures"/>,
    /// in that order: the symbol names, the same in every one, are made once.
    /// </summary>
    public static ProbeLibraryImage[] Write(IReadOnlyList<ProbeSpec> probes, IReadOnlyList<ElfArchitecture> architectures, ulong tableHash)
    {
        if (probes.Count == 0)
            throw new ArgumentException("A probe library needs at least one probe.", nameof(probes));
        (string[] Stubs, string[] Semaphores) symbols = ProbeSymbolNames.For(probes);
        var images = new ProbeLibraryImage[architectures.Count];
        for (int i = 0; i < images.Length; i++)
            images[i] = Write(probes, architectures[i], tableHash, symbols);
        return images;
    }

    private static ProbeLibraryImage Write(IReadOnlyList<ProbeSpec> probes, ElfArchitecture architecture, ulong tableHash,
        (string[] Stubs, string[] Semaphores) symbols)
    {
        var layout = new Layout(probes, architecture, symbols);
        byte[] bytes = new byte[layout.FileSize];
        var image = new ImageWriter(bytes);

        WriteElfHeader(image, layout, architecture);
        WriteProgramHeaders(image, layout);
        uint[] symbolHashes = WriteSymbols(image, layout);
        WriteHashTable(image, layout, symbolHashes);
        WriteStubs(image, layout, probes.Count, architecture);
        WriteDynamic(image, layout);
        WriteStapsdtNotes(image, layout, probes);
        var identity = new LibraryIdentity(ProbeContract.Version, probes.Count, tableHash, layout.TextOffset, layout.ProbesOffset);
        identity.WriteNote(image, layout.IdentityOffset);
        layout.ShStrTab.WriteTo(image, layout.ShStrTabOffset);
        WriteSectionHeaders(image, layout);

        // The build-id is a hash of the file with the id's own bytes still zero, so the same
        // probes always give the same file (and perf's build-id cache the same entry), and
        // a reader can check a file against its id the same way (ProbeLibraryCheck).
        WriteBuildIdNote(image, layout.BuildIdOffset, new byte[BuildId.Size]);
        byte[] buildId = BuildId.Compute(bytes);
        WriteBuildIdNote(image, layout.BuildIdOffset, buildId);

        return new ProbeLibraryImage(bytes, identity, layout.StubSymbols[0], buildId);
    }

    private static void WriteElfHeader(ImageWriter image, Layout layout, ElfArchitecture architecture)
    {
        image.Bytes(0, [0x7f, (byte)'E', (byte)'L', (byte)'F', ELFCLASS64, ELFDATA2LSB, EV_CURRENT]);
        image.U16(16, ET_DYN);
        image.U16(18, architecture.Machine);
        image.U32(20, EV_CURRENT);
        image.U64(24, 0);                               // e_entry
        image.U64(32, EhdrSize);                        // e_phoff
        image.I64(40, layout.SectionHeadersOffset);     // e_shoff
        image.U32(48, 0);                               // e_flags
        image.U16(52, EhdrSize);
        image.U16(54, PhdrSize);
        image.U16(56, ProgramHeaderCount);
        image.U16(58, ShdrSize);
        image.U16(60, (ushort)Section.Count);
        image.U16(62, (ushort)Section.ShStrTab);
    }

    private static void WriteProgramHeaders(ImageWriter image, Layout layout)
    {
        long at = EhdrSize;
        void Header(uint type, uint flags, long offset, long size, long align)
        {
            image.U32(at, type);
            image.U32(at + 4, flags);
            image.I64(at + 8, offset);   // p_offset
            image.I64(at + 16, offset);  // p_vaddr: equal to the offset
            image.I64(at + 24, offset);  // p_paddr
            image.I64(at + 32, size);    // p_filesz
            image.I64(at + 40, size);    // p_memsz: nothing beyond the file (no .bss)
            image.I64(at + 48, align);
            at += PhdrSize;
        }

        Header(PT_LOAD, PF_R, 0, layout.ReadOnlyEnd, layout.PageSize);
        Header(PT_LOAD, PF_R | PF_X, layout.TextOffset, layout.TextSize, layout.PageSize);
        Header(PT_LOAD, PF_R | PF_W, layout.DataOffset, layout.DataEnd - layout.DataOffset, layout.PageSize);
        Header(PT_DYNAMIC, PF_R | PF_W, layout.DynamicOffset, layout.DynamicSize, 8);
        Header(PT_NOTE, PF_R, layout.BuildIdOffset, layout.IdentityOffset + LibraryIdentity.NoteSize - layout.BuildIdOffset, 4);
        Header(PT_GNU_STACK, PF_R | PF_W, 0, 0, 16); // the library never needs an executable stack
    }

    private static void WriteHashTable(ImageWriter image, Layout layout, uint[] symbolHashes)
    {
        int symbolCount = symbolHashes.Length;
        int bucketCount = SysvHash.BucketCount(symbolCount);
        var buckets = new uint[bucketCount];
        var chains = new uint[symbolCount];
        for (int symbol = 1; symbol < symbolCount; symbol++)
        {
            uint bucket = symbolHashes[symbol] % (uint)bucketCount;
            chains[symbol] = buckets[bucket];
            buckets[bucket] = (uint)symbol;
        }

        long at = layout.HashOffset;
        image.U32(at, (uint)bucketCount);
        image.U32(at + 4, (uint)symbolCount);
        at += 8;
        foreach (uint value in buckets) { image.U32(at, value); at += 4; }
        foreach (uint value in chains) { image.U32(at, value); at += 4; }
    }

    /// <summary>Writes .dynsym and the names in .dynstr; returns each symbol's SysV hash, by symbol index.</summary>
    private static uint[] WriteSymbols(ImageWriter image, Layout layout)
    {
        // Symbol 0 is the reserved undefined symbol (all zero), named by the empty string at
        // .dynstr offset 0. Then, per probe, its stub (a function in .text) and its
        // semaphore (an object in .probes). Every name is distinct (ProbeSymbolNames), so
        // names are laid out one after another with no lookup for duplicates.
        int probeCount = layout.StubSymbols.Length;
        var hashes = new uint[1 + 2 * probeCount];
        long name = layout.DynStrOffset + 1;
        for (int i = 0; i < probeCount; i++)
        {
            long stub = layout.DynSymOffset + SymSize * (1 + 2L * i);
            WriteSymbol(image, stub, name - layout.DynStrOffset, STT_FUNC, Section.Text,
                layout.StubAddress(i), layout.StubLength);
            hashes[1 + 2 * i] = WriteName(image, ref name, layout.StubSymbols[i]);

            WriteSymbol(image, stub + SymSize, name - layout.DynStrOffset, STT_OBJECT, Section.Probes,
                layout.SemaphoreAddress(i), 2);
            hashes[2 + 2 * i] = WriteName(image, ref name, layout.SemaphoreSymbols[i]);
        }
        return hashes;
    }

    private static uint WriteName(ImageWriter image, ref long at, string name)
    {
        int length = image.CString(at, name);
        uint hash = SysvHash.Compute(image.Image, at, length - 1);
        at += length;
        return hash;
    }

    private static void WriteSymbol(ImageWriter image, long at, long name, byte type, Section section, long value, long size)
    {
        image.U32(at, (uint)name);
        image.U8(at + 4, (byte)((STB_GLOBAL << 4) | type));
        image.U8(at + 5, 0);                  // STV_DEFAULT
        image.U16(at + 6, (ushort)section);
        image.I64(at + 8, value);
        image.I64(at + 16, size);
    }

    private static void WriteStubs(ImageWriter image, Layout layout, int probeCount, ElfArchitecture architecture)
    {
        // One slot per probe: the stub, then padding up to the stride.
        var slot = new byte[ProbeContract.StubStride];
        Buffer.BlockCopy(architecture.Stub, 0, slot, 0, architecture.Stub.Length);
        for (int i = architecture.Stub.Length; i < slot.Length; i++)
            slot[i] = architecture.StubPadding;
        for (int i = 0; i < probeCount; i++)
            image.Bytes(layout.StubAddress(i), slot);
    }

    private static void WriteDynamic(ImageWriter image, Layout layout)
    {
        long at = layout.DynamicOffset;
        foreach ((long tag, long value) in layout.DynamicEntries)
        {
            image.I64(at, tag);
            image.I64(at + 8, value);
            at += DynSize;
        }
    }

    private static void WriteStapsdtNotes(ImageWriter image, Layout layout, IReadOnlyList<ProbeSpec> probes)
    {
        long at = layout.StapsdtOffset;
        for (int i = 0; i < probes.Count; i++)
        {
            // Elf64_Nhdr, owner "stapsdt", then the v3 descriptor: probe address, address of
            // .stapsdt.base (lets tracers undo prelinking), semaphore address, then
            // provider, name and argument spec as NUL-terminated strings, padded to 4.
            string arguments = layout.ArgumentSpecs[i];
            int descriptorSize = layout.NoteDescriptorSize(i);
            image.U32(at, 8);
            image.U32(at + 4, (uint)descriptorSize);
            image.U32(at + 8, NT_STAPSDT);
            image.CString(at + 12, "stapsdt");
            long descriptor = at + 20;
            image.I64(descriptor, layout.StubAddress(i));
            image.I64(descriptor + 8, layout.StapsdtBaseOffset);
            image.I64(descriptor + 16, layout.SemaphoreAddress(i));
            long text = descriptor + 24;
            text += image.CString(text, probes[i].Provider);
            text += image.CString(text, probes[i].Name);
            image.CString(text, arguments);
            at = descriptor + Align(descriptorSize, 4);
        }
    }

    private static void WriteBuildIdNote(ImageWriter image, long at, byte[] buildId)
    {
        image.U32(at, 4);                       // "GNU\0"
        image.U32(at + 4, (uint)buildId.Length);
        image.U32(at + 8, NT_GNU_BUILD_ID);
        image.CString(at + 12, "GNU");
        image.Bytes(at + 16, buildId);
    }

    private static void WriteSectionHeaders(ImageWriter image, Layout layout)
    {
        void Header(Section section, uint type, ulong flags, long offset, long size,
            Section link = Section.Null, uint info = 0, long align = 1, long entrySize = 0)
        {
            long at = layout.SectionHeadersOffset + ShdrSize * (long)section;
            bool allocated = (flags & SHF_ALLOC) != 0;
            image.U32(at, (uint)layout.ShStrTab.Add(SectionName(section)));
            image.U32(at + 4, type);
            image.U64(at + 8, flags);
            image.I64(at + 16, allocated ? offset : 0);  // sh_addr
            image.I64(at + 24, offset);
            image.I64(at + 32, size);
            image.U32(at + 40, (uint)link);
            image.U32(at + 44, info);
            image.I64(at + 48, align);
            image.I64(at + 56, entrySize);
        }

        Header(Section.BuildId, SHT_NOTE, SHF_ALLOC, layout.BuildIdOffset, layout.BuildIdSize, align: 4);
        Header(Section.Identity, SHT_NOTE, SHF_ALLOC, layout.IdentityOffset, LibraryIdentity.NoteSize, align: 4);
        Header(Section.Hash, SHT_HASH, SHF_ALLOC, layout.HashOffset, layout.HashSize, Section.DynSym, align: 8, entrySize: 4);
        // sh_info of a symbol table: index of the first non-local symbol.
        Header(Section.DynSym, SHT_DYNSYM, SHF_ALLOC, layout.DynSymOffset, layout.DynSymSize, Section.DynStr, info: 1, align: 8, entrySize: SymSize);
        Header(Section.DynStr, SHT_STRTAB, SHF_ALLOC, layout.DynStrOffset, layout.DynStrSize);
        Header(Section.StapsdtBase, SHT_PROGBITS, SHF_ALLOC, layout.StapsdtBaseOffset, 1);
        Header(Section.Text, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, layout.TextOffset, layout.TextSize, align: ProbeContract.StubStride);
        Header(Section.Dynamic, SHT_DYNAMIC, SHF_ALLOC | SHF_WRITE, layout.DynamicOffset, layout.DynamicSize, Section.DynStr, align: 8, entrySize: DynSize);
        Header(Section.Probes, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, layout.ProbesOffset, layout.ProbesSize, align: 2);
        Header(Section.Stapsdt, SHT_NOTE, 0, layout.StapsdtOffset, layout.StapsdtSize, align: 4);
        Header(Section.ShStrTab, SHT_STRTAB, 0, layout.ShStrTabOffset, layout.ShStrTab.Size);
    }

    private static string SectionName(Section section) => section switch
    {
        Section.Null => "",
        Section.BuildId => ".note.gnu.build-id",
        Section.Identity => ".note.usdt",
        Section.Hash => ".hash",
        Section.DynSym => ".dynsym",
        Section.DynStr => ".dynstr",
        Section.StapsdtBase => ".stapsdt.base",
        Section.Text => ".text",
        Section.Dynamic => ".dynamic",
        Section.Probes => ".probes",
        Section.Stapsdt => ".note.stapsdt",
        Section.ShStrTab => ".shstrtab",
        _ => "",
    };

    private static long Align(long value, long alignment) => (value + alignment - 1) & ~(alignment - 1);

    /// <summary>Where everything goes, computed once before any byte is written.</summary>
    private sealed class Layout
    {
        public readonly long PageSize;
        public readonly int StubLength;
        public readonly string[] StubSymbols;
        public readonly string[] SemaphoreSymbols;
        public readonly string[] ArgumentSpecs;
        public readonly StringTable ShStrTab = new();
        public readonly (long Tag, long Value)[] DynamicEntries;
        private readonly IReadOnlyList<ProbeSpec> _probes;

        public readonly long BuildIdOffset, BuildIdSize, IdentityOffset;
        public readonly long HashOffset, HashSize;
        public readonly long DynSymOffset, DynSymSize;
        public readonly long DynStrOffset, DynStrSize;
        public readonly long StapsdtBaseOffset;
        public readonly long ReadOnlyEnd;
        public readonly long TextOffset, TextSize;
        public readonly long DataOffset, DynamicOffset, DynamicSize, ProbesOffset, ProbesSize, DataEnd;
        public readonly long StapsdtOffset, StapsdtSize;
        public readonly long ShStrTabOffset;
        public readonly long SectionHeadersOffset;
        public readonly int FileSize;

        public Layout(IReadOnlyList<ProbeSpec> probes, ElfArchitecture architecture, (string[] Stubs, string[] Semaphores) symbols)
        {
            _probes = probes;
            PageSize = architecture.MaxPageSize;
            StubLength = architecture.Stub.Length;
            int count = probes.Count;

            (StubSymbols, SemaphoreSymbols) = symbols;
            int symbolCount = 1 + 2 * count;
            DynStrSize = 1;
            ArgumentSpecs = new string[count];
            // Probes share a handful of argument lists (every return probe has the same
            // three, say): each distinct list's spec is formatted once.
            var specs = new Dictionary<ulong, string>();
            for (int i = 0; i < count; i++)
            {
                DynStrSize += StubSymbols[i].Length + 1 + SemaphoreSymbols[i].Length + 1;
                IReadOnlyList<ArgumentKind> arguments = probes[i].Arguments;
                if (ArgumentListKey(arguments) is not { } key)
                {
                    ArgumentSpecs[i] = StapsdtArgumentSpec.Format(arguments, architecture);
                    continue;
                }
                if (!specs.TryGetValue(key, out string? spec))
                    specs.Add(key, spec = StapsdtArgumentSpec.Format(arguments, architecture));
                ArgumentSpecs[i] = spec;
            }
            for (Section section = Section.Null; section < Section.Count; section++)
                ShStrTab.Add(SectionName(section));

            BuildIdOffset = BuildIdDescriptorOffset - 16; // 4-aligned, as notes must be
            BuildIdSize = 16 + BuildId.Size;
            IdentityOffset = BuildIdOffset + BuildIdSize; // both sizes are multiples of 4, as notes need
            HashOffset = Align(IdentityOffset + LibraryIdentity.NoteSize, 8);
            HashSize = 4L * (2 + SysvHash.BucketCount(symbolCount) + symbolCount);
            DynSymOffset = Align(HashOffset + HashSize, 8);
            DynSymSize = (long)SymSize * symbolCount;
            DynStrOffset = DynSymOffset + DynSymSize;
            StapsdtBaseOffset = DynStrOffset + DynStrSize;
            ReadOnlyEnd = StapsdtBaseOffset + 1;

            TextOffset = Align(ReadOnlyEnd, PageSize);
            TextSize = (long)ProbeContract.StubStride * count;

            DataOffset = Align(TextOffset + TextSize, PageSize);
            DynamicEntries =
            [
                (DT_HASH, HashOffset),
                (DT_STRTAB, DynStrOffset),
                (DT_SYMTAB, DynSymOffset),
                (DT_STRSZ, DynStrSize),
                (DT_SYMENT, SymSize),
                (DT_NULL, 0),
            ];
            DynamicOffset = DataOffset;
            DynamicSize = (long)DynSize * DynamicEntries.Length;
            ProbesOffset = DynamicOffset + DynamicSize;
            ProbesSize = (long)ProbeContract.SemaphoreStride * count;
            DataEnd = ProbesOffset + ProbesSize;

            StapsdtOffset = Align(DataEnd, 4);
            for (int i = 0; i < count; i++)
                StapsdtSize += 20 + Align(NoteDescriptorSize(i), 4);
            ShStrTabOffset = StapsdtOffset + StapsdtSize;
            SectionHeadersOffset = Align(ShStrTabOffset + ShStrTab.Size, 8);
            FileSize = checked((int)(SectionHeadersOffset + ShdrSize * (long)Section.Count));
        }

        /// <summary>
        /// The argument list packed into a number, four bits a kind after four bits of count;
        /// null when it does not fit (more arguments than the contract allows, a kind past 15).
        /// </summary>
        private static ulong? ArgumentListKey(IReadOnlyList<ArgumentKind> arguments)
        {
            if (arguments.Count > ContractLimits.MaxArguments)
                return null;
            ulong key = (ulong)arguments.Count;
            for (int i = 0; i < arguments.Count; i++)
            {
                if ((byte)arguments[i] > 0xF)
                    return null;
                key |= (ulong)arguments[i] << (4 + 4 * i);
            }
            return key;
        }

        /// <summary>Address (and file offset) of probe <paramref name="probe"/>'s stub.</summary>
        public long StubAddress(int probe) => TextOffset + (long)probe * ProbeContract.StubStride;

        /// <summary>Address (and file offset) of probe <paramref name="probe"/>'s 2-byte semaphore.</summary>
        public long SemaphoreAddress(int probe) => ProbesOffset + (long)probe * ProbeContract.SemaphoreStride;

        public int NoteDescriptorSize(int probe) =>
            24 + _probes[probe].Provider.Length + 1 + _probes[probe].Name.Length + 1 + ArgumentSpecs[probe].Length + 1;
    }
}
