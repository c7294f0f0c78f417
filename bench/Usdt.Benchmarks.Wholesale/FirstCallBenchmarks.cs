using BenchmarkDotNet.Attributes;

namespace Usdt.Benchmarks.Wholesale;

/// <summary>
/// The first round in a fresh process, with everything before it that a woven library adds
/// to an application's start: loading the assemblies (and registering their probes), setting
/// the workload up, then one round, all at first call (a cold-start job, one invocation per process).
/// </summary>
public class FirstCallBenchmarks
{
    private VariantWorkload? _workload;
    private string _last = "";

    /// <summary>The workload (Usdt.Benchmarks.Wholesale.Workloads.WorkloadFactory.Names).</summary>
    [Params("jint", "ncalc-cached", "ncalc-parse")]
    public string Workload { get; set; } = "";

    /// <summary>Load, set up, one round.</summary>
    [Benchmark]
    public string LoadAndFirstRound()
    {
        _workload = VariantWorkload.FromEnvironment(Workload);
        return _last = _workload.Round();
    }

    /// <summary>Records what ran, for the run to check.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (_workload is not null)
            VariantCheck.Record(_workload, Workload, _last);
    }
}
