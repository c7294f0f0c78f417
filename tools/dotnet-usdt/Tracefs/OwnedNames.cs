using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace DotnetUsdt.Tracefs;

/// <summary>
/// Names the tool gives its tracefs instance and uprobe event group,
/// <c>dotnet_usdt_PID_RANDOM</c>: unique on the machine, and telling which process owns
/// them, so what a killed run left behind is recognised and removed by the next run.
/// </summary>
internal static class OwnedNames
{
    public const string Prefix = "dotnet_usdt_";

    public static string Next() => $"{Prefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}_{Random.Shared.Next(0x1000000):x6}";

    /// <summary>The process a name belongs to, or null for names that are not ours.</summary>
    public static int? Owner(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        string rest = name[Prefix.Length..];
        int end = rest.IndexOf('_', StringComparison.Ordinal);
        return end > 0 && int.TryParse(rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    /// <summary>
    /// Removes the instances and events of runs whose process is gone (killed before it
    /// could clean up): their events hold uprobes and raised semaphores in live processes.
    /// </summary>
    public static void RemoveStale()
    {
        string instances = Path.Combine(TracefsControl.Root, "instances");
        foreach (string instance in Directory.EnumerateDirectories(instances))
        {
            if (Owner(Path.GetFileName(instance)) is { } pid && !Alive(pid))
            {
                try { Directory.Delete(instance); }
                catch (IOException) { }
            }
        }
        var stale = new List<string>();
        foreach (string line in File.ReadLines(TracefsControl.UprobeEvents))
        {
            // p:GROUP/EVENT PATH:OFFSET ...
            int slash = line.IndexOf('/', StringComparison.Ordinal), space = line.IndexOf(' ', StringComparison.Ordinal);
            if (line.Length < 3 || slash < 2 || space < slash)
                continue;
            string group = line[2..slash];
            if (Owner(group) is { } pid && !Alive(pid))
                stale.Add($"-:{group}/{line[(slash + 1)..space]}");
        }
        foreach (string removal in stale)
        {
            try { TracefsControl.Write(TracefsControl.UprobeEvents, removal + "\n"); }
            catch (IOException) { }
        }
    }

    private static bool Alive(int pid) => Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}");
}
