namespace Usdt.Tests;

/// <summary>A registration as the host reports it; its probes are numbered from <paramref name="First"/>.</summary>
internal sealed record HostRegistration(bool Active, ProbePlacement Placement, string? Path, string? Reason, int First);
