using Xunit;

namespace Usdt.Integration.Tests;

/// <summary>Skips the current test, visibly and with the reason, when a requirement is not met.</summary>
internal static class Requirement
{
    /// <param name="unmet">Why the test cannot run (from TracerRequirements), or null to run it.</param>
    public static void Check(string? unmet) => Skip.If(unmet is not null, unmet);
}
