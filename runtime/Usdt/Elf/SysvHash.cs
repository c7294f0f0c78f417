namespace Usdt.Elf;

/// <summary>The System V ABI symbol hash (gABI "Hash Table"), read by the dynamic loader's dlsym.</summary>
internal static class SysvHash
{
    public static uint Compute(string name)
    {
        uint h = 0;
        foreach (char c in name)
        {
            h = (h << 4) + (byte)c;
            uint g = h & 0xf0000000;
            if (g != 0)
                h ^= g >> 24;
            h &= ~g;
        }
        return h;
    }

    /// <summary>Bucket count for <paramref name="symbolCount"/> symbols: about two per chain, odd to spread the hash.</summary>
    public static int BucketCount(int symbolCount) => (symbolCount / 2) | 1;
}
