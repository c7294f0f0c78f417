extern alias woven;
using BenchmarkDotNet.Attributes;
using WovenOrderService = woven::Usdt.Benchmarks.Subjects.OrderService;
using WovenStaticProbeSubject = woven::Usdt.Benchmarks.Woven.StaticProbeSubject;

namespace Usdt.Benchmarks.Disabled;

/// <summary>The same subjects woven by the real Usdt.Fody (bench/Usdt.Benchmarks.Woven), beside their hand replicas.</summary>
public partial class DisabledProbeBenchmarks
{
    [Benchmark(OperationsPerInvoke = Calls, Description = "woven entry+return (Usdt.Fody), disabled")]
    public int Woven()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += WovenOrderService.PlaceOrder(i, _sku);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "woven entry+return (Usdt.Fody), disabled, method that calls another")]
    public int WovenNonLeaf()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += WovenOrderService.Checkout(i, _sku);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "woven static probe (Usdt.Fody), disabled")]
    public int WovenStaticProbe()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += WovenStaticProbeSubject.PlaceOrder(i, _sku);
        return sum;
    }
}
