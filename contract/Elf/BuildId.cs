using System;
using System.Runtime.CompilerServices;
#if NET
using System.Runtime.InteropServices;
#endif

namespace Usdt.Elf;

/// <summary>
/// The NT_GNU_BUILD_ID of a probe library: 20 bytes that identify its content, so that
/// the same probes give the same id (perf's build-id cache keys files by it) and any other
/// content, a damaged copy included, a different one. The runtime recomputes it over every
/// library it loads from disk, so it is built for speed, not for cryptographic strength:
/// four independent 64-bit lanes over 32-byte stripes, as xxHash64 does (its primes, its
/// round), merged and finalised three ways for the 20 bytes. No crypto library is loaded at
/// start-up (SHA-1 cost about 4 ms there).
/// </summary>
internal static class BuildId
{
    public const int Size = 20;

    // xxHash64's primes.
    private const ulong P1 = 0x9E3779B185EBCA87, P2 = 0xC2B2AE3D27D4EB4F, P3 = 0x165667B19E3779F9, P4 = 0x85EBCA77C2B2AE63, P5 = 0x27D4EB2F165667C5;

    /// <summary>The id of <paramref name="content"/>, read as little-endian 64-bit words and a tail.</summary>
    public static byte[] Compute(byte[] content)
    {
        ulong v1 = unchecked(P1 + P2), v2 = P2, v3 = 0, v4 = unchecked(0UL - P1);
        int stripes = content.Length / 32;
#if NET
        // Whole words through one cast, not a read call per word: precompiled (ReadyToRun)
        // code cannot inline the framework's BinaryPrimitives, and start-up runs that code.
        // The words are little-endian, as on every processor the runtime writes for.
        ImageWriter.RequireLittleEndian();
        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<byte, ulong>(content.AsSpan(0, stripes * 32));
        for (int i = 0; i < words.Length; i += 4)
        {
            v1 = Round(v1, words[i]);
            v2 = Round(v2, words[i + 1]);
            v3 = Round(v3, words[i + 2]);
            v4 = Round(v4, words[i + 3]);
        }
#else
        for (int i = 0; i < stripes * 32; i += 32)
        {
            v1 = Round(v1, Word(content, i));
            v2 = Round(v2, Word(content, i + 8));
            v3 = Round(v3, Word(content, i + 16));
            v4 = Round(v4, Word(content, i + 24));
        }
#endif
        ulong h = RotateLeft(v1, 1) + RotateLeft(v2, 7) + RotateLeft(v3, 12) + RotateLeft(v4, 18);
        h = Merge(Merge(Merge(Merge(h, v1), v2), v3), v4) + (ulong)content.Length;
        int at = stripes * 32;
        for (; at + 8 <= content.Length; at += 8)
            h = RotateLeft(h ^ Round(0, Word(content, at)), 27) * P1 + P4;
        for (; at < content.Length; at++)
            h = RotateLeft(h ^ (content[at] * P5), 11) * P1;

        var id = new byte[Size];
        ulong[] lanes = [Finalize(h), Finalize(h ^ P3), Finalize(h ^ P5)];
        for (int i = 0; i < Size; i++)
            id[i] = (byte)(lanes[i / 8] >> (8 * (i % 8)));
        return id;
    }

    // The helpers below are marked for inlining because the ReadyToRun compiler, unlike
    // the JIT, left such helpers as calls in the loop. BitOperations.RotateLeft is spelled
    // out: precompiled code does not inline the framework's version, and the compiler turns
    // this pattern into one rotate instruction.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Round(ulong lane, ulong word) => RotateLeft(lane + word * P2, 31) * P1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Merge(ulong h, ulong lane) => (h ^ Round(0, lane)) * P1 + P4;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RotateLeft(ulong value, int count) => (value << count) | (value >> (64 - count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Word(byte[] bytes, int at)
    {
        ulong word = 0;
        for (int i = 7; i >= 0; i--)
            word = (word << 8) | bytes[at + i];
        return word;
    }

    private static ulong Finalize(ulong h)
    {
        h ^= h >> 33;
        h *= P2;
        h ^= h >> 29;
        h *= P3;
        return h ^ (h >> 32);
    }
}
