using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;

namespace Usdt.Benchmarks.Wholesale;

/// <summary>
/// What each benchmark process ran, appended to a file the run reads afterwards: the
/// workload's result (every variant must compute the same), which copies of the libraries
/// were loaded, and the probe registrations of the process (a woven variant must have
/// registered its modules from their built libraries; the unwoven one none).
/// Line: <c>variant \t workload \t result \t loaded assemblies \t registrations</c>.
/// </summary>
internal static class VariantCheck
{
    /// <summary>Environment variable naming the file, set per BenchmarkDotNet job.</summary>
    public const string FileVariable = "USDT_BENCH_WHOLESALE_CHECK";

    /// <summary>Environment variable naming the variant, set per BenchmarkDotNet job.</summary>
    public const string VariantVariable = "USDT_BENCH_WHOLESALE_VARIANT";

    public static void Record(VariantWorkload workload, string name, string result)
    {
        if (Environment.GetEnvironmentVariable(FileVariable) is not { Length: > 0 } file)
            return;
        string variant = Environment.GetEnvironmentVariable(VariantVariable) ?? "?";
        string loaded = string.Join(",", (AssemblyLoadContext.GetLoadContext(workload.Workloads)?.Assemblies ?? [])
            .Where(a => Path.GetDirectoryName(a.Location) == workload.Directory)
            .Select(a => a.GetName().Name).Order(StringComparer.Ordinal));
        string registrations = string.Join(",", UsdtDiagnostics.Registrations.Select(r => $"{r.Label}:{r.Placement}:{r.ProbeCount}"));
        File.AppendAllText(file, $"{variant}\t{name}\t{result}\t{loaded}\t{registrations}\n");
    }
}
