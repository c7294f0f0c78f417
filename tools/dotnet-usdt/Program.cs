using System;
using System.IO;
using DotnetUsdt.Cli;
using DotnetUsdt.Commands;

// Tracing with uprobes is a Linux facility; so is everything this tool reads (/proc, tracefs, ELF).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace DotnetUsdt;

/// <summary>The <c>dotnet-usdt</c> command.</summary>
public static class Program
{
    /// <summary>Runs one command; returns its exit code (<see cref="ExitCodes"/>).</summary>
    public static int Main(string[] args)
    {
        try
        {
            ParsedCommand command = CommandLine.Parse(args);
            return command.Verb switch
            {
                "list" => ListCommand.Run(command.List!),
                "trace" => TraceCommand.Run(command.Tracing!),
                "stat" => StatCommand.Run(command.Tracing!),
                _ => Help(),
            };
        }
        catch (ToolFailure failure)
        {
            Console.Error.WriteLine($"dotnet-usdt: {failure.Message}");
            return failure.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"dotnet-usdt: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            // Caught, not left unhandled: an unhandled exception ends the process without
            // running the finally blocks that detach tracers and remove tracefs events.
            Console.Error.WriteLine($"dotnet-usdt: internal error, please report it: {e}");
            return ExitCodes.Failure;
        }
    }

    private static int Help()
    {
        Console.Out.Write(Usage.Text);
        return ExitCodes.Success;
    }
}
