using System.Collections.Generic;
using System.Threading;

namespace DotnetUsdt.Tracing;

/// <summary>How a tracing session went, to say after the output.</summary>
internal sealed class TracerRun
{
    internal long LostEventsField;

    /// <summary>Events the tracer reported lost (buffers full).</summary>
    public long LostEvents => Volatile.Read(ref LostEventsField);

    /// <summary>Notes for the user (a tracer's warnings).</summary>
    public List<string> Notes { get; } = [];
}
