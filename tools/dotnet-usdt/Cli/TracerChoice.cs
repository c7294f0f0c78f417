namespace DotnetUsdt.Cli;

/// <summary>Which tracer attaches the probes.</summary>
internal enum TracerChoice
{
    /// <summary>bpftrace for small selections, tracefs for large ones.</summary>
    Auto,
    Bpftrace,
    Tracefs,
}
