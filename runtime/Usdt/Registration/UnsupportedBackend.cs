using System.Collections.Generic;

namespace Usdt.Registration;

/// <summary>The backend of platforms without USDT support: every probe stays disabled.</summary>
internal sealed class UnsupportedBackend(string reason) : IProbeBackend
{
    public LoadedProbes Load(IReadOnlyList<ProbeSpec> probes, string label) => LoadedProbes.Failed(reason);
}
