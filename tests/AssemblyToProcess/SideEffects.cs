using System.Collections.Generic;

namespace AssemblyToProcess;

/// <summary>
/// What probed methods did besides returning: the behaviour tests compare this log of the
/// woven copy with the unwoven one's after every call. Never probed itself.
/// </summary>
public static class SideEffects
{
    private static readonly List<string> s_log = [];

    public static void Record(string what)
    {
        lock (s_log)
            s_log.Add(what);
    }

    /// <summary>Everything recorded since the last call, then forgets it.</summary>
    public static string Drain()
    {
        lock (s_log)
        {
            string text = string.Join("|", s_log);
            s_log.Clear();
            return text;
        }
    }
}
