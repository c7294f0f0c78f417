using DotnetUsdt.Elf;
using DotnetUsdt.Manifest;

namespace DotnetUsdt.Targets;

/// <summary>One probe of a library: its note, and what it means in .NET terms.</summary>
internal sealed class Probe
{
    public Probe(ProbeLibrary library, int index, SdtNote note, ProbeInfo info, bool fromManifest)
    {
        Library = library;
        Index = index;
        Note = note;
        Info = info;
        FromManifest = fromManifest;
    }

    public ProbeLibrary Library { get; }

    /// <summary>Position among the library's notes (the probe table index for Usdt libraries).</summary>
    public int Index { get; }

    public SdtNote Note { get; }

    public ProbeInfo Info { get; }

    /// <summary>The .NET description came from the manifest, not guessed from the note.</summary>
    public bool FromManifest { get; }

    /// <summary>The probe site's file offset, which a uprobe is placed at.</summary>
    public long? LocationOffset => Library.File.FileOffsetOf(Note.Location);

    /// <summary>The semaphore's file offset, which a uprobe's reference counter names; null without a semaphore.</summary>
    public long? SemaphoreOffset => Note.Semaphore == 0 ? null : Library.File.FileOffsetOf(Note.Semaphore);

    /// <summary><c>usdt:PATH:provider:name</c>, as bpftrace attaches by path.</summary>
    public string BpftraceProbe => $"usdt:{Library.TracerPath}:{Note.Provider}:{Note.Name}";
}
