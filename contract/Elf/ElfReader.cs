using System;

namespace Usdt.Elf;

/// <summary>
/// Bounds-checked little-endian reads of an ELF64 file held in memory, whole or its first
/// bytes only; a read outside what is held throws <see cref="FormatException"/>.
/// </summary>
internal sealed class ElfReader
{
    /// <summary>Reads of a whole file.</summary>
    public ElfReader(byte[] bytes)
        : this(bytes, bytes.LongLength)
    {
    }

    /// <summary>Reads of the first bytes of a file of <paramref name="length"/> bytes: its headers and notes, say.</summary>
    public ElfReader(byte[] head, long length)
    {
        Bytes = head;
        Length = length;
    }

    /// <summary>What is held: the whole file, or its first bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>The file's length.</summary>
    public long Length { get; }

    public byte U8(long at) => Bytes[Check(at, 1)];

    public ushort U16(long at) => (ushort)Little(at, 2);

    public uint U32(long at) => (uint)Little(at, 4);

    public ulong U64(long at) => Little(at, 8);

    /// <summary>True when the <paramref name="length"/> bytes at <paramref name="at"/> are the ASCII of <paramref name="text"/> and a NUL.</summary>
    public bool HasCString(long at, long length, string text)
    {
        if (length != text.Length + 1)
            return false;
        long start = Check(at, (int)length);
        for (int i = 0; i < text.Length; i++)
        {
            if (Bytes[start + i] != (byte)text[i])
                return false;
        }
        return Bytes[start + text.Length] == 0;
    }

    private ulong Little(long at, int size)
    {
        long start = Check(at, size);
        ulong value = 0;
        for (int i = size - 1; i >= 0; i--)
            value = (value << 8) | Bytes[start + i];
        return value;
    }

    private long Check(long at, int size)
    {
        if (at < 0 || size < 0 || at > Length - size)
            throw new FormatException($"the file ends before offset {at} + {size} (it has {Length} bytes)");
        if (at > Bytes.LongLength - size)
            throw new FormatException($"offset {at} + {size} lies past the first {Bytes.LongLength} bytes, where headers and notes belong");
        return at;
    }
}
