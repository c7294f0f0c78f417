using BenchmarkDotNet.Attributes;
using Usdt.Benchmarks.Subjects;

namespace Usdt.Benchmarks.Disabled;

/// <summary>
/// Does weaving change how the JIT treats a tiny method? <c>Add(a, b) => a + b</c>, unwoven
/// and woven (entry+return, disabled), each left to the inliner and forced out of line.
/// <see cref="Inlining.InliningCheck"/> reads the JIT's own disassembly for the verdict.
/// </summary>
public partial class InliningBenchmarks
{
    private const int Calls = DisabledProbeBenchmarks.Calls;
    private int _b = 22;

    [Benchmark(OperationsPerInvoke = Calls, Baseline = true, Description = "unwoven Add, inlinable")]
    public int UnwovenInlinable()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += OrderService.Add(i, _b);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "unwoven Add, NoInlining")]
    public int UnwovenNoInlining()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += OrderService.AddNoInlining(i, _b);
        return sum;
    }
}
