namespace Usdt.Platform;

/// <summary>
/// One operating system's probe facility. Linux (SystemTap SDT notes in an ELF library) is
/// the one real backend today; every other platform gets <see cref="UnsupportedBackend"/>.
/// </summary>
internal interface IProbeBackend
{
    /// <summary>
    /// Makes <paramref name="probes"/> visible to tracers: from the library built for
    /// <paramref name="module"/> when there is one that fits, else one made now. May
    /// throw; the registry turns failures into a reason.
    /// </summary>
    LoadedProbes Load(ProbeSet probes, string label, ModuleLibrary? module);
}
