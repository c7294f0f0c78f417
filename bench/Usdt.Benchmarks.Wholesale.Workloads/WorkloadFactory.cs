using System;

namespace Usdt.Benchmarks.Wholesale.Workloads;

/// <summary>
/// Creates a library's hot loop by name. Called through reflection from another load
/// context, so it takes and returns only framework types.
/// </summary>
public static class WorkloadFactory
{
    /// <summary>The workloads, in report order.</summary>
    public static readonly string[] Names = ["jint", "ncalc-cached", "ncalc-parse"];

    /// <summary>
    /// Sets up the workload (an engine with its script, a parsed expression) and returns one
    /// round of its loop, which returns a text that must be the same whatever the weaving.
    /// </summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="scale">Iterations per round relative to the benchmark's (1 = full size).</param>
    public static Func<string> Create(string name, double scale) => name switch
    {
        "jint" => new JintLoop(Iterations(JintLoop.Iterations, scale)).Run,
        "ncalc-cached" => new NCalcEvaluation(parseEachTime: false, Iterations(NCalcEvaluation.CachedIterations, scale)).Run,
        "ncalc-parse" => new NCalcEvaluation(parseEachTime: true, Iterations(NCalcEvaluation.ParseIterations, scale)).Run,
        _ => throw new ArgumentException($"unknown workload '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };

    private static int Iterations(int full, double scale) => Math.Max(1, (int)(full * scale));
}
