using System;
using BenchmarkDotNet.Attributes;
using Usdt.Benchmarks.Subjects;

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

    /// <summary>A registered probe's semaphore, in a static readonly field as the weaver keeps its base: tier 1 folds it into a constant.</summary>
    private static readonly nint BareSemaphore = ApiProbeSubject.OrderPlaced.SemaphoreAddress;

    [GlobalSetup]
    public void Setup()
    {
        // Registration must have produced real, mapped semaphores: a disabled probe is
        // measured reading the probe library's memory, not a fallback zero.
        if (!ApiProbeSubject.Registration.IsActive)
            throw new InvalidOperationException($"probes not registered: {ApiProbeSubject.Registration}");
        SetupWoven();
    }

    /// <summary>Checks the woven subjects (DisabledProbeBenchmarks.Woven.cs).</summary>
    partial void SetupWoven();

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
            if (*(ushort*)BareSemaphore != 0)
                sum++;
            sum += i;
        }
        return sum;
    }
}
