using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Usdt.Benchmarks.Subjects;

/// <summary>The method body wrapped in an OpenTelemetry-style activity that no listener samples.</summary>
internal static class ActivitySubject
{
    private static readonly ActivitySource s_source = new("UsdtBench.Shop");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int PlaceOrder(int quantity, string sku)
    {
        using Activity? activity = s_source.StartActivity("PlaceOrder");
        return Workload.Body(quantity, sku);
    }
}
