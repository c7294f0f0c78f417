namespace DotnetUsdt.Manifest;

/// <summary>What fires a probe.</summary>
internal enum ProbeKind
{
    /// <summary>A method's entry: its arguments.</summary>
    Entry,
    /// <summary>A method's return or end by exception: result, elapsed nanoseconds, exception type.</summary>
    Return,
    /// <summary>A hand-placed static probe.</summary>
    Static,
    /// <summary>Neither manifest nor name tells (a probe not woven by Usdt.Fody).</summary>
    Other,
}
