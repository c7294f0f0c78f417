using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Usdt.Elf;

/// <summary>Little-endian writes at explicit offsets of a fixed-size image.</summary>
/// <remarks>
/// The image is ELFDATA2LSB and written on the processor that loads it (x86-64 or
/// AArch64, both little-endian), so values are stored as they are in memory, through
/// <see cref="Unsafe.WriteUnaligned{T}(ref byte, T)"/> behind one bounds check. Not
/// through <c>BinaryPrimitives</c> and spans: the runtime ships precompiled (ReadyToRun),
/// and precompiled code calls rather than inlines framework methods that are not
/// intrinsics, which made every 4-byte write a call at start-up; and the small writers are
/// marked for inlining, which the ReadyToRun compiler otherwise declines.
/// </remarks>
internal sealed class ImageWriter
{
    private readonly byte[] _image;

    public ImageWriter(byte[] image)
    {
        RequireLittleEndian();
        _image = image;
    }

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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void I64(long at, long value) => U64(at, (ulong)value);
    public void Bytes(long at, ReadOnlySpan<byte> value) => value.CopyTo(_image.AsSpan((int)at));

    /// <summary>Writes <paramref name="value"/> (ASCII: names and argument specs are validated as such) followed by NUL; returns the bytes written.</summary>
    public int CString(long at, string value)
    {
        ref byte first = ref At(at, value.Length + 1);
        for (int i = 0; i < value.Length; i++)
            Unsafe.Add(ref first, i) = (byte)value[i];
        Unsafe.Add(ref first, value.Length) = 0;
        return value.Length + 1;
    }

    public Span<byte> Slice(long at, int length) => _image.AsSpan((int)at, length);

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
}
