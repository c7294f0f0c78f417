using System;
using System.Runtime.InteropServices;
using Usdt.Elf;
using Usdt.Platform;
using Usdt.Platform.Linux;
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
        ProbeRegistration registration = ProbeRegistry.Register(backend, ProbeSet.Of(provider.Specs()), provider.Name);
        provider.Bind(registration);
        return registration;
    }

    /// <summary>Registers with the Linux backend of this process's architecture, writing into <paramref name="directory"/> only.</summary>
    public static ProbeRegistration RegisterIn(UsdtProvider provider, string directory, bool allowMemoryFile) =>
        Register(provider, ProbeBackends.For(OSPlatform.Linux, RuntimeInformation.ProcessArchitecture,
            UsdtSettings.Default with { Directory = directory, AllowMemoryFile = allowMemoryFile }));

    /// <summary>
    /// A Linux backend writing into <paramref name="directory"/> only, whose generated file
    /// names carry <paramref name="fileToken"/>: the name it will try is then known
    /// (<see cref="LibraryFileName.For"/>) and a test can plant something there first.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static LinuxStapsdtBackend PredictableBackend(string directory, uint fileToken) =>
        new(ThisArchitecture, UsdtSettings.Default with { Directory = directory, AllowMemoryFile = false }, () => fileToken);

    public static ElfArchitecture ThisArchitecture => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => ElfArchitecture.X64,
        Architecture.Arm64 => ElfArchitecture.Arm64,
        Architecture other => throw new PlatformNotSupportedException($"no probe library for {other}"),
    };
}
