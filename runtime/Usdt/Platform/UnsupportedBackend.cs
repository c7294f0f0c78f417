namespace Usdt.Platform;

/// <summary>The backend of platforms without USDT support: every probe stays disabled.</summary>
internal sealed class UnsupportedBackend(string reason) : IProbeBackend
{
    public LoadedProbes Load(ProbeSet probes, string label, ModuleLibrary? module) => LoadedProbes.Failed(reason);
}
