using System.Runtime.CompilerServices;

namespace Usdt.Benchmarks.Subjects;

/// <summary>
/// The methods as the user wrote them. Compiled twice: here, unwoven, as the baseline of
/// every disabled-probe comparison; and into bench/Usdt.Benchmarks.Woven, where Usdt.Fody
/// weaves entry and return probes into it. Same source, so the only difference is the weaving.
/// </summary>
internal static class OrderService
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int PlaceOrder(int quantity, string sku) => Workload.Body(quantity, sku);

    /// <summary>
    /// A method that calls another, as most methods do: it has a stack frame of its own
    /// before any weaving, unlike the leaf <see cref="PlaceOrder"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Checkout(int quantity, string sku) => Workload.Price(quantity) + sku.Length;

    /// <summary>Tiny and left to the JIT's inliner.</summary>
    public static int Add(int a, int b) => Workload.TinyBody(a, b);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int AddNoInlining(int a, int b) => Workload.TinyBody(a, b);
}
