using System;
using System.Diagnostics;
using System.IO;

namespace Usdt.Integration.Tests;

/// <summary>Runs <c>dotnet</c> commands the way a user types them, failing with their whole output.</summary>
internal static class Dotnet
{
    public static string Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, TimeSpan.FromMinutes(5), arguments);

    public static string Run(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var (exitCode, output) = TryRun(workingDirectory, timeout, arguments);
        if (exitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} exited {exitCode} in {workingDirectory}:\n{output}");
        return output;
    }

    /// <summary>Runs the command; returns its exit code and combined output.</summary>
    public static (int ExitCode, string Output) TryRun(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        foreach ((string name, string? value) in BuildEnvironment.CleanDotnetVariables())
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true); // the dotnet we started, and its build nodes
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {timeout}");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Copies a directory tree, leaving out build output.</summary>
    public static void CopySource(string from, string to)
    {
        foreach (string directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(from, directory);
            if (!IsBuildOutput(relative))
                Directory.CreateDirectory(Path.Combine(to, relative));
        }
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(from, file);
            if (!IsBuildOutput(relative))
                File.Copy(file, Path.Combine(to, relative));
        }
    }

    private static bool IsBuildOutput(string relative) =>
        relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal) ||
        relative == "FodyWeavers.xsd";
}
