using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using Usdt.Tests.Tracers;

namespace Usdt.Integration.Tests;

/// <summary>
/// Runs a linux-arm64 program on the x64 host under qemu's user-mode emulation, invoked
/// explicitly (no binfmt registration needed), with the arm64 C and C++ libraries of
/// Debian's cross packages as its root for the dynamic loader.
/// </summary>
internal static class Arm64Emulation
{
    public const string Qemu = "qemu-aarch64-static";
    public const string Sysroot = "/usr/aarch64-linux-gnu";

    /// <summary>.NET starts in seconds, not milliseconds, under emulation, and more on a loaded machine.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Why an arm64 program cannot run here, or null when it can.</summary>
    public static string? Unmet()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
            return $"runs linux-arm64 builds under qemu on a Linux x64 host; this is {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}";
        if (ExecutableSearch.Find(Qemu) is null)
            return $"{Qemu} is not installed (apt-get install qemu-user-static; scripts/prerequisites does it)";
        foreach ((string library, string package) in new[] { ("ld-linux-aarch64.so.1", "libc6-arm64-cross"), ("libstdc++.so.6", "libstdc++6-arm64-cross") })
        {
            if (!File.Exists(Path.Combine(Sysroot, "lib", library)))
                return $"{Sysroot}/lib/{library} is missing (apt-get install {package}; scripts/prerequisites does it)";
        }
        return null;
    }

    /// <summary>Runs <paramref name="program"/> (an arm64 ELF executable) to completion under emulation.</summary>
    public static CommandResult Run(string program, params string[] arguments) =>
        CommandRunner.Run(Qemu, ["-L", Sysroot, program, .. arguments], EmulatedEnvironment(), Timeout, Path.GetDirectoryName(program));

    /// <summary>
    /// The variables .NET needs under qemu: no ICU (the host has no arm64 one) and no
    /// double-mapped W^X code pages, which qemu's user-mode emulation does not support.
    /// </summary>
    private static Dictionary<string, string?> EmulatedEnvironment()
    {
        var variables = new Dictionary<string, string?>(BuildEnvironment.CleanDotnetVariables())
        {
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
            ["DOTNET_EnableWriteXorExecute"] = "0",
        };
        return variables;
    }
}
