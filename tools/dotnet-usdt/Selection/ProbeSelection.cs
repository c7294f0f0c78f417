using System.Collections.Generic;
using System.Linq;
using DotnetUsdt.Cli;
using DotnetUsdt.Manifest;
using DotnetUsdt.Targets;

namespace DotnetUsdt.Selection;

/// <summary>The probes the patterns select, in library and note order.</summary>
internal static class ProbeSelection
{
    /// <param name="target">Where the probes are.</param>
    /// <param name="patterns">Member patterns; a probe matching any is selected.</param>
    /// <param name="returnsOnly">For <c>stat</c>: a method's return probe (calls, errors, latency) instead of its entry; static probes always.</param>
    public static IReadOnlyList<Probe> Select(Target target, IReadOnlyList<string> patterns, bool returnsOnly)
    {
        var compiled = patterns.Select(p => new MemberPattern(p)).ToList();
        var selected = target.Probes.Where(p => compiled.Any(c => c.Matches(p))).ToList();
        if (returnsOnly)
        {
            // A method's calls are counted at its return, which also carries the elapsed time;
            // a method woven without a return probe is counted at its entry.
            var returning = selected.Where(p => p.Info.Kind == ProbeKind.Return).Select(p => (p.Library, p.Info.MemberName, p.Info.Signature)).ToHashSet();
            selected = selected.Where(p => p.Info.Kind != ProbeKind.Entry || !returning.Contains((p.Library, p.Info.MemberName, p.Info.Signature))).ToList();
        }
        if (selected.Count == 0)
        {
            string known = string.Join(", ", target.Probes.Select(p => p.Info.ShortName).Distinct().Take(8));
            throw new ToolFailure($"no probe of {target.Description} matches {string.Join(" ", patterns.Select(p => $"'{p}'"))}" +
                (known.Length > 0 ? $"; it has e.g. {known} (dotnet-usdt list shows them all)" : "") +
                (target.Warnings.Count > 0 ? "\n" + string.Join("\n", target.Warnings) : ""), ExitCodes.NotFound);
        }
        return selected;
    }
}
