using System;
using System.Collections.Generic;
using System.Linq;
using DotnetUsdt.Bpftrace;
using DotnetUsdt.Cli;
using DotnetUsdt.Output;
using DotnetUsdt.Platform;
using DotnetUsdt.Selection;
using DotnetUsdt.Targets;
using DotnetUsdt.Tracefs;
using DotnetUsdt.Tracing;

namespace DotnetUsdt.Commands;

/// <summary>What <c>trace</c> and <c>stat</c> do before tracing: check privileges, find the probes, pick the tracer.</summary>
internal static class TracingSetup
{
    /// <summary>
    /// Past this many probes <c>auto</c> picks tracefs: bpftrace 0.17 attaches each USDT probe
    /// separately, parsing the library's notes each time (about 0.3 s per probe on a library of
    /// 20,000 probes), and fails outright near 2,000.
    /// </summary>
    public const int BpftraceLimit = 100;

    /// <summary>
    /// Finds the probes <paramref name="verb"/> traces and the tracer to use; with <c>--script</c>
    /// prints the bpftrace program instead and returns null: there is nothing to run.
    /// </summary>
    public static (Target Target, IReadOnlyList<Probe> Probes, IProbeTracer Tracer)? Prepare(string verb, TracingOptions options, TraceMode mode)
    {
        (Target target, IReadOnlyList<Probe> probes) = Select(verb, options, returnsOnly: mode == TraceMode.Statistics);
        if (options.ScriptOnly)
        {
            Console.Out.Write(BpftraceScript.Generate(probes, target.ProcessId, mode, options.Duration, target.Description).Text);
            return null;
        }
        return (target, probes, Tracer(options, probes, target.Description));
    }

    private static (Target Target, IReadOnlyList<Probe> Probes) Select(string verb, TracingOptions options, bool returnsOnly)
    {
        if (!options.ScriptOnly && !Privileges.IsRoot)
            throw new ToolFailure(Privileges.NeedsRoot(verb), ExitCodes.NeedsRoot);
        Target target = options.ProcessId is { } pid ? TargetResolver.Process(pid) : ByPath(options.LibraryPath!);
        if (target.Libraries.Count == 0)
            throw new ToolFailure($"{target.Description}: no probe library to trace\n{string.Join("\n", target.Warnings)}", ExitCodes.NotFound);
        IReadOnlyList<Probe> probes = ProbeSelection.Select(target, options.Patterns, returnsOnly);
        foreach (string warning in target.Warnings)
            Progress.Say("warning: " + warning);
        return (target, probes);
    }

    private static Target ByPath(string path) =>
        path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)
            ? TargetResolver.Assembly(path)
            : System.IO.File.Exists(path) ? TargetResolver.Library(path)
            : throw new ToolFailure($"{path}: no such file", ExitCodes.NotFound);

    private static IProbeTracer Tracer(TracingOptions options, IReadOnlyList<Probe> probes, string description)
    {
        TracerChoice choice = options.Tracer;
        if (choice == TracerChoice.Auto)
        {
            choice = probes.Count > BpftraceLimit ? TracerChoice.Tracefs : TracerChoice.Bpftrace;
            if (choice == TracerChoice.Tracefs)
                Progress.Say($"{probes.Count} probes: attaching through tracefs uprobe events (bpftrace 0.17 takes minutes for this many; --tracer bpftrace forces it)");
        }
        if (choice == TracerChoice.Tracefs)
            return new TracefsTracer();
        string bpftrace = BpftraceTracer.Locate();
        if (probes.Count > BpftraceLimit)
            Progress.Say($"warning: bpftrace attaches {probes.Count} probes one by one (about 0.3 s each on large libraries); --tracer tracefs is much faster");
        if (probes.Any(p => p.Note.Arguments.Count > BpftraceScript.MaxArguments))
            Progress.Say($"note: bpftrace 0.17 reads arg0-arg5 only; later arguments print as '?' (--tracer tracefs reads all {Usdt.Contract.ContractLimits.MaxArguments})");
        return new BpftraceTracer(bpftrace, options.Duration, description);
    }
}
