using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace Usdt.Benchmarks;

/// <summary>
/// Runs this benchmark executable again as a child, for measurements that need a fresh
/// process (cold start) or environment variables set before the runtime starts (JIT dumps).
/// </summary>
internal static class SelfProcess
{
    /// <param name="executable">Another build of this program (a ReadyToRun publish, say); null for this one.</param>
    public static (int ExitCode, string Output) Run(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? executable = null)
    {
        string host = executable ?? Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        // Started as "dotnet Usdt.Benchmarks.dll"? Then the child needs the dll too.
        if (executable is null && Path.GetFileNameWithoutExtension(host) == "dotnet")
            start.ArgumentList.Add(typeof(SelfProcess).Assembly.Location);
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        if (environment is not null)
        {
            foreach ((string name, string value) in environment)
                start.Environment[name] = value;
        }
        using Process child = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {host}");
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        return (child.ExitCode, output);
    }
}
