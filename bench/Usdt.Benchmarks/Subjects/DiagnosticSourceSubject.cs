using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Usdt.Benchmarks.Subjects;

/// <summary>The method body with a <see cref="DiagnosticSource"/> event that nobody subscribed to, guarded by IsEnabled.</summary>
internal static class DiagnosticSourceSubject
{
    private static readonly DiagnosticSource s_source = new DiagnosticListener("UsdtBench.Shop");

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int PlaceOrder(int quantity, string sku)
    {
        int result = Workload.Body(quantity, sku);
        if (s_source.IsEnabled("OrderPlaced"))
            s_source.Write("OrderPlaced", (result, sku));
        return result;
    }
}
