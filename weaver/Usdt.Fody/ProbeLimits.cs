namespace Usdt.Fody;

/// <summary>Limits of the probe contract the weaver must respect (mirrors Usdt.ProbeLimits in the runtime).</summary>
internal static class ProbeLimits
{
    /// <summary>Most arguments a probe carries: sys/sdt.h, libbpf and perf read 12.</summary>
    public const int MaxArguments = 12;
}
