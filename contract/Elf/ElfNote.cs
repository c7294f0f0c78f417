namespace Usdt.Elf;

/// <summary>
/// One note of a note segment or section (gABI "Note Section": namesz, descsz, type, then
/// the name and the descriptor, each padded to 4 bytes): where its name and descriptor lie.
/// </summary>
internal readonly struct ElfNote
{
    private ElfNote(uint type, long nameAt, long nameSize, long descriptorAt, long descriptorSize)
    {
        Type = type;
        NameAt = nameAt;
        NameSize = nameSize;
        DescriptorAt = descriptorAt;
        DescriptorSize = descriptorSize;
    }

    public uint Type { get; }

    public long NameAt { get; }

    public long NameSize { get; }

    public long DescriptorAt { get; }

    public long DescriptorSize { get; }

    /// <summary>True when the note's owner name is <paramref name="owner"/> ("GNU", "stapsdt").</summary>
    public bool IsOwnedBy(ElfReader elf, string owner) => elf.HasCString(NameAt, NameSize, owner);

    /// <summary>The notes of the <paramref name="size"/> bytes at <paramref name="offset"/>, for <c>foreach</c>; a note running past the file throws <see cref="System.FormatException"/> when read.</summary>
    public static Walk In(ElfReader elf, long offset, long size) => new(elf, offset, offset + size);

    private static long Align4(long value) => (value + 3) & ~3L;

    /// <summary>
    /// A walk over the notes, enumerable by <c>foreach</c> without an iterator object: the
    /// runtime walks notes at start-up, where each generic interface instantiation and
    /// compiler-generated class is a type to load.
    /// </summary>
    public struct Walk
    {
        private readonly ElfReader _elf;
        private readonly long _end;
        private long _next;

        internal Walk(ElfReader elf, long start, long end)
        {
            _elf = elf;
            _next = start;
            _end = end;
            Current = default;
        }

        public ElfNote Current { get; private set; }

        public readonly Walk GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_next + 12 > _end)
                return false;
            long nameSize = _elf.U32(_next), descriptorSize = _elf.U32(_next + 4);
            uint type = _elf.U32(_next + 8);
            long name = _next + 12, descriptor = name + Align4(nameSize);
            Current = new ElfNote(type, name, nameSize, descriptor, descriptorSize);
            _next = descriptor + Align4(descriptorSize);
            return true;
        }
    }
}
