using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;

namespace Usdt.Benchmarks.Disabled;

/// <summary>How the BenchmarkDotNet suites run: one out-of-process job, allocations counted.</summary>
internal static class BenchmarkConfig
{
    public static IConfig Create(string artifacts, bool quick)
    {
        // Many short iterations rather than a few long ones: on a shared machine, load from
        // other processes only ever adds time, and the fastest iterations (the report's
        // "min") are the ones it left alone. Three processes per case, because code
        // placement and PGO decisions differ from one process to the next by up to ~1 ns here.
        Job job = quick
            ? Job.ShortRun
            : Job.Default.WithWarmupCount(5).WithIterationCount(20).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100)).WithLaunchCount(3);
#if !WOVEN
        // BenchmarkDotNet rebuilds this project for its child processes: without the
        // weaver, that build must leave the woven cases out as this one did.
        job = job.WithArguments([new MsBuildArgument("/p:UsdtBenchWoven=false")]);
#endif
        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .WithArtifactsPath(artifacts);
    }
}
