using Mono.Collections.Generic;

namespace Usdt.Fody.Emit;

/// <summary>
/// Grows a Cecil collection once, to the size it is about to reach. Left to itself a
/// collection doubles step by step as items come; for the lists of thousands of woven
/// bodies that was a quarter of what weaving allocated.
/// </summary>
internal static class CollectionRoom
{
    /// <summary>Makes room in <paramref name="items"/> for <paramref name="total"/> items (it never shrinks).</summary>
    public static void Reserve<T>(Collection<T> items, int total)
    {
        if (items.Capacity < total)
            items.Capacity = total;
    }
}
