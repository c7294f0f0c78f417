using DotnetUsdt.Formatting;
using DotnetUsdt.Targets;

namespace DotnetUsdt.Tracing;

/// <summary>One fire of a probe, as a tracer reported it.</summary>
internal sealed class ProbeEvent
{
    public ProbeEvent(Probe probe, int processId, int threadId, long timestamp, ArgumentValue[] values)
    {
        Probe = probe;
        ProcessId = processId;
        ThreadId = threadId;
        Timestamp = timestamp;
        Values = values;
    }

    public Probe Probe { get; }

    /// <summary>The process (thread group) id, 0 when the tracer did not say.</summary>
    public int ProcessId { get; }

    public int ThreadId { get; }

    /// <summary>CLOCK_MONOTONIC nanoseconds.</summary>
    public long Timestamp { get; }

    /// <summary>One value per argument slot of the probe (what the tracer mode reads; others unavailable).</summary>
    public ArgumentValue[] Values { get; }
}
