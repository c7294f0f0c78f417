using System.Collections.Generic;
using DotnetUsdt.Elf;
using DotnetUsdt.Manifest;

namespace DotnetUsdt.Targets;

/// <summary>A probe library found for a target, with its probes described by its manifest or its notes.</summary>
internal sealed class ProbeLibrary
{
    private readonly List<Probe> _probes = [];

    public ProbeLibrary(string readPath, string tracerPath, LibraryOrigin origin, string label, ProbeLibraryFile file)
    {
        ReadPath = readPath;
        TracerPath = tracerPath;
        Origin = origin;
        Label = label;
        File = file;
    }

    /// <summary>Where the tool read the file.</summary>
    public string ReadPath { get; }

    /// <summary>The path to give a tracer: the file, or <c>/proc/PID/fd/N</c> for a memfd.</summary>
    public string TracerPath { get; }

    public LibraryOrigin Origin { get; }

    /// <summary>The assembly (file stem) the library belongs to, as its file name says.</summary>
    public string Label { get; }

    public ProbeLibraryFile File { get; }

    /// <summary>The manifest the probes were described from, or null (then from the notes).</summary>
    public ManifestFile? Manifest { get; set; }

    /// <summary>Why no manifest describes the probes, when none does.</summary>
    public string? ManifestProblem { get; set; }

    /// <summary>Where the process mapped this file (for reading semaphores); empty for files not in a process.</summary>
    public IReadOnlyList<MemoryMapping> Mappings { get; set; } = [];

    public IReadOnlyList<Probe> Probes => _probes;

    internal void Add(Probe probe) => _probes.Add(probe);
}
