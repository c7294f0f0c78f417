using System;
using System.Runtime.CompilerServices;
using Usdt.Firing;
using T = Usdt.Benchmarks.Subjects.WovenReplica.ReplicaProbeTable;

namespace Usdt.Benchmarks.Subjects.WovenReplica;

/// <summary>
/// HAND-WRITTEN REPLICA of <see cref="OrderService"/> as Usdt.Fody weaves it: an entry
/// probe with the arguments, and a return probe on every exit with the result, elapsed
/// nanoseconds and the exception type name. Each site is the contract's shape: read the
/// 2-byte semaphore at a constant address, branch, and only then call a firing helper.
/// Written before the weaver existed; the real woven <see cref="OrderService"/>
/// (bench/Usdt.Benchmarks.Woven) is measured beside it. One difference C# cannot avoid:
/// the weaver records the exception in a filter that declines it and fires from a fault
/// block, which C# cannot write, so the replica catches and rethrows.
/// </summary>
internal static unsafe class WovenReplicaSubject
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int PlaceOrder(int quantity, string sku)
    {
        if (*(ushort*)(T.Semaphores + 2 * T.PlaceOrderEntry) != 0)
            ProbeFire.Fire2(T.Stubs + 8 * T.PlaceOrderEntry, quantity, ProbeArgs.Utf8(sku, 1, 256));
        long start = *(ushort*)(T.Semaphores + 2 * T.PlaceOrderReturn) != 0 ? ProbeClock.Timestamp() : 0;
        int result;
        try
        {
            result = Workload.Body(quantity, sku);
        }
        catch (Exception e)
        {
            if (*(ushort*)(T.Semaphores + 2 * T.PlaceOrderReturn) != 0)
                ProbeFire.Fire3(T.Stubs + 8 * T.PlaceOrderReturn, 0, ProbeClock.ElapsedNanoseconds(start), ProbeArgs.ExceptionType(e, 256));
            throw;
        }
        if (*(ushort*)(T.Semaphores + 2 * T.PlaceOrderReturn) != 0)
            ProbeFire.Fire3(T.Stubs + 8 * T.PlaceOrderReturn, result, ProbeClock.ElapsedNanoseconds(start), 0);
        return result;
    }

    /// <summary>The tiny method, woven, left to the JIT's inliner.</summary>
    public static int Add(int a, int b)
    {
        if (*(ushort*)(T.Semaphores + 2 * T.AddEntry) != 0)
            ProbeFire.Fire2(T.Stubs + 8 * T.AddEntry, a, b);
        long start = *(ushort*)(T.Semaphores + 2 * T.AddReturn) != 0 ? ProbeClock.Timestamp() : 0;
        int result;
        try
        {
            result = Workload.TinyBody(a, b);
        }
        catch (Exception e)
        {
            if (*(ushort*)(T.Semaphores + 2 * T.AddReturn) != 0)
                ProbeFire.Fire3(T.Stubs + 8 * T.AddReturn, 0, ProbeClock.ElapsedNanoseconds(start), ProbeArgs.ExceptionType(e, 256));
            throw;
        }
        if (*(ushort*)(T.Semaphores + 2 * T.AddReturn) != 0)
            ProbeFire.Fire3(T.Stubs + 8 * T.AddReturn, result, ProbeClock.ElapsedNanoseconds(start), 0);
        return result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int AddNoInlining(int a, int b)
    {
        if (*(ushort*)(T.Semaphores + 2 * T.AddNoInliningEntry) != 0)
            ProbeFire.Fire2(T.Stubs + 8 * T.AddNoInliningEntry, a, b);
        long start = *(ushort*)(T.Semaphores + 2 * T.AddNoInliningReturn) != 0 ? ProbeClock.Timestamp() : 0;
        int result;
        try
        {
            result = Workload.TinyBody(a, b);
        }
        catch (Exception e)
        {
            if (*(ushort*)(T.Semaphores + 2 * T.AddNoInliningReturn) != 0)
                ProbeFire.Fire3(T.Stubs + 8 * T.AddNoInliningReturn, 0, ProbeClock.ElapsedNanoseconds(start), ProbeArgs.ExceptionType(e, 256));
            throw;
        }
        if (*(ushort*)(T.Semaphores + 2 * T.AddNoInliningReturn) != 0)
            ProbeFire.Fire3(T.Stubs + 8 * T.AddNoInliningReturn, result, ProbeClock.ElapsedNanoseconds(start), 0);
        return result;
    }
}
