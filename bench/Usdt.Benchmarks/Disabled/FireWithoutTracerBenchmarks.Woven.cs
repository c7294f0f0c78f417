extern alias woven;
using System;
using BenchmarkDotNet.Attributes;
using Usdt.Benchmarks.Subjects;
using WovenShopProbes = woven::Usdt.Benchmarks.Woven.ShopProbes;

namespace Usdt.Benchmarks.Disabled;

/// <summary>Static probes woven by the real Usdt.Fody, one per argument shape, their sites inlined into the loop.</summary>
public unsafe partial class FireWithoutTracerBenchmarks
{
    private static readonly string[] WovenProbes = ["Fire2", "FireShortString", "Fire256String", "Fire6"];

    partial void SetWovenSemaphores(ushort value)
    {
        foreach (string probe in WovenProbes)
            *(ushort*)WovenSubjects.Semaphore(probe) = value;
        if (value != 0 && !(WovenShopProbes.IsFire2Enabled && WovenShopProbes.IsFireShortStringEnabled && WovenShopProbes.IsFire256StringEnabled && WovenShopProbes.IsFire6Enabled))
            throw new InvalidOperationException("the semaphores set by symbol are not the ones the woven sites read");
    }

    [Benchmark(OperationsPerInvoke = Calls, Baseline = true, Description = "site + stub call, 2 integers")]
    public void Fire2()
    {
        for (long i = 0; i < Calls; i++)
            WovenShopProbes.Fire2(i, 42);
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "site + stub call, integer + 9-byte string")]
    public void FireShortString()
    {
        for (long i = 0; i < Calls; i++)
            WovenShopProbes.FireShortString(i, Workload.Sku);
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "site + stub call, integer + 256-byte string")]
    public void Fire256String()
    {
        for (long i = 0; i < Calls; i++)
            WovenShopProbes.Fire256String(i, Workload.LongText);
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "site + stub call, 6 integers")]
    public void Fire6()
    {
        for (long i = 0; i < Calls; i++)
            WovenShopProbes.Fire6(i, 42, 43, 44, 45, 46);
    }
}
