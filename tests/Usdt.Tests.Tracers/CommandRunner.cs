using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Usdt.Tests.Tracers;

/// <summary>What a finished command printed and returned.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Throws with everything the command said unless it exited 0.</summary>
    public CommandResult EnsureSuccess() => ExitCode == 0 ? this
        : throw new InvalidOperationException($"'{Command}' exited {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
}

/// <summary>Runs a command to completion with a time limit; killed (by its own pid) when it overruns.</summary>
public static class CommandRunner
{
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    /// <param name="workingDirectory">Where to run it; the current directory when null.</param>
    public static CommandResult Run(string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        if (environment is not null)
        {
            foreach ((string name, string? value) in environment)
            {
                if (value is null)
                    start.Environment.Remove(name);
                else
                    start.Environment[name] = value;
            }
        }
        string command = fileName + " " + string.Join(' ', start.ArgumentList);

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {command}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true); // the command we started, and what it started
            process.WaitForExit();
            throw new TimeoutException($"'{command}' did not finish in {timeout ?? TimeSpan.FromSeconds(60)}; killed it.\nstdout:\n{stdout.Result}\nstderr:\n{stderr.Result}");
        }
        return new CommandResult(command, process.ExitCode, stdout.Result, stderr.Result);
    }
}
