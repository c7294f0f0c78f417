using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;

namespace Usdt.Benchmarks.Wholesale;

/// <summary>
/// One BenchmarkDotNet job per variant, told its variant's directory by an environment
/// variable; the unwoven job is the baseline, so the summary's ratios are woven/unwoven,
/// measured in the same run.
/// </summary>
internal static class WholesaleConfig
{
    /// <summary>Steady state: several processes per variant (code placement and tiering differ from one to the next).</summary>
    public static IConfig SteadyState(IReadOnlyDictionary<Variant, string> directories, string checkFile, string[] workloads, string artifacts, bool quick)
    {
        Job template = quick
            ? Job.Default.WithLaunchCount(1).WithWarmupCount(4).WithIterationCount(5)
            : Job.Default.WithLaunchCount(3).WithWarmupCount(8).WithIterationCount(15);
        return Create(directories, checkFile, workloads, Path.Combine(artifacts, "steady"), template, "");
    }

    /// <summary>First call: a fresh process per measurement, one invocation, no warm-up.</summary>
    public static IConfig FirstCall(IReadOnlyDictionary<Variant, string> directories, string checkFile, string[] workloads, string artifacts, bool quick)
    {
        Job template = Job.Default.WithStrategy(RunStrategy.ColdStart)
            .WithLaunchCount(quick ? 2 : 8).WithWarmupCount(0).WithIterationCount(1).WithInvocationCount(1).WithUnrollFactor(1);
        return Create(directories, checkFile, workloads, Path.Combine(artifacts, "first-call"), template, "-first");
    }

    private static IConfig Create(IReadOnlyDictionary<Variant, string> directories, string checkFile, string[] workloads, string artifacts, Job template, string suffix)
    {
        ManualConfig config = ManualConfig.CreateEmpty()
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.Min, StatisticColumn.Median)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .HideColumns("EnvironmentVariables")
            .AddFilter(new SimpleFilter(b => workloads.Contains((string)b.Parameters["Workload"])))
            .WithArtifactsPath(artifacts);
        foreach ((Variant variant, string directory) in directories)
        {
            Job job = template.WithId(variant.Name + suffix).WithEnvironmentVariables(
                new EnvironmentVariable(VariantWorkload.DirectoryVariable, directory),
                new EnvironmentVariable(VariantCheck.VariantVariable, variant.Name),
                new EnvironmentVariable(VariantCheck.FileVariable, checkFile));
            config.AddJob(variant.Name == Variant.Unwoven ? job.AsBaseline() : job);
        }
        return config;
    }
}
