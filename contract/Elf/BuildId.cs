using System;
using System.Runtime.CompilerServices;

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
#if NET
        return Hasher.Start().Finish(content);
#else
        var lanes = Lanes.Start();
        int stripes = content.Length / 32;
        for (int i = 0; i < stripes * 32; i += 32)
            lanes.Stripe(Word(content, i), Word(content, i + 8), Word(content, i + 16), Word(content, i + 24));
        ulong h = lanes.Fold((ulong)content.Length);
        int at = stripes * 32;
        for (; at + 8 <= content.Length; at += 8)
            h = TailWord(h, Word(content, at));
        for (; at < content.Length; at++)
            h = TailByte(h, content[at]);
        return Id(h);
#endif
    }

    /// <summary>True when the <see cref="Size"/> bytes stored at <paramref name="at"/> in <paramref name="file"/> are the id of the rest.</summary>
    public static bool IsStoredIn(byte[] file, int at)
    {
        // The writer hashed the file with the id still zero: so does this, then puts the id back.
        byte[] stored = At(file, at);
        Array.Clear(file, at, Size);
        byte[] computed = Compute(file);
        Buffer.BlockCopy(stored, 0, file, at, Size);
        return Same(stored, computed);
    }

#if NET
    /// <summary>
    /// The id of content given piece by piece, in order, every piece but the last a whole
    /// number of 32-byte stripes: a file can be hashed through one small buffer.
    /// </summary>
    public struct Hasher
    {
        private Lanes _lanes;
        private long _length;

        public static Hasher Start() => new() { _lanes = Lanes.Start() };

        /// <summary>Hashes <paramref name="stripes"/>, a multiple of 32 bytes long.</summary>
        public unsafe void Add(ReadOnlySpan<byte> stripes)
        {
            if (stripes.Length % 32 != 0)
                throw new ArgumentException("only the last piece may end inside a stripe", nameof(stripes));
            // Words read through a pointer, neither a read call per word nor MemoryMarshal.Cast:
            // start-up runs this as precompiled (ReadyToRun) code, which cannot inline the
            // framework's BinaryPrimitives, and Cast<byte, ulong> is compiled on first use.
            // The words are little-endian, as on every processor the runtime writes for.
            ImageWriter.RequireLittleEndian();
            fixed (byte* start = stripes)
                _lanes.Stripes((ulong*)start, stripes.Length / 8);
            _length += stripes.Length;
        }

        /// <summary>The id of everything added and then <paramref name="last"/>.</summary>
        public byte[] Finish(ReadOnlySpan<byte> last)
        {
            int striped = last.Length / 32 * 32;
            Add(last[..striped]);
            ulong h = _lanes.Fold((ulong)(_length + last.Length - striped));
            ReadOnlySpan<byte> tail = last[striped..];
            int at = 0;
            for (; at + 8 <= tail.Length; at += 8)
                h = TailWord(h, Word(tail, at));
            for (; at < tail.Length; at++)
                h = TailByte(h, tail[at]);
            return Id(h);
        }
    }
#endif

    /// <summary>The <see cref="Size"/> bytes at <paramref name="at"/> of <paramref name="file"/>: a stored id.</summary>
    public static byte[] At(byte[] file, int at)
    {
        var id = new byte[Size];
        Buffer.BlockCopy(file, at, id, 0, Size);
        return id;
    }

    /// <summary>Byte-wise equality of two ids.</summary>
    public static bool Same(byte[] one, byte[] other)
    {
        if (one.Length != other.Length)
            return false;
        for (int i = 0; i < one.Length; i++)
        {
            if (one[i] != other[i])
                return false;
        }
        return true;
    }

    /// <summary>xxHash64's four accumulators, fed 32-byte stripes.</summary>
    private struct Lanes
    {
        private ulong _v1, _v2, _v3, _v4;

        public static Lanes Start() => new() { _v1 = unchecked(P1 + P2), _v2 = P2, _v3 = 0, _v4 = unchecked(0UL - P1) };

#if !NET
        public void Stripe(ulong w1, ulong w2, ulong w3, ulong w4)
        {
            _v1 = Round(_v1, w1);
            _v2 = Round(_v2, w2);
            _v3 = Round(_v3, w3);
            _v4 = Round(_v4, w4);
        }
#else
        public unsafe void Stripes(ulong* words, int count)
        {
            ulong v1 = _v1, v2 = _v2, v3 = _v3, v4 = _v4;
            for (int i = 0; i + 3 < count; i += 4)
            {
                v1 = Round(v1, words[i]);
                v2 = Round(v2, words[i + 1]);
                v3 = Round(v3, words[i + 2]);
                v4 = Round(v4, words[i + 3]);
            }
            (_v1, _v2, _v3, _v4) = (v1, v2, v3, v4);
        }
#endif

        /// <summary>The four lanes folded into one, with the content's length.</summary>
        public readonly ulong Fold(ulong length)
        {
            ulong h = RotateLeft(_v1, 1) + RotateLeft(_v2, 7) + RotateLeft(_v3, 12) + RotateLeft(_v4, 18);
            return BuildId.Merge(BuildId.Merge(BuildId.Merge(BuildId.Merge(h, _v1), _v2), _v3), _v4) + length;
        }
    }

    private static ulong TailWord(ulong h, ulong word) => RotateLeft(h ^ Round(0, word), 27) * P1 + P4;

    private static ulong TailByte(ulong h, byte value) => RotateLeft(h ^ (value * P5), 11) * P1;

    private static byte[] Id(ulong h)
    {
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

#if NET
    private static ulong Word(ReadOnlySpan<byte> bytes, int at)
    {
        ulong word = 0;
        for (int i = 7; i >= 0; i--)
            word = (word << 8) | bytes[at + i];
        return word;
    }
#else
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Word(byte[] bytes, int at)
    {
        ulong word = 0;
        for (int i = 7; i >= 0; i--)
            word = (word << 8) | bytes[at + i];
        return word;
    }
#endif

    private static ulong Finalize(ulong h)
    {
        h ^= h >> 33;
        h *= P2;
        h ^= h >> 29;
        h *= P3;
        return h ^ (h >> 32);
    }
}
