using System;
using System.Collections.Generic;
using System.Linq;
using Usdt.Tests.Tracers;

namespace Usdt.Fody.Tests.Support;

/// <summary>
/// Real uprobes on some probes of a woven assembly, through tracefs in an instance of our
/// own (Usdt.Tests.Tracers): each probe's event is placed on its stub with its semaphore,
/// as a USDT-aware tracer does, with string arguments read as text.
/// </summary>
internal sealed class TracedProbes : IDisposable
{
    private readonly TracefsSession _session;
    private readonly Dictionary<string, UprobeEvent> _events = [];

    public TracedProbes(LoadedWoven woven, string provider, params string[] probeNames)
        : this(woven, new Dictionary<string, string[]> { [provider] = probeNames })
    {
    }

    public TracedProbes(LoadedWoven woven, IReadOnlyDictionary<string, string[]> probesByProvider)
    {
        _session = new TracefsSession(bufferKilobytes: 8192);
        try
        {
            Dictionary<(string, string), TableProbe> table = ProbeTableReader.Read(woven.Assembly.Location).ToDictionary(p => (p.Provider, p.Name));
            foreach ((string provider, string[] probeNames) in probesByProvider)
            {
                foreach (string name in probeNames)
                {
                    SdtNote note = woven.Note(provider, name);
                    int[] strings = table[(provider, name)].Codes.Select((c, i) => (c, i)).Where(x => x.c == 's').Select(x => x.i).ToArray();
                    // tracefs event names are unique per group and at most 64 characters: with
                    // several providers, number the events instead.
                    string eventName = probesByProvider.Count == 1 ? name : "e" + _events.Count;
                    _events[probesByProvider.Count == 1 ? name : provider + ":" + name] =
                        _session.AddUprobe(woven.LibraryPath, note.Location, note.Semaphore == 0 ? null : note.Semaphore, SdtFetchArguments.For(note, strings), eventName);
                }
            }
            foreach (UprobeEvent uprobe in _events.Values)
                _session.Enable(uprobe);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>Why tracer tests cannot run here, or null.</summary>
    public static string? Unavailable => TracerRequirements.Tracefs() ?? TracerRequirements.Readelf();

    /// <summary>
    /// Events of <paramref name="probeName"/>, oldest first. They are all this process's: the
    /// uprobes sit on this process's own generated library, which no other process maps (a
    /// filter on the trace's process column would drop events of threads that have exited).
    /// </summary>
    public IReadOnlyList<TraceRecord> Read(string probeName) => _session.Read(_events[probeName]).ToList();

    /// <summary>Every event (all this process's, see <see cref="Read"/>) in buffer order (the order they fired on one thread), with its probe name.</summary>
    public IReadOnlyList<(string Probe, TraceRecord Record)> ReadInOrder()
    {
        var events = new List<(string, TraceRecord)>();
        foreach (string line in _session.ReadLines())
        {
            foreach ((string name, UprobeEvent uprobe) in _events)
            {
                if (line.Contains(" " + uprobe.Name + ": ", StringComparison.Ordinal) &&
                    TraceRecord.TryParse(line, uprobe.FieldNames) is { } record && record.Event == uprobe.Name)
                {
                    events.Add((name, record));
                    break;
                }
            }
        }
        return events;
    }

    public void Disable(string probeName) => _session.Disable(_events[probeName]);

    public void Enable(string probeName) => _session.Enable(_events[probeName]);

    public void Clear() => _session.Clear();

    public long LostEvents() => _session.LostEvents();

    /// <summary>All lines of the trace, for messages.</summary>
    public string Dump() => string.Join("\n", _session.ReadLines().Where(l => !l.StartsWith('#')).TakeLast(60));

    public void Dispose() => _session.Dispose();
}
