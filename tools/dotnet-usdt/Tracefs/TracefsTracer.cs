using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using DotnetUsdt.Cli;
using DotnetUsdt.Output;
using DotnetUsdt.Targets;
using DotnetUsdt.Tracing;

namespace DotnetUsdt.Tracefs;

/// <summary>
/// Traces through the kernel's tracefs, no tracer program needed: one uprobe event per
/// probe in <c>uprobe_events</c> (with the semaphore offset), enabled only in a tracefs
/// instance of the tool's own, read from that instance's <c>trace_pipe</c>. Attaching
/// thousands of probes takes seconds, where bpftrace 0.17 takes minutes or fails. Every
/// event and the instance are removed when tracing ends, by Ctrl+C, --duration or an error.
/// </summary>
internal sealed class TracefsTracer : IProbeTracer
{
    // Past this many events, adding, enabling and removing them say how far they got.
    private const int ProgressFrom = 200;

    private readonly List<UprobeDefinition> _created = [];
    private readonly List<UprobeDefinition> _enabled = [];
    private string? _instance;

    public string Name => "tracefs";

    public TracerRun Run(IReadOnlyList<Probe> probes, int? processId, TraceMode mode, Action<ProbeEvent> onEvent, Action onAttached, CancellationToken stop)
    {
        if (TracefsControl.Problem() is { } problem)
            throw new ToolFailure(problem, ExitCodes.TracerMissing);
        OwnedNames.RemoveStale();
        string name = OwnedNames.Next();
        var run = new TracerRun();
        try
        {
            _instance = CreateInstance(name, processId);
            var definitions = probes.Select((p, i) => new UprobeDefinition(name, $"p{i.ToString(CultureInfo.InvariantCulture)}", p, mode)).ToList();
            AddEvents(definitions, stop);
            EnableEvents(definitions, stop);
            if (!stop.IsCancellationRequested)
            {
                onAttached();
                Read(definitions, onEvent, stop);
            }
            run.LostEventsField = LostEvents();
        }
        finally
        {
            Cleanup(name);
        }
        return run;
    }

    private static string CreateInstance(string name, int? processId)
    {
        string instance = Path.Combine(TracefsControl.Root, "instances", name);
        Directory.CreateDirectory(instance); // mkdir in instances/ makes a new trace buffer
        TracefsControl.Write(Path.Combine(instance, "buffer_size_kb"), "8192");
        // The same clock as bpftrace's nsecs, so both tracers print comparable times.
        TracefsControl.Write(Path.Combine(instance, "trace_clock"), "mono");
        TryWrite(Path.Combine(instance, "buffer_percent"), "0"); // wake the reader at the first event
        TryWrite(Path.Combine(instance, "options", "record-tgid"), "1");
        if (processId is { } pid)
        {
            // Only the process's threads, and the threads it starts later (event-fork).
            TracefsControl.Write(Path.Combine(instance, "options", "event-fork"), "1");
            string threads = string.Join(" ", Directory.EnumerateDirectories($"/proc/{pid}/task").Select(Path.GetFileName));
            TracefsControl.Write(Path.Combine(instance, "set_event_pid"), threads + "\n");
        }
        return instance;
    }

    private void AddEvents(List<UprobeDefinition> definitions, CancellationToken stop)
    {
        var progress = new Progress();
        for (int i = 0; i < definitions.Count && !stop.IsCancellationRequested; i++)
        {
            TracefsControl.Write(TracefsControl.UprobeEvents, definitions[i].Text + "\n");
            _created.Add(definitions[i]);
            if (definitions.Count >= ProgressFrom)
                progress.Step("tracefs: adding uprobe events", i + 1, definitions.Count);
        }
    }

    private void EnableEvents(List<UprobeDefinition> definitions, CancellationToken stop)
    {
        var progress = new Progress();
        for (int i = 0; i < definitions.Count && !stop.IsCancellationRequested; i++)
        {
            // Enabling places the uprobe and raises the semaphore in every process mapping the library.
            TracefsControl.Write(EnableFile(definitions[i]), "1");
            _enabled.Add(definitions[i]);
            if (definitions.Count >= ProgressFrom)
                progress.Step("tracefs: enabling", i + 1, definitions.Count);
        }
    }

    private void Read(List<UprobeDefinition> definitions, Action<ProbeEvent> onEvent, CancellationToken stop)
    {
        var parser = new TraceLineParser(definitions.ToDictionary(d => d.EventName));
        using var pipe = new TracePipe(_instance!);
        while (!stop.IsCancellationRequested)
            Deliver(pipe.Read(200), parser, onEvent);
        // Stop the fires, then take what is still in the buffer.
        TracefsControl.Write(Path.Combine(_instance!, "tracing_on"), "0");
        for (List<string> rest = pipe.Read(0); rest.Count > 0; rest = pipe.Read(0))
            Deliver(rest, parser, onEvent);
    }

    private static void Deliver(List<string> lines, TraceLineParser parser, Action<ProbeEvent> onEvent)
    {
        foreach (string line in lines)
        {
            if (parser.Parse(line) is { } fire)
                onEvent(fire);
        }
    }

    /// <summary>Events the instance's buffer dropped or overwrote, from its per-CPU stats.</summary>
    private long LostEvents()
    {
        long lost = 0;
        try
        {
            foreach (string cpu in Directory.EnumerateDirectories(Path.Combine(_instance!, "per_cpu")))
            {
                foreach (string line in File.ReadLines(Path.Combine(cpu, "stats")))
                {
                    string[] parts = line.Split(':', 2);
                    if (parts.Length == 2 && parts[0] is "overrun" or "dropped events" && long.TryParse(parts[1].Trim(), out long n))
                        lost += n;
                }
            }
        }
        catch (IOException)
        {
        }
        return lost;
    }

    private string EnableFile(UprobeDefinition definition) => Path.Combine(_instance!, "events", definition.Group, definition.EventName, "enable");

    /// <summary>Disables and removes every event this run added, then its instance; also after errors and Ctrl+C.</summary>
    private void Cleanup(string group)
    {
        if (_instance is not null)
        {
            Detach();
            try { Directory.Delete(_instance); }
            catch (IOException e) { Progress.Say($"could not remove tracefs instance {_instance}: {e.Message}"); }
        }
        var progress = new Progress();
        int removed = 0;
        foreach (UprobeDefinition definition in _created)
        {
            try
            {
                TracefsControl.Write(TracefsControl.UprobeEvents, $"-:{group}/{definition.EventName}\n");
            }
            catch (IOException e)
            {
                Progress.Say($"could not remove uprobe event {group}/{definition.EventName}: {e.Message}");
            }
            removed++;
            if (_created.Count >= ProgressFrom)
                progress.Step("tracefs: removing uprobe events", removed, _created.Count);
        }
        _created.Clear();
    }

    /// <summary>
    /// Disables the enabled events, one by one when there are many: the kernel waits for an
    /// RCU grace period as it removes each uprobe (about 25 ms on Linux 6.18), so detaching
    /// thousands takes minutes, which the user sees counted instead of silence.
    /// </summary>
    private void Detach()
    {
        if (_enabled.Count < ProgressFrom)
        {
            TryWrite(Path.Combine(_instance!, "events", "enable"), "0");
            _enabled.Clear();
            return;
        }
        Progress.Say($"detaching {_enabled.Count} uprobes; the kernel takes about 25 ms for each");
        var progress = new Progress();
        for (int i = 0; i < _enabled.Count; i++)
        {
            TryWrite(EnableFile(_enabled[i]), "0");
            progress.Step("tracefs: detaching", i + 1, _enabled.Count, TimeSpan.FromSeconds(2));
        }
        _enabled.Clear();
    }

    private static void TryWrite(string path, string value)
    {
        try
        {
            if (File.Exists(path))
                TracefsControl.Write(path, value);
        }
        catch (IOException)
        {
            // an optional setting this kernel lacks
        }
    }
}
