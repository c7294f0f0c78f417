namespace Usdt;

/// <summary>The limits of the probe contract (DESIGN.md, "The probe contract (v1)").</summary>
public static class ProbeLimits
{
    /// <summary>Most arguments one probe carries; <c>sys/sdt.h</c>, libbpf and bpftrace read up to 12.</summary>
    public const int MaxArguments = 12;

    /// <summary>
    /// Longest probe name: the kernel's trace event names (perf's and tracefs' view of a
    /// probe) hold at most 63 characters, and DTrace stops at 64.
    /// </summary>
    public const int MaxProbeNameLength = 63;

    /// <summary>Longest provider name: DTrace appends the process id to it within 64 characters.</summary>
    public const int MaxProviderNameLength = 58;

    /// <summary>Default byte limit of a string argument, without its terminating NUL.</summary>
    public const int DefaultStringLimit = 256;

    /// <summary>Largest configurable byte limit of a string argument.</summary>
    public const int MaxStringLimit = 4096;
}
