namespace DotnetUsdt.Cli;

/// <summary>The tool's exit codes, so scripts can tell why it stopped.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The tracer failed, or something else went wrong.</summary>
    public const int Failure = 1;
    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;
    /// <summary>No such process or file, or no probe matched.</summary>
    public const int NotFound = 3;
    /// <summary>Tracing needs root.</summary>
    public const int NeedsRoot = 4;
    /// <summary>bpftrace (or tracefs) is missing.</summary>
    public const int TracerMissing = 5;
}
