using System;
using BenchmarkDotNet.Attributes;
using Usdt.Benchmarks.Subjects;
using Usdt.Benchmarks.Subjects.WovenReplica;

namespace Usdt.Benchmarks.Disabled;

/// <summary>
/// The managed side of an enabled probe with the kernel left out: the semaphores are set
/// by hand (no tracer, so no uprobe), and each fire runs the whole site, the argument
/// conversion and the call into the stub, whose 5-byte nop and ret then run natively.
/// Adding the kernel's uprobe cost (see the enabled-probe table) gives the traced cost.
/// MemoryDiagnoser proves firing allocates nothing.
/// </summary>
public unsafe class FireWithoutTracerBenchmarks
{
    private const int Calls = DisabledProbeBenchmarks.Calls;

    private static ushort* Semaphore(int probe) => (ushort*)(ReplicaProbeTable.Semaphores + 2 * probe);

    [GlobalSetup]
    public void Setup()
    {
        if (!ReplicaProbeTable.Registration.IsActive || !ApiProbeSubject.Registration.IsActive)
            throw new InvalidOperationException("probes not registered; this benchmark needs the generated library");
        // The semaphores live in this process's private copy of the library's data page, so
        // writing them affects nobody else; a tracer would do the same increment.
        foreach (int probe in (int[])[ReplicaProbeTable.Fire2, ReplicaProbeTable.FireShortString, ReplicaProbeTable.Fire256String, ReplicaProbeTable.Fire6])
            *Semaphore(probe) = 1;
        *(ushort*)ApiProbeSubject.Fire2.SemaphoreAddress = 1;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (int probe in (int[])[ReplicaProbeTable.Fire2, ReplicaProbeTable.FireShortString, ReplicaProbeTable.Fire256String, ReplicaProbeTable.Fire6])
            *Semaphore(probe) = 0;
        *(ushort*)ApiProbeSubject.Fire2.SemaphoreAddress = 0;
    }

    [Benchmark(OperationsPerInvoke = Calls, Baseline = true, Description = "site + stub call, 2 integers")]
    public void Fire2()
    {
        for (long i = 0; i < Calls; i++)
            LoopProbeSites.Fire2(i);
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "site + stub call, integer + 9-byte string")]
    public void FireShortString()
    {
        for (long i = 0; i < Calls; i++)
            LoopProbeSites.FireShortString(i);
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "site + stub call, integer + 256-byte string")]
    public void Fire256String()
    {
        for (long i = 0; i < Calls; i++)
            LoopProbeSites.Fire256String(i);
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "site + stub call, 6 integers")]
    public void Fire6()
    {
        for (long i = 0; i < Calls; i++)
            LoopProbeSites.Fire6(i);
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "Probe.Fire (public API), 2 integers")]
    public void ApiFire2()
    {
        for (long i = 0; i < Calls; i++)
            LoopProbeSites.ApiFire2(i);
    }
}
