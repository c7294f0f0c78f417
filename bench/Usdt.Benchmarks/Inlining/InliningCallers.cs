using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Usdt.Benchmarks.Subjects;

namespace Usdt.Benchmarks.Inlining;

/// <summary>Callers whose tier-1 code <see cref="InliningCheck"/> inspects: is the callee's body inside them, or a call?</summary>
internal static partial class InliningCallers
{
    /// <summary>Caller method name, the callee as the JIT's disassembly names it in a call, and a way to run the caller.</summary>
    public static readonly List<(string Caller, string Callee, System.Func<int, int> Run)> Pairs =
    [
        (nameof(CallUnwovenAdd), "OrderService:Add(", i => CallUnwovenAdd(i, 1)),
    ];

    static InliningCallers() => AddWoven(Pairs);

    /// <summary>Adds the callers of the real woven subjects, when they are built (InliningCallers.Woven.cs).</summary>
    static partial void AddWoven(List<(string Caller, string Callee, System.Func<int, int> Run)> pairs);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int CallUnwovenAdd(int a, int b) => OrderService.Add(a, b);
}
