extern alias woven;
extern alias wovengeneric;
using BenchmarkDotNet.Attributes;
using Usdt.Benchmarks.Subjects;
using GenericOrderService = wovengeneric::Usdt.Benchmarks.Subjects.OrderService;
using WovenOrderService = woven::Usdt.Benchmarks.Subjects.OrderService;
using WovenStaticProbeSubject = woven::Usdt.Benchmarks.Woven.StaticProbeSubject;

namespace Usdt.Benchmarks.Disabled;

/// <summary>
/// The same subjects woven by the real Usdt.Fody (bench/Usdt.Benchmarks.Woven), and woven
/// with the generic method pair on as well (bench/Usdt.Benchmarks.WovenGeneric).
/// </summary>
public partial class DisabledProbeBenchmarks
{
    partial void SetupWoven() => WovenSubjects.EnsureProbed();

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

    [Benchmark(OperationsPerInvoke = Calls, Description = "woven entry+return + generic pair (GenericProbes), disabled")]
    public int WovenGeneric()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += GenericOrderService.PlaceOrder(i, _sku);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "woven entry+return + generic pair (GenericProbes), disabled, method that calls another")]
    public int WovenGenericNonLeaf()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += GenericOrderService.Checkout(i, _sku);
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
