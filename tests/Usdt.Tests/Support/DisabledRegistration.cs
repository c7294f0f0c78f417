using System;
using Xunit;

namespace Usdt.Tests;

/// <summary>What every failed registration must look like: disabled, with a reason, and probes that fire as no-ops.</summary>
internal static class DisabledRegistration
{
    /// <param name="reasonParts">Text the reason must contain (case-insensitive), so it tells a user what went wrong.</param>
    public static void AssertDisabled(UsdtProvider provider, ProbeRegistration registration, params string[] reasonParts)
    {
        Assert.False(registration.IsActive, $"expected disabled, got {registration}");
        Assert.Equal(ProbePlacement.None, registration.Placement);
        Assert.Null(registration.LibraryPath);
        Assert.False(string.IsNullOrWhiteSpace(registration.Reason));
        foreach (string part in reasonParts)
            Assert.Contains(part, registration.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(registration, UsdtDiagnostics.Registrations);

        foreach (Probe probe in provider.Probes)
        {
            Assert.False(probe.IsEnabled);
            Assert.Equal(0, probe.StubAddress);
            Assert.Equal(0, ProcessMemory.ReadUInt16(probe.SemaphoreAddress));
            // Firing with every kind of argument is a no-op, never a crash.
            probe.Fire();
            probe.Fire(1);
            probe.Fire(-1L, "text", (string?)null);
            probe.Fire(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, "twelve");
            Assert.False(probe.IsEnabled);
        }
    }
}
