using Usdt.Contract;

namespace Usdt;

/// <summary>The limits of the probe contract, as the README's "The probes" section states them.</summary>
public static class ProbeLimits
{
    /// <summary>Most arguments one probe carries; <c>sys/sdt.h</c>, libbpf and bpftrace read up to 12.</summary>
    public const int MaxArguments = ContractLimits.MaxArguments;

    /// <summary>
    /// Longest probe name: the kernel's trace event names (perf's and tracefs' view of a
    /// probe) hold at most 63 characters, and DTrace stops at 64.
    /// </summary>
    public const int MaxProbeNameLength = ContractLimits.MaxProbeNameLength;

    /// <summary>Longest provider name: DTrace appends the process id to it within 64 characters.</summary>
    public const int MaxProviderNameLength = ContractLimits.MaxProviderNameLength;

    /// <summary>Default byte limit of a string argument, without its terminating NUL.</summary>
    public const int DefaultStringLimit = ContractLimits.DefaultStringLimit;

    /// <summary>Largest configurable byte limit of a string argument.</summary>
    public const int MaxStringLimit = ContractLimits.MaxStringLimit;
}
