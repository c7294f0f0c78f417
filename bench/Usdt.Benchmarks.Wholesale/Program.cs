using System;
using System.IO;
using System.Linq;

namespace Usdt.Benchmarks.Wholesale;

/// <summary>
/// Whole NuGet libraries woven with every method selected, probes off, against their
/// unwoven copies; and the generic method pair's cost under a tracer. See README.md.
/// </summary>
public static class Program
{
    private const string Usage = """
        Usdt.Benchmarks.Wholesale COMMAND [options]
          run --out DIR [--quick] [--workloads a,b] [--variants a,b] [--work DIR] [--artifacts DIR] [--reuse]
                  weave the variants (into --work, default artifacts/wholesale), then BenchmarkDotNet:
                  steady state and first call, one job per variant, unwoven the baseline
          prepare [--variants a,b] [--work DIR] [--reuse]
                  weave the variants only
          traced --variant-dir DIR --workload W --ready FILE --out FILE [--scale S] [--rounds N] [--wait-seconds S]
                 [--attached FILE] [--raise-semaphore]
                  time rounds untraced, traced (once a tracer raised dotnet:method__entry, and
                  FILE exists if given; or raising it itself: no kernel part), untraced again
        workloads: jint, ncalc-cached, ncalc-parse; variants: unwoven, woven, all-methods, generic
        """;

    /// <summary>Runs one command.</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 0)
            return Fail(Usage);
        try
        {
            var options = new CommandOptions(args[1..]);
            return args[0] switch
            {
                "run" => WholesaleSuite.Run(options),
                "prepare" => Prepare(options),
                "traced" => TracedWorkload.Run(options),
                _ => Fail($"unknown command '{args[0]}'\n{Usage}"),
            };
        }
        catch (ArgumentException e)
        {
            return Fail(e.Message + "\n" + Usage);
        }
    }

    private static int Prepare(CommandOptions options)
    {
        string work = WholesaleSuite.WorkDirectory(options);
        var variants = (options.Optional("variants") ?? string.Join(',', Variant.All.Select(v => v.Name)))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Variant.Named);
        WholesaleSuite.Prepare(variants, work, statisticsFile: null, options.Has("reuse"));
        Console.WriteLine($"wholesale: variants in {work}, weave statistics in {Path.Combine(work, "weave.tsv")}");
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 64;
    }
}
