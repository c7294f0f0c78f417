using System;
using System.Runtime.CompilerServices;
#if NET
using System.Runtime.InteropServices;
#endif

namespace Usdt.Elf;

/// <summary>
/// The NT_GNU_BUILD_ID of a probe library: 20 bytes that identify its content, so that
/// the same probes give the same id (perf's build-id cache keys files by it) and any other
/// content, a damaged copy included, a different one. It needs no cryptographic strength: a
/// 64-bit mixing hash run with three seeds (MurmurHash3-style finalisation) avoids loading a
/// crypto library at start-up, which SHA-1 did (about 4 ms).
/// </summary>
internal static class BuildId
{
    public const int Size = 20;

    /// <summary>The id of <paramref name="content"/>, read as little-endian 64-bit words and a tail.</summary>
    public static byte[] Compute(byte[] content)
    {
        // Three lanes with different seeds over the same words, in one pass over the image.
        ulong lengthMix = (ulong)content.Length * 0xFF51AFD7ED558CCD;
        ulong a = 0x9E3779B97F4A7C15 ^ lengthMix, b = 0xC2B2AE3D27D4EB4F ^ lengthMix, c = 0x165667B19E3779F9 ^ lengthMix;
        int wordCount = content.Length / sizeof(ulong);
#if NET
        // Whole words through one cast, not a read call per word: precompiled (ReadyToRun)
        // code cannot inline the framework's BinaryPrimitives, and start-up runs that code.
        // The words are little-endian, as on every processor the runtime writes for.
        ImageWriter.RequireLittleEndian();
        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<byte, ulong>(content);
        foreach (ulong word in words)
        {
#else
        for (int w = 0; w < wordCount; w++)
        {
            ulong word = 0;
            for (int i = 7; i >= 0; i--)
                word = (word << 8) | content[w * 8 + i];
#endif
            ulong k = Mix(word);
            a = Step(a, k);
            b = Step(b, k);
            c = Step(c, k);
        }
        ulong tail = 0;
        for (int i = wordCount * sizeof(ulong), shift = 0; i < content.Length; i++, shift += 8)
            tail |= (ulong)content[i] << shift;
        ulong last = Mix(tail);

        var id = new byte[Size];
        ulong[] lanes = [Finalize(a ^ last), Finalize(b ^ last), Finalize(c ^ last)];
        for (int i = 0; i < Size; i++)
            id[i] = (byte)(lanes[i / 8] >> (8 * (i % 8)));
        return id;
    }

    // The helpers below are marked for inlining because the ReadyToRun compiler, unlike
    // the JIT, left them as calls in the loop (five calls per word, five times slower).
    // BitOperations.RotateLeft is spelled out: precompiled code does not inline the
    // framework's version, and the compiler turns this pattern into one rotate instruction.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Step(ulong h, ulong mixed) => RotateLeft(h ^ mixed, 27) * 5 + 0x52DCE729;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RotateLeft(ulong value, int count) => (value << count) | (value >> (64 - count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong k)
    {
        k *= 0x87C37B91114253D5;
        k = RotateLeft(k, 31);
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
