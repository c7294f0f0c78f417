using System;
using System.IO;
using System.Reflection;

namespace Usdt.Benchmarks.Wholesale;

/// <summary>
/// One workload of one variant, ready to run: the variant's directory loaded into its own
/// <see cref="VariantLoadContext"/>, the workload set up there, and one round as a delegate.
/// </summary>
internal sealed class VariantWorkload
{
    /// <summary>Environment variable naming the variant's directory, set per BenchmarkDotNet job.</summary>
    public const string DirectoryVariable = "USDT_BENCH_WHOLESALE_DIR";

    private const string WorkloadsAssembly = "Usdt.Benchmarks.Wholesale.Workloads";

    private VariantWorkload(string directory, Func<string> round, Assembly workloads)
    {
        Directory = directory;
        Round = round;
        Workloads = workloads;
    }

    public string Directory { get; }

    /// <summary>One round of the workload's loop; returns its result text.</summary>
    public Func<string> Round { get; }

    /// <summary>The workloads assembly as loaded (its location shows which copy ran).</summary>
    public Assembly Workloads { get; }

    /// <summary>Loads the variant in <see cref="DirectoryVariable"/>.</summary>
    public static VariantWorkload FromEnvironment(string workload, double scale = 1) =>
        Load(Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } directory
            ? directory
            : throw new InvalidOperationException($"{DirectoryVariable} is not set: run this benchmark through 'Usdt.Benchmarks.Wholesale run'"),
            workload, scale);

    public static VariantWorkload Load(string directory, string workload, double scale = 1)
    {
        var context = new VariantLoadContext(Path.GetFullPath(directory));
        Assembly assembly = context.LoadFromAssemblyPath(Path.Combine(context.Directory, WorkloadsAssembly + ".dll"));
        MethodInfo create = assembly.GetType($"{WorkloadsAssembly}.WorkloadFactory", throwOnError: true)!.GetMethod("Create")!;
        var round = (Func<string>)create.Invoke(null, [workload, scale])!;
        return new VariantWorkload(context.Directory, round, assembly);
    }
}
