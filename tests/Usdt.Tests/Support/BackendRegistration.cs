using System.Linq;
using System.Runtime.InteropServices;
using Usdt.Registration;

namespace Usdt.Tests;

/// <summary>
/// Registers a provider through a backend chosen by the test instead of the process-wide
/// one, which reads the environment once: so a test can pick the directory, forbid the
/// memfd fallback, or simulate another platform, and still bind real <see cref="Probe"/>s.
/// </summary>
internal static class BackendRegistration
{
    public static ProbeRegistration Register(UsdtProvider provider, IProbeBackend backend)
    {
        ProbeSpec[] specs = provider.Probes.Select(p => new ProbeSpec(provider.Name, p.Name, p.Arguments)).ToArray();
        ProbeRegistration registration = ProbeRegistry.Register(backend, specs, provider.Name);
        provider.Bind(registration);
        return registration;
    }

    /// <summary>Registers with the Linux backend of this process's architecture, writing into <paramref name="directory"/> only.</summary>
    public static ProbeRegistration RegisterIn(UsdtProvider provider, string directory, bool allowMemoryFile) =>
        Register(provider, ProbeBackends.For(OSPlatform.Linux, RuntimeInformation.ProcessArchitecture,
            new UsdtSettings(Disabled: false, Directory: directory, AllowMemoryFile: allowMemoryFile, Diagnostics: false)));
}
