using System.Collections.Generic;
using DotnetUsdt.Manifest;

namespace DotnetUsdt.Targets;

/// <summary>What a command works on: a process, an assembly or a library, and the probe libraries found for it.</summary>
internal sealed class Target
{
    public Target(string description, int? processId)
    {
        Description = description;
        ProcessId = processId;
    }

    /// <summary>What the user named: <c>process 1234 (Shop.Sample)</c>, a path.</summary>
    public string Description { get; }

    /// <summary>The process, when the target is one: events are filtered to it, semaphores read from it.</summary>
    public int? ProcessId { get; }

    public List<ProbeLibrary> Libraries { get; } = [];

    /// <summary>
    /// Probes of a woven assembly whose library is not beside it (the runtime generates it at
    /// start-up): known from the manifest only, listed but not traceable by path.
    /// </summary>
    public List<ProbeInfo> UnplacedProbes { get; } = [];

    /// <summary>Things the user should know: a stale manifest, an unreadable library.</summary>
    public List<string> Warnings { get; } = [];

    public IEnumerable<Probe> Probes
    {
        get
        {
            foreach (ProbeLibrary library in Libraries)
            {
                foreach (Probe probe in library.Probes)
                    yield return probe;
            }
        }
    }
}
