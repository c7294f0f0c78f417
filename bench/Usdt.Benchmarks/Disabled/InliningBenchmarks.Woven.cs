extern alias woven;
using BenchmarkDotNet.Attributes;
using WovenOrderService = woven::Usdt.Benchmarks.Subjects.OrderService;

namespace Usdt.Benchmarks.Disabled;

/// <summary>The tiny method woven by the real Usdt.Fody.</summary>
public partial class InliningBenchmarks
{
    [Benchmark(OperationsPerInvoke = Calls, Description = "woven Add (Usdt.Fody), inlinable")]
    public int WovenInlinable()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += WovenOrderService.Add(i, _b);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "woven Add (Usdt.Fody), NoInlining")]
    public int WovenNoInlining()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += WovenOrderService.AddNoInlining(i, _b);
        return sum;
    }
}
