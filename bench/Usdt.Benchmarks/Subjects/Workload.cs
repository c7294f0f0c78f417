using System.Runtime.CompilerServices;

namespace Usdt.Benchmarks.Subjects;

/// <summary>
/// The one method body every disabled-probe variant shares, so that the only difference
/// between two benchmarks is the instrumentation around it.
/// </summary>
internal static class Workload
{
    /// <summary>The string argument every benchmark passes (9 bytes of UTF-8).</summary>
    public const string Sku = "SKU-12345";

    /// <summary>A 256-byte ASCII string: exactly the default string limit, so a probe passes it whole.</summary>
    public static readonly string LongText = new('x', ProbeLimits.DefaultStringLimit);

    // A little arithmetic on both arguments: enough that the JIT cannot fold the call
    // away, small enough that a fraction of a nanosecond of overhead stays visible.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Body(int quantity, string sku) => quantity * 31 + sku.Length;

    /// <summary>What <see cref="OrderService.Checkout"/> calls: out of line, so its caller is not a leaf.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Price(int quantity) => quantity * 31;

    /// <summary>The tiny method of the inlining comparison: a candidate the JIT always inlines when unwoven.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TinyBody(int a, int b) => a + b;
}
