using System.Runtime.CompilerServices;

namespace Flow;

/// <summary>Prices a basket: one <see cref="PriceOf"/> call per item, inside <see cref="Total"/>.</summary>
public sealed class Cart
{
    private static readonly Dictionary<string, long> Cents = new() { ["tea"] = 350, ["mug"] = 900, ["lamp"] = 2400 };

    /// <summary>The basket's total in cents.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public long Total(IReadOnlyList<string> items)
    {
        long total = 0;
        foreach (string item in items)
            total += PriceOf(item);
        return total;
    }

    /// <summary>One item's price in cents.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public long PriceOf(string item) => Cents[item];
}
