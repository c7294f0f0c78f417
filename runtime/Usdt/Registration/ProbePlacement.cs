namespace Usdt;

/// <summary>Where a registration put its generated probe library.</summary>
public enum ProbePlacement
{
    /// <summary>Nowhere: probes are never enabled (see <see cref="ProbeRegistration.Reason"/>).</summary>
    None,

    /// <summary>A file in a private directory; tracers attach by its path.</summary>
    Directory,

    /// <summary>
    /// An anonymous memory file (memfd), used when no directory could hold an executable
    /// mapping; tracers attach through <c>/proc/PID/fd/N</c> (<see cref="ProbeRegistration.LibraryPath"/>).
    /// </summary>
    MemoryFile,
}
