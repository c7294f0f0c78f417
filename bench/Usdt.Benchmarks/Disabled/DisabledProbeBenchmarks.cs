using System;
using BenchmarkDotNet.Attributes;
using Usdt.Benchmarks.Subjects;
using Usdt.Benchmarks.Subjects.WovenReplica;

namespace Usdt.Benchmarks.Disabled;

/// <summary>
/// Nobody is tracing: the cost of each way to leave an event in a method, around the same
/// body (<see cref="Workload.Body"/>), each subject a non-inlined method so every case is
/// one call plus whatever the instrumentation adds. Each benchmark makes
/// <see cref="Calls"/> calls (<c>OperationsPerInvoke</c>), so BenchmarkDotNet's own
/// per-invocation overhead, ~3 ns and noisy on this machine, shrinks to nothing and
/// sub-nanosecond differences between cases stand out.
/// </summary>
public partial class DisabledProbeBenchmarks
{
    public const int Calls = 1000;
    private string _sku = Workload.Sku;

    [GlobalSetup]
    public void Setup()
    {
        // Registration must have produced real, mapped semaphores: a disabled probe is
        // measured reading the generated library's memory, not a fallback zero.
        if (!ReplicaProbeTable.Registration.IsActive || !ApiProbeSubject.Registration.IsActive)
            throw new InvalidOperationException($"probes not registered: {ReplicaProbeTable.Registration}; {ApiProbeSubject.Registration}");
    }

    [Benchmark(OperationsPerInvoke = Calls, Baseline = true, Description = "unwoven method")]
    public int Unwoven()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += OrderService.PlaceOrder(i, _sku);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "unwoven method that calls another (not a leaf)")]
    public int UnwovenNonLeaf()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += OrderService.Checkout(i, _sku);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "woven entry+return (hand replica), disabled")]
    public int WovenReplica()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += WovenReplicaSubject.PlaceOrder(i, _sku);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "woven static probe (hand replica), disabled")]
    public int StaticProbeReplica()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += StaticProbeSubject.PlaceOrder(i, _sku);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "Probe.IsEnabled guard (public API)")]
    public int ProbeIsEnabled()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += ApiProbeSubject.PlaceOrderGuarded(i, _sku);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "Probe.Fire unguarded (public API)")]
    public int ProbeFireUnguarded()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += ApiProbeSubject.PlaceOrderUnguarded(i, _sku);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "EventSource.IsEnabled(), no listener")]
    public int EventSourceIsEnabled()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += EventSourceSubject.PlaceOrder(i, _sku);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "[LoggerMessage] at a disabled level")]
    public int LoggerMessageDisabled()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += LoggingSubject.PlaceOrder(i, _sku);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "ActivitySource.StartActivity, no listener")]
    public int ActivitySourceNoListener()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += ActivitySubject.PlaceOrder(i, _sku);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "DiagnosticSource.IsEnabled, no subscriber")]
    public int DiagnosticSourceIsEnabled()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
            sum += DiagnosticSourceSubject.PlaceOrder(i, _sku);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "bare semaphore read + branch, no call (loop step included)")]
    public unsafe int BareSemaphoreCheck()
    {
        int sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            if (*(ushort*)(ReplicaProbeTable.Semaphores + 2 * ReplicaProbeTable.OrderPlaced) != 0)
                sum++;
            sum += i;
        }
        return sum;
    }
}
