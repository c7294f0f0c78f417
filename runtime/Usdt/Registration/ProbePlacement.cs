namespace Usdt;

/// <summary>Where a registration's probe library lives.</summary>
public enum ProbePlacement
{
    /// <summary>Nowhere: probes are never enabled (see <see cref="ProbeRegistration.Reason"/>).</summary>
    None,

    /// <summary>A library generated at start-up, as a file in a private directory; tracers attach by its path.</summary>
    Directory,

    /// <summary>
    /// A library generated at start-up as an anonymous memory file (memfd), used when no
    /// directory could hold an executable mapping; tracers attach through
    /// <c>/proc/PID/fd/N</c> (<see cref="ProbeRegistration.LibraryPath"/>).
    /// </summary>
    MemoryFile,

    /// <summary>
    /// The library the build wrote beside the woven assembly (<c>NAME.usdt.x64.so</c>),
    /// checked against the module and loaded as it is: tracers attach by its path, which is
    /// the same for every process of the application, before or after it starts.
    /// </summary>
    BuiltLibrary,
}
