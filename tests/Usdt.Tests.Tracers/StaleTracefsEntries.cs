using System;
using System.Collections.Generic;
using System.IO;

namespace Usdt.Tests.Tracers;

/// <summary>
/// Removes tracefs instances and uprobe events that a test process left behind when it
/// died before its cleanup ran. Only names made by <see cref="UniqueNames"/> whose owning
/// process is gone are touched; everything else on the machine is left alone.
/// </summary>
public static class StaleTracefsEntries
{
    private static readonly object s_lock = new();
    private static bool s_done;

    /// <summary>Runs once per process.</summary>
    public static void Remove()
    {
        lock (s_lock)
        {
            if (s_done)
                return;
            s_done = true;
            try
            {
                RemoveInstances();
                RemoveEvents();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A courtesy: a stale entry we cannot remove is no reason to fail a test.
            }
        }
    }

    private static bool IsStale(string name, string prefix) =>
        UniqueNames.OwnerOf(name, prefix) is { } pid && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}");

    private static void RemoveInstances()
    {
        foreach (string instance in Directory.EnumerateDirectories(Path.Combine(TracerRequirements.TracefsRoot, "instances")))
        {
            if (!IsStale(Path.GetFileName(instance), UniqueNames.Prefix))
                continue;
            foreach (string enable in Directory.EnumerateFiles(Path.Combine(instance, "events"), "enable", SearchOption.AllDirectories))
            {
                try { TracefsSession.WriteControl(enable, "0"); }
                catch (IOException) { }
            }
            Directory.Delete(instance);
        }
    }

    private static void RemoveEvents()
    {
        // "p:GROUP/EVENT PATH:..." ; perf's SDT events are "sdt_PROVIDER/NAME", and test
        // providers are named by UniqueNames too.
        var stale = new List<string>();
        foreach (string line in File.ReadAllLines(Path.Combine(TracerRequirements.TracefsRoot, "uprobe_events")))
        {
            int colon = line.IndexOf(':');
            int space = line.IndexOf(' ');
            if (colon < 0 || space < colon)
                continue;
            string fullName = line[(colon + 1)..space];
            string group = fullName.Split('/')[0];
            if (IsStale(group, UniqueNames.Prefix) || IsStale(group, "sdt_" + UniqueNames.Prefix))
                stale.Add(fullName);
        }
        foreach (string fullName in stale)
        {
            try { TracefsSession.WriteControl(Path.Combine(TracerRequirements.TracefsRoot, "uprobe_events"), $"-:{fullName}"); }
            catch (IOException) { }
        }
    }
}
