using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Usdt.Benchmarks.Inlining;

/// <summary>
/// Collects the JIT's own reasons for refusing to inline (the runtime's
/// MethodJitInliningFailed event, JitTracing keyword), keyed by the inlinee's name.
/// </summary>
internal sealed class InliningFailureListener : EventListener
{
    private const EventKeywords JitTracing = (EventKeywords)0x1000;

    public ConcurrentDictionary<string, string> Reasons { get; } = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, JitTracing);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is null || !e.EventName.StartsWith("MethodJitInliningFailed", StringComparison.Ordinal) || e.PayloadNames is null || e.Payload is null)
            return;
        string? Field(string name) => e.PayloadNames.IndexOf(name) is int i and >= 0 ? e.Payload[i]?.ToString() : null;
        if (Field("InlineeNamespace") is { } type && Field("InlineeName") is { } method && Field("FailReason") is { } reason)
            Reasons[$"{type[(type.LastIndexOf('.') + 1)..]}:{method}("] = reason;
    }
}
