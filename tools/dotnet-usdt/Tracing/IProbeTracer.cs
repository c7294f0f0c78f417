using System;
using System.Collections.Generic;
using System.Threading;
using DotnetUsdt.Targets;

namespace DotnetUsdt.Tracing;

/// <summary>Attaches to probes, reports each fire, and removes itself when stopped.</summary>
internal interface IProbeTracer
{
    /// <summary>The tracer's name for messages: <c>bpftrace</c>, <c>tracefs</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Attaches to <paramref name="probes"/> (only fires of <paramref name="processId"/> when
    /// given), calls <paramref name="onEvent"/> for each fire until <paramref name="stop"/> is
    /// cancelled, then detaches and reports what was lost. <paramref name="onAttached"/> runs
    /// once every probe is in place.
    /// </summary>
    TracerRun Run(IReadOnlyList<Probe> probes, int? processId, TraceMode mode, Action<ProbeEvent> onEvent, Action onAttached, CancellationToken stop);
}
