using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Usdt.Tests.Tracers;

/// <summary>
/// Why a test cannot run here, or null when it can. Use with Xunit.SkippableFact:
/// <c>Skip.If(TracerRequirements.Bpftrace() is { } why, why)</c>, so a test that cannot
/// attach says so in the results instead of silently passing.
/// </summary>
public static class TracerRequirements
{
    public const string TracefsRoot = "/sys/kernel/tracing";

    /// <summary>Registering real probes: Linux on x64 (the tracers here read x86-64 argument specs).</summary>
    public static string? ProbePlatform() =>
        !OperatingSystem.IsLinux() ? $"USDT probes need Linux; this is {RuntimeInformation.OSDescription}"
        : RuntimeInformation.ProcessArchitecture != Architecture.X64 ? $"these tests read x86-64 argument specs; this process is {RuntimeInformation.ProcessArchitecture}"
        : null;

    /// <summary>Root: uprobes, mounts and chown need it.</summary>
    public static string? Root() =>
        ProbePlatform() ?? (Posix.EffectiveUserId() == 0 ? null : $"needs root (euid is {Posix.EffectiveUserId()}); run the tests with sudo");

    /// <summary>tracefs with uprobe events and instances.</summary>
    public static string? Tracefs() =>
        Root() ?? (File.Exists(Path.Combine(TracefsRoot, "uprobe_events")) && Directory.Exists(Path.Combine(TracefsRoot, "instances"))
            ? null
            : $"tracefs with uprobe_events is not mounted at {TracefsRoot} (scripts/prerequisites mounts it)");

    public static string? Bpftrace() => Tracefs() ?? Tool("bpftrace", "bpftrace");

    public static string? Perf() => Tracefs() ?? Tool("perf", "linux-perf");

    /// <summary>
    /// bcc's language tools (<c>ucalls</c>, <c>uflow</c>): bcc compiles its BPF programs at
    /// run time against the kernel's headers, found through /lib/modules/RELEASE/build.
    /// </summary>
    public static string? Bcc()
    {
        if ((Tracefs() ?? Tool("ucalls", "bpfcc-tools") ?? Tool("uflow", "bpfcc-tools")) is { } missing)
            return missing;
        string release = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        string headers = $"/lib/modules/{release}/build";
        return Directory.Exists(headers)
            ? null
            : $"bcc compiles its programs against kernel headers and {headers} is missing (scripts/prerequisites links Debian's linux-headers-6.1 there when it can install them)";
    }

    public static string? Readelf() => ProbePlatform() ?? Tool("readelf", "binutils");

    /// <summary>Mounting a tmpfs of our own (read-only, noexec) for placement faults.</summary>
    public static string? Mount() => Root() ?? Tool("mount", "mount") ?? Tool("umount", "mount");

    /// <summary>Starting a process in a PID namespace of its own (<c>unshare --pid</c>), as a container does.</summary>
    public static string? Unshare() => Root() ?? Tool("unshare", "util-linux");

    private static string? Tool(string command, string package) =>
        ExecutableSearch.Find(command) is null ? $"{command} is not installed (apt-get install {package}; scripts/prerequisites does it)" : null;
}
