using System.Collections.Generic;

namespace Usdt.Elf;

/// <summary>An ELF string table (gABI "String Table"): NUL-separated names, offset 0 is the empty name.</summary>
internal sealed class StringTable
{
    private readonly List<string> _strings = [];
    private readonly Dictionary<string, int> _offsets = new() { [""] = 0 };

    public int Size { get; private set; } = 1;

    public int Add(string value)
    {
        if (_offsets.TryGetValue(value, out int offset))
            return offset;
        offset = Size;
        _offsets.Add(value, offset);
        _strings.Add(value);
        Size += value.Length + 1;
        return offset;
    }

    public void WriteTo(ImageWriter image, long at)
    {
        image.U8(at, 0);
        long position = at + 1;
        foreach (string value in _strings)
            position += image.CString(position, value);
    }
}
