using System.Runtime.CompilerServices;

namespace Usdt.Benchmarks.Subjects;

/// <summary>
/// The method body with a probe of the public API (<see cref="UsdtProvider"/>), used the
/// two ways a user would: guarded by <see cref="Probe.IsEnabled"/>, and fired unguarded.
/// </summary>
internal static class ApiProbeSubject
{
    public const string Provider = "usdtbenchapi";

    public static readonly UsdtProvider Shop = new(Provider);
    public static readonly Probe OrderPlaced = Shop.AddProbe("order_placed", ProbeArgumentType.Int32, ProbeArgumentType.Utf8String);
    public static readonly Probe Fire2 = Shop.AddProbe("fire2", ProbeArgumentType.Int64, ProbeArgumentType.Int64);
    public static readonly ProbeRegistration Registration = Shop.Register();

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int PlaceOrderGuarded(int quantity, string sku)
    {
        int result = Workload.Body(quantity, sku);
        if (OrderPlaced.IsEnabled)
            OrderPlaced.Fire(result, sku);
        return result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int PlaceOrderUnguarded(int quantity, string sku)
    {
        int result = Workload.Body(quantity, sku);
        OrderPlaced.Fire(result, sku);
        return result;
    }
}
