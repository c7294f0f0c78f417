namespace DotnetUsdt.Tracing;

/// <summary>What a tracer reads at each fire.</summary>
internal enum TraceMode
{
    /// <summary>Every argument (for <c>trace</c>).</summary>
    Arguments,
    /// <summary>Only what <c>stat</c> counts: a return probe's elapsed time and exception.</summary>
    Statistics,
}
