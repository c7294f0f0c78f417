using BenchmarkDotNet.Attributes;

namespace Usdt.Benchmarks.Wholesale;

/// <summary>
/// One round of a library's hot loop, in steady state (after BenchmarkDotNet's warm-up, so
/// at tier 1): the variant, given by the job, loaded in the global setup.
/// </summary>
public class SteadyStateBenchmarks
{
    private VariantWorkload? _workload;
    private string _last = "";

    /// <summary>The workload (Usdt.Benchmarks.Wholesale.Workloads.WorkloadFactory.Names).</summary>
    [Params("jint", "ncalc-cached", "ncalc-parse")]
    public string Workload { get; set; } = "";

    /// <summary>Loads the job's variant and sets the workload up.</summary>
    [GlobalSetup]
    public void Setup() => _workload = VariantWorkload.FromEnvironment(Workload);

    /// <summary>One round.</summary>
    [Benchmark]
    public string Round() => _last = _workload!.Round();

    /// <summary>Records what ran, for the run to check.</summary>
    [GlobalCleanup]
    public void Cleanup() => VariantCheck.Record(_workload!, Workload, _last);
}
