using System;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Usdt.Benchmarks.Disabled;

/// <summary>
/// Runs the BenchmarkDotNet suites and writes one line per case for the report:
/// suite, method, description, mean ns, standard error ns, bytes allocated per operation,
/// minimum ns, median ns.
/// </summary>
internal static class DisabledSuite
{
    public static int Run(CommandOptions options)
    {
        string output = options.Required("out");
        string artifacts = options.Optional("artifacts") ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, "BenchmarkDotNet.Artifacts");
        var config = BenchmarkConfig.Create(artifacts, options.Has("quick"));

        Summary[] summaries = BenchmarkRunner.Run(
            [typeof(DisabledProbeBenchmarks), typeof(InliningBenchmarks), typeof(FireWithoutTracerBenchmarks)], config);

        using var writer = new StreamWriter(output);
        int failures = 0;
        foreach (Summary summary in summaries)
        {
            foreach (BenchmarkReport report in summary.Reports)
            {
                var descriptor = report.BenchmarkCase.Descriptor;
                if (report.ResultStatistics is not { } statistics)
                {
                    failures++;
                    Console.Error.WriteLine($"disabled: {descriptor.WorkloadMethod.Name} produced no result");
                    continue;
                }
                long? allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
                writer.WriteLine(string.Join('\t',
                    descriptor.Type.Name,
                    descriptor.WorkloadMethod.Name,
                    descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                    statistics.Mean.ToString("F3", CultureInfo.InvariantCulture),
                    statistics.StandardError.ToString("F3", CultureInfo.InvariantCulture),
                    allocated?.ToString(CultureInfo.InvariantCulture) ?? "?",
                    statistics.Min.ToString("F3", CultureInfo.InvariantCulture),
                    statistics.Median.ToString("F3", CultureInfo.InvariantCulture)));
            }
        }
        return failures == 0 && summaries.All(s => !s.HasCriticalValidationErrors) ? 0 : 1;
    }
}
