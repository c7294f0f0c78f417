using System;

namespace DotnetUsdt.Cli;

/// <summary>A failure to report to the user as a message (no stack trace) and an exit code.</summary>
internal sealed class ToolFailure : Exception
{
    public ToolFailure(string message, int exitCode = ExitCodes.Failure)
        : base(message) => ExitCode = exitCode;

    public int ExitCode { get; }
}
