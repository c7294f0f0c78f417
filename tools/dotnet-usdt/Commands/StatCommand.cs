using System;
using System.Collections.Generic;
using System.Diagnostics;
using DotnetUsdt.Bpftrace;
using DotnetUsdt.Cli;
using DotnetUsdt.Output;
using DotnetUsdt.Platform;
using DotnetUsdt.Stats;
using DotnetUsdt.Targets;
using DotnetUsdt.Tracing;

namespace DotnetUsdt.Commands;

/// <summary><c>dotnet-usdt stat</c>: per method the calls, the errors, and the latency as percentiles and a histogram.</summary>
internal static class StatCommand
{
    public static int Run(TracingOptions options)
    {
        if (TracingSetup.Prepare("stat", options, TraceMode.Statistics) is not { } prepared)
            return ExitCodes.Success; // --script: the program is printed
        (Target target, IReadOnlyList<Probe> probes, IProbeTracer tracer) = prepared;
        var collector = new StatCollector(probes);
        var clock = new Stopwatch();
        using var stop = new StopSignal();
        // The report covers attach to stop, not the tracer's own shutdown.
        using var stopClock = stop.Token.Register(clock.Stop);
        Progress.Say($"counting calls of {probes.Count} probes of {target.Description} with {tracer.Name}");
        TracerRun run = tracer.Run(probes, target.ProcessId, TraceMode.Statistics, collector.Add,
            () =>
            {
                clock.Start();
                Progress.Say($"attached; {(options.Duration is { } d ? $"reporting after {d.TotalSeconds:0.###} s or at" : "report with")} Ctrl+C");
                if (options.Duration is { } duration)
                    stop.StopAfter(duration);
            },
            stop.Token);
        clock.Stop();
        if (options.Json)
        {
            using var stdout = Console.OpenStandardOutput();
            StatJson.Write(stdout, target.Description, tracer.Name, collector.Methods, clock.Elapsed, run.LostEvents);
        }
        else
        {
            StatText.Write(Console.Out, collector.Methods, clock.Elapsed);
        }
        TraceCommand.Report(run);
        return ExitCodes.Success;
    }
}
