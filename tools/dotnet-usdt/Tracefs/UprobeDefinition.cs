using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DotnetUsdt.Manifest;
using DotnetUsdt.Targets;
using DotnetUsdt.Tracing;

namespace DotnetUsdt.Tracefs;

/// <summary>One fetched field of an event: <c>aN</c> the word of slot N, <c>tN</c> the text it points to.</summary>
internal sealed record UprobeField(string Name, int Slot, bool IsText);

/// <summary>
/// A uprobe event on one probe: <c>p:GROUP/EVENT PATH:0xLOC(0xSEM) FIELDS</c>. The
/// semaphore offset in parentheses makes the kernel raise the probe's semaphore in every
/// process that maps the library while the event is enabled, as USDT-aware tracers do;
/// without it the probe site never calls the stub and the event never fires.
/// </summary>
internal sealed class UprobeDefinition
{
    public UprobeDefinition(string group, string eventName, Probe probe, TraceMode mode)
    {
        Group = group;
        EventName = eventName;
        Probe = probe;
        var fields = new List<UprobeField>();
        for (int slot = 0; slot < probe.Note.Arguments.Count; slot++)
        {
            bool wanted = mode == TraceMode.Arguments || probe.Info.Kind == ProbeKind.Return && slot is 1 or 2;
            if (!wanted)
                continue;
            fields.Add(new UprobeField($"a{slot}", slot, IsText: false));
            if (slot < probe.Info.Arguments.Count && probe.Info.Arguments[slot].IsText)
                fields.Add(new UprobeField($"t{slot}", slot, IsText: true));
        }
        Fields = fields;
    }

    public string Group { get; }

    public string EventName { get; }

    public Probe Probe { get; }

    public IReadOnlyList<UprobeField> Fields { get; }

    /// <summary>The line for <c>uprobe_events</c>.</summary>
    public string Text
    {
        get
        {
            long location = Probe.LocationOffset ?? throw new System.FormatException($"{Probe.Note.FullName}: its address is in no loadable segment of {Probe.Library.ReadPath}");
            string place = $"{Probe.Library.TracerPath}:0x{location.ToString("x", CultureInfo.InvariantCulture)}" +
                (Probe.SemaphoreOffset is { } semaphore ? $"(0x{semaphore.ToString("x", CultureInfo.InvariantCulture)})" : "");
            IEnumerable<string> fetch = Fields.Select(f => f.IsText
                ? FetchArguments.Text(f.Name, Probe.Note.Arguments[f.Slot])
                : FetchArguments.Word(f.Name, Probe.Note.Arguments[f.Slot]));
            return $"p:{Group}/{EventName} {place} {string.Join(' ', fetch)}".TrimEnd();
        }
    }
}
