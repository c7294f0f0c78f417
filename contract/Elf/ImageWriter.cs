using System;
#if NET
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#endif

namespace Usdt.Elf;

/// <summary>Little-endian writes at explicit offsets of a fixed-size image (ELFDATA2LSB).</summary>
/// <remarks>
/// In the runtime (.NET 8 and later) values are stored as they are in memory, through
/// <c>Unsafe.WriteUnaligned</c> behind one bounds check: the runtime writes the image on
/// the little-endian processor that loads it, and ships precompiled (ReadyToRun), where
/// framework helpers such as <c>BinaryPrimitives</c> stay calls and made every 4-byte write
/// a call at start-up. In the weaver (netstandard2.0, any build host) bytes are shifted
/// out one by one, which gives the same image on any host.
/// </remarks>
internal sealed class ImageWriter
{
    private readonly byte[] _image;

    public ImageWriter(byte[] image)
    {
#if NET
        RequireLittleEndian();
#endif
        _image = image;
    }

    public byte[] Image => _image;

#if NET
    /// <summary>Refuses a big-endian process, for which every stored value would be reversed.</summary>
    public static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("The probe library is written on little-endian processors only.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void U8(long at, byte value) => At(at, sizeof(byte)) = value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void U16(long at, ushort value) => Unsafe.WriteUnaligned(ref At(at, sizeof(ushort)), value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void U32(long at, uint value) => Unsafe.WriteUnaligned(ref At(at, sizeof(uint)), value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void U64(long at, ulong value) => Unsafe.WriteUnaligned(ref At(at, sizeof(ulong)), value);

    /// <summary>Writes <paramref name="value"/> (ASCII: names and argument specs are validated as such) followed by NUL; returns the bytes written.</summary>
    public int CString(long at, string value)
    {
        ref byte first = ref At(at, value.Length + 1);
        for (int i = 0; i < value.Length; i++)
            Unsafe.Add(ref first, i) = (byte)value[i];
        Unsafe.Add(ref first, value.Length) = 0;
        return value.Length + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref byte At(long at, int size)
    {
        if (at < 0 || at + size > _image.Length)
            ThrowOutside(at, size);
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_image), (nint)at);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowOutside(long at, int size) =>
        throw new ArgumentOutOfRangeException(nameof(at), at, $"A write of {size} bytes falls outside the {_image.Length}-byte image.");
#else
    public void U8(long at, byte value) => _image[checked((int)at)] = value;
    public void U16(long at, ushort value) => Little(at, value, 2);
    public void U32(long at, uint value) => Little(at, value, 4);
    public void U64(long at, ulong value) => Little(at, value, 8);

    /// <summary>Writes <paramref name="value"/> (ASCII: names and argument specs are validated as such) followed by NUL; returns the bytes written.</summary>
    public int CString(long at, string value)
    {
        int start = checked((int)at);
        for (int i = 0; i < value.Length; i++)
            _image[start + i] = (byte)value[i];
        _image[start + value.Length] = 0;
        return value.Length + 1;
    }

    private void Little(long at, ulong value, int size)
    {
        int start = checked((int)at);
        if (start < 0 || start + size > _image.Length)
            throw new ArgumentOutOfRangeException(nameof(at), at, $"A write of {size} bytes falls outside the {_image.Length}-byte image.");
        for (int i = 0; i < size; i++, value >>= 8)
            _image[start + i] = (byte)value;
    }
#endif

    public void I64(long at, long value) => U64(at, (ulong)value);

    public void Bytes(long at, byte[] value) => Buffer.BlockCopy(value, 0, _image, checked((int)at), value.Length);
}
