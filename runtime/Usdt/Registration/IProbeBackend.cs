using System.Collections.Generic;

namespace Usdt.Registration;

/// <summary>
/// One operating system's probe facility. Linux (SystemTap SDT notes in a generated ELF)
/// is the one real backend today; every other platform gets <see cref="UnsupportedBackend"/>.
/// </summary>
internal interface IProbeBackend
{
    /// <summary>Makes <paramref name="probes"/> visible to tracers. May throw; the registry turns failures into a reason.</summary>
    LoadedProbes Load(IReadOnlyList<ProbeSpec> probes, string label);
}

/// <summary>What a backend produced: live addresses, or the reason there are none.</summary>
internal readonly record struct LoadedProbes(nint SemaphoreBase, nint StubBase, ProbePlacement Placement, string? LibraryPath, string? Reason)
{
    public static LoadedProbes Failed(string reason) => new(0, 0, ProbePlacement.None, null, reason);
}
