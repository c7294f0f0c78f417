namespace Usdt.Contract;

/// <summary>The limits of the probe contract, for the runtime and the weaver alike.</summary>
internal static class ContractLimits
{
    /// <summary>Most arguments one probe carries: <c>sys/sdt.h</c>, libbpf and perf read up to 12.</summary>
    public const int MaxArguments = 12;

    /// <summary>
    /// Longest probe name: the kernel's trace event names (perf's and tracefs' view of a
    /// probe) hold at most 63 characters (MAX_EVENT_NAME_LEN is 64 with its NUL), and
    /// DTrace stops at 64.
    /// </summary>
    public const int MaxProbeNameLength = 63;

    /// <summary>Longest provider name: DTrace appends the process id to it within 64 characters.</summary>
    public const int MaxProviderNameLength = 58;

    /// <summary>Default byte limit of a string argument, without its terminating NUL.</summary>
    public const int DefaultStringLimit = 256;

    /// <summary>Largest configurable byte limit of a string argument.</summary>
    public const int MaxStringLimit = 4096;
}
