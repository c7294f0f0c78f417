using System.Buffers.Binary;
using System.Numerics;
using System;

namespace Usdt.Elf;

/// <summary>
/// The NT_GNU_BUILD_ID of a generated library: 20 bytes that identify its content, so that
/// the same probes give the same id (perf's build-id cache keys files by it) and different
/// probes a different one. It needs no cryptographic strength: a managed 64-bit mixing hash
/// run with three seeds (MurmurHash3-style finalisation) avoids loading a crypto library at
/// start-up, which SHA-1 did (about 4 ms).
/// </summary>
internal static class BuildId
{
    public const int Size = 20;

    public static byte[] Compute(ReadOnlySpan<byte> content)
    {
        var id = new byte[24];
        BinaryPrimitives.WriteUInt64LittleEndian(id, Hash(content, 0x9E3779B97F4A7C15));
        BinaryPrimitives.WriteUInt64LittleEndian(id.AsSpan(8), Hash(content, 0xC2B2AE3D27D4EB4F));
        BinaryPrimitives.WriteUInt64LittleEndian(id.AsSpan(16), Hash(content, 0x165667B19E3779F9));
        return id.AsSpan(0, Size).ToArray();
    }

    private static ulong Hash(ReadOnlySpan<byte> content, ulong seed)
    {
        ulong h = seed ^ ((ulong)content.Length * 0xFF51AFD7ED558CCD);
        int i = 0;
        for (; i + 8 <= content.Length; i += 8)
        {
            ulong k = BinaryPrimitives.ReadUInt64LittleEndian(content[i..]);
            h ^= Mix(k);
            h = BitOperations.RotateLeft(h, 27) * 5 + 0x52DCE729;
        }
        ulong tail = 0;
        for (int shift = 0; i < content.Length; i++, shift += 8)
            tail |= (ulong)content[i] << shift;
        h ^= Mix(tail);
        return Finalize(h);
    }

    private static ulong Mix(ulong k)
    {
        k *= 0x87C37B91114253D5;
        k = BitOperations.RotateLeft(k, 31);
        return k * 0x4CF5AD432745937F;
    }

    private static ulong Finalize(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCD;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53;
        return h ^ (h >> 33);
    }
}
