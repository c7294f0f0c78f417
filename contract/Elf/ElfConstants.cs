namespace Usdt.Elf;

/// <summary>Numbers from the ELF gABI (System V ABI, chapters 4 and 5) and the SystemTap SDT note format.</summary>
internal static class ElfConstants
{
    public const int EhdrSize = 64;     // Elf64_Ehdr
    public const int PhdrSize = 56;     // Elf64_Phdr
    public const int ShdrSize = 64;     // Elf64_Shdr
    public const int SymSize = 24;      // Elf64_Sym
    public const int DynSize = 16;      // Elf64_Dyn

    public const byte ELFCLASS64 = 2;
    public const byte ELFDATA2LSB = 1;
    public const byte EV_CURRENT = 1;
    public const ushort ET_DYN = 3;

    public const uint PT_LOAD = 1;
    public const uint PT_DYNAMIC = 2;
    public const uint PT_NOTE = 4;
    public const uint PT_GNU_STACK = 0x6474e551;
    public const uint PF_X = 1, PF_W = 2, PF_R = 4;

    public const uint SHT_PROGBITS = 1;
    public const uint SHT_STRTAB = 3;
    public const uint SHT_HASH = 5;
    public const uint SHT_DYNAMIC = 6;
    public const uint SHT_NOTE = 7;
    public const uint SHT_DYNSYM = 11;
    public const ulong SHF_WRITE = 1, SHF_ALLOC = 2, SHF_EXECINSTR = 4;

    public const byte STB_GLOBAL = 1;
    public const byte STT_OBJECT = 1;
    public const byte STT_FUNC = 2;

    public const long DT_NULL = 0;
    public const long DT_HASH = 4;
    public const long DT_STRTAB = 5;
    public const long DT_SYMTAB = 6;
    public const long DT_STRSZ = 10;
    public const long DT_SYMENT = 11;
    public const long DT_SONAME = 14;

    /// <summary>NT_GNU_BUILD_ID, owner "GNU": perf and debuginfod key files by it.</summary>
    public const uint NT_GNU_BUILD_ID = 3;

    /// <summary>Type of a SystemTap SDT v3 note, owner "stapsdt" (sourceware.org/systemtap/wiki/UserSpaceProbeImplementation).</summary>
    public const uint NT_STAPSDT = 3;
}
