using System;
using System.Collections.Generic;
using System.IO;
using DotnetUsdt.Bpftrace;
using DotnetUsdt.Cli;
using DotnetUsdt.Output;
using DotnetUsdt.Platform;
using DotnetUsdt.Targets;
using DotnetUsdt.Tracing;

namespace DotnetUsdt.Commands;

/// <summary><c>dotnet-usdt trace</c>: every call and return of the selected methods, formatted by their .NET types.</summary>
internal static class TraceCommand
{
    public static int Run(TracingOptions options)
    {
        if (TracingSetup.Prepare("trace", options, TraceMode.Arguments) is not { } prepared)
            return ExitCodes.Success; // --script: the program is printed
        (Target target, IReadOnlyList<Probe> probes, IProbeTracer tracer) = prepared;
        var printer = new CallFlowPrinter(Console.Out, showProcess: target.ProcessId is null);
        var gate = new object();
        using var stop = new StopSignal();
        Progress.Say($"tracing {probes.Count} probes of {target.Description} with {tracer.Name}");
        // Before attaching: probes attached first may fire before the last one is in place.
        printer.WriteHeader();
        TracerRun run = tracer.Run(probes, target.ProcessId, TraceMode.Arguments,
            fire =>
            {
                lock (gate)
                {
                    // `dotnet-usdt trace ... | head`: once the reader is gone, stop as on Ctrl+C.
                    try { printer.Write(fire); }
                    catch (IOException) { stop.Stop(); }
                }
            },
            () =>
            {
                Progress.Say($"attached; {(options.Duration is { } d ? $"stopping after {d.TotalSeconds:0.###} s or at" : "stop with")} Ctrl+C");
                if (options.Duration is { } duration)
                    stop.StopAfter(duration);
            },
            stop.Token);
        try { Console.Out.Flush(); }
        catch (IOException) { }
        Report(run);
        return ExitCodes.Success;
    }

    public static void Report(TracerRun run)
    {
        if (run.LostEvents > 0)
            Progress.Say($"{run.LostEvents} events were lost (the tracer's buffers filled): select fewer methods");
        foreach (string note in run.Notes)
            Progress.Say(note);
    }
}
