using System;
using System.IO;
using System.Linq;

using Usdt.Tests.Tracers;

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
        CommandResult result = CommandRunner.Run("dotnet", arguments, BuildEnvironment.CleanDotnetVariables(), timeout, workingDirectory);
        return (result.ExitCode, result.Stdout + result.Stderr);
    }

    /// <summary>Copies a directory tree, leaving out build output.</summary>
    public static void CopySource(string from, string to)
    {
        Directory.CreateDirectory(to); // a project with no subfolders creates none below
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

    // bin/ and obj/ of every project of the copied tree (an app and the library beside it),
    // and the schema Fody regenerates.
    private static bool IsBuildOutput(string relative) =>
        relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj") ||
        Path.GetFileName(relative) == "FodyWeavers.xsd";
}
