using System;
using BenchmarkDotNet.Attributes;
using Usdt.Benchmarks.Subjects;

namespace Usdt.Benchmarks.Disabled;

/// <summary>
/// The managed side of an enabled probe with the kernel left out: the semaphores are set
/// by hand (no tracer, so no uprobe), and each fire runs the whole site, the argument
/// conversion and the call into the stub, whose 5-byte nop and ret then run natively.
/// Adding the kernel's uprobe cost (see the enabled-probe table) gives the traced cost.
/// MemoryDiagnoser proves firing allocates nothing. The woven static probes are in
/// FireWithoutTracerBenchmarks.Woven.cs.
/// </summary>
public unsafe partial class FireWithoutTracerBenchmarks
{
    private const int Calls = DisabledProbeBenchmarks.Calls;

    [GlobalSetup]
    public void Setup()
    {
        if (!ApiProbeSubject.Registration.IsActive)
            throw new InvalidOperationException($"probes not registered: {ApiProbeSubject.Registration}");
        // The semaphores live in this process's private copy of the library's data page, so
        // writing them affects nobody else; a tracer would do the same increment.
        *(ushort*)ApiProbeSubject.Fire2.SemaphoreAddress = 1;
        SetWovenSemaphores(1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        *(ushort*)ApiProbeSubject.Fire2.SemaphoreAddress = 0;
        SetWovenSemaphores(0);
    }

    /// <summary>Sets the woven static probes' semaphores (FireWithoutTracerBenchmarks.Woven.cs).</summary>
    partial void SetWovenSemaphores(ushort value);

    [Benchmark(OperationsPerInvoke = Calls, Description = "Probe.Fire (public API), 2 integers")]
    public void ApiFire2()
    {
        for (long i = 0; i < Calls; i++)
            ApiProbeSubject.Fire2.Fire(i, 42L);
    }
}
