using System;
using System.Buffers.Binary;
using System.Text;

namespace Usdt.Elf;

/// <summary>Little-endian writes at explicit offsets of a fixed-size image.</summary>
internal sealed class ImageWriter(byte[] image)
{
    private readonly byte[] _image = image;

    public void U8(long at, byte value) => _image[(int)at] = value;
    public void U16(long at, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(_image.AsSpan((int)at), value);
    public void U32(long at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(_image.AsSpan((int)at), value);
    public void U64(long at, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(_image.AsSpan((int)at), value);
    public void I64(long at, long value) => BinaryPrimitives.WriteInt64LittleEndian(_image.AsSpan((int)at), value);
    public void Bytes(long at, ReadOnlySpan<byte> value) => value.CopyTo(_image.AsSpan((int)at));

    /// <summary>Writes <paramref name="value"/> as ASCII followed by NUL; returns the bytes written.</summary>
    public int CString(long at, string value)
    {
        int length = Encoding.ASCII.GetBytes(value, _image.AsSpan((int)at));
        _image[(int)at + length] = 0;
        return length + 1;
    }

    public Span<byte> Slice(long at, int length) => _image.AsSpan((int)at, length);
}
