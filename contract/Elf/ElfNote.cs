using System.Collections.Generic;

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

    /// <summary>The notes of the <paramref name="size"/> bytes at <paramref name="offset"/>; a note running past the file throws <see cref="System.FormatException"/> when read.</summary>
    public static IEnumerable<ElfNote> In(ElfReader elf, long offset, long size)
    {
        for (long at = offset, end = offset + size; at + 12 <= end;)
        {
            long nameSize = elf.U32(at), descriptorSize = elf.U32(at + 4);
            uint type = elf.U32(at + 8);
            long name = at + 12, descriptor = name + Align4(nameSize);
            yield return new ElfNote(type, name, nameSize, descriptor, descriptorSize);
            at = descriptor + Align4(descriptorSize);
        }
    }

    private static long Align4(long value) => (value + 3) & ~3L;
}
