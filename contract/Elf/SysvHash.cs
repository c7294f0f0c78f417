namespace Usdt.Elf;

/// <summary>The System V ABI symbol hash (gABI "Hash Table"), read by the dynamic loader's dlsym.</summary>
internal static class SysvHash
{
    /// <summary>The hash of the <paramref name="length"/> name bytes at <paramref name="offset"/> of <paramref name="image"/>.</summary>
    public static uint Compute(byte[] image, long offset, int length)
    {
        uint h = 0;
        for (long i = offset, end = offset + length; i < end; i++)
        {
            h = (h << 4) + image[i];
            // The gABI's "if (g) h ^= g >> 24" without the branch: both are no-ops when g is 0.
            uint g = h & 0xf0000000;
            h ^= g >> 24;
            h &= ~g;
        }
        return h;
    }

    /// <summary>Bucket count for <paramref name="symbolCount"/> symbols: about two per chain, odd to spread the hash.</summary>
    public static int BucketCount(int symbolCount) => (symbolCount / 2) | 1;
}
