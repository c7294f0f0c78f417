using System;
using System.Collections.Generic;
using DotnetUsdt.Cli;
using DotnetUsdt.Output;
using DotnetUsdt.Targets;

namespace DotnetUsdt.Commands;

/// <summary><c>dotnet-usdt list TARGET [--json]</c>: every probe, what it means in .NET, where tracers find it, and which are traced now.</summary>
internal static class ListCommand
{
    public static int Run(ListOptions options)
    {
        Target target = TargetResolver.Resolve(options.Target);
        var semaphores = new Dictionary<Probe, int?>();
        string? problem = null;
        if (target.ProcessId is { } pid)
        {
            using SemaphoreReader reader = SemaphoreReader.Open(pid);
            problem = reader.Problem;
            foreach (Probe probe in target.Probes)
                semaphores[probe] = reader.Read(probe);
        }
        if (options.Json)
        {
            using var stdout = Console.OpenStandardOutput();
            ListJson.Write(stdout, target, semaphores, problem);
        }
        else
        {
            ListText.Write(Console.Out, target, semaphores, problem);
        }
        return target.Libraries.Count == 0 && target.UnplacedProbes.Count == 0 ? ExitCodes.NotFound : ExitCodes.Success;
    }
}
