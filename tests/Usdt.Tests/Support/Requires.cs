using Xunit;

namespace Usdt.Tests;

/// <summary>Skips the running test, with the reason in the results, when a requirement is not met.</summary>
internal static class Requires
{
    /// <param name="reasons">Results of <see cref="Tracers.TracerRequirements"/> checks; null means met.</param>
    public static void Met(params string?[] reasons)
    {
        foreach (string? reason in reasons)
            Skip.If(reason is not null, reason);
    }
}
