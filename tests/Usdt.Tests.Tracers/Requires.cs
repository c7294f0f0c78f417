using Xunit;

namespace Usdt.Tests.Tracers;

/// <summary>
/// Skips the running test, with the reason in the results, when a requirement is not met:
/// the one way a test that cannot run here says so instead of silently passing.
/// </summary>
public static class Requires
{
    /// <param name="reasons">Results of <see cref="TracerRequirements"/> checks, or any reason; null means met.</param>
    public static void Met(params string?[] reasons)
    {
        foreach (string? reason in reasons)
            Skip.If(reason is not null, reason);
    }
}
