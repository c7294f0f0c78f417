using System.Collections.Generic;
using System.Linq;
using DotnetUsdt.Manifest;
using DotnetUsdt.Targets;
using DotnetUsdt.Tracing;

namespace DotnetUsdt.Stats;

/// <summary>Gathers the fires of a <c>stat</c> run into one <see cref="MethodStatistics"/> per counted probe.</summary>
internal sealed class StatCollector
{
    private readonly Dictionary<Probe, MethodStatistics> _methods = [];
    private readonly object _lock = new();

    public StatCollector(IEnumerable<Probe> probes)
    {
        foreach (Probe probe in probes)
            _methods[probe] = new MethodStatistics(probe);
    }

    public void Add(ProbeEvent fire)
    {
        lock (_lock)
        {
            if (!_methods.TryGetValue(fire.Probe, out MethodStatistics? method))
                return;
            if (fire.Probe.Info.Kind == ProbeKind.Return && fire.Values.Length > 2 && fire.Values[1].IsAvailable)
            {
                string? exception = fire.Values[2].Word == 0 ? null : fire.Values[2].Text is { Length: > 0 } type ? type : "(exception)";
                method.AddReturn(fire.Values[1].Word, exception);
            }
            else
            {
                method.AddCall();
            }
        }
    }

    /// <summary>Every counted method, busiest first, then by name.</summary>
    public IReadOnlyList<MethodStatistics> Methods
    {
        get
        {
            lock (_lock)
                return _methods.Values.OrderByDescending(m => m.Calls).ThenBy(m => m.Probe.Info.MemberName, System.StringComparer.Ordinal).ToList();
        }
    }
}
