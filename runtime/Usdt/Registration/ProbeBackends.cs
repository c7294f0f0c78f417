using System;
using System.Runtime.InteropServices;
using Usdt.Elf;
using Usdt.Platform;
using Usdt.Platform.Linux;

namespace Usdt.Registration;

/// <summary>Chooses the backend for an operating system and processor.</summary>
internal static class ProbeBackends
{
    public static IProbeBackend For(OSPlatform os, Architecture architecture, UsdtSettings settings)
    {
        if (settings.Disabled)
            return new UnsupportedBackend($"disabled by {UsdtSettings.DisableVariable}");
        if (os != OSPlatform.Linux || !OperatingSystem.IsLinux())
            return new UnsupportedBackend($"USDT probes need Linux; this is {(os == OSPlatform.Linux ? RuntimeInformation.OSDescription : os.ToString())}");
        ElfArchitecture? elf = architecture switch
        {
            Architecture.X64 => ElfArchitecture.X64,
            Architecture.Arm64 => ElfArchitecture.Arm64,
            _ => null,
        };
        if (elf is null)
            return new UnsupportedBackend($"USDT probes need x64 or arm64; this process is {architecture}");
        return new LinuxStapsdtBackend(elf, settings);
    }

    public static IProbeBackend ForCurrentProcess(UsdtSettings settings) =>
        For(OperatingSystem.IsLinux() ? OSPlatform.Linux : OSPlatform.Create(RuntimeInformation.OSDescription),
            RuntimeInformation.ProcessArchitecture, settings);
}
