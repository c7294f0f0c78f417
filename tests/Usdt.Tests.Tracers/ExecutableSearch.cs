using System;
using System.IO;

namespace Usdt.Tests.Tracers;

/// <summary>Finds a command on PATH, as a shell would.</summary>
public static class ExecutableSearch
{
    public static string? Find(string command)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':'))
        {
            string candidate = Path.Combine(directory.Length == 0 ? "." : directory, command);
            if (File.Exists(candidate) && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(candidate) & UnixFileMode.UserExecute) != 0)
                return candidate;
        }
        return null;
    }
}
