using System;
using System.Globalization;
using System.IO;

namespace Usdt.Platform.Linux;

/// <summary>
/// A process named by its id and its start time (field 22 of /proc/PID/stat, proc(5)), so
/// that a recycled process id is not mistaken for the process that left a file behind.
/// </summary>
internal readonly record struct ProcessIdentity(int ProcessId, ulong StartTime)
{
    public static ProcessIdentity Current { get; } = new(Environment.ProcessId, StartTimeOf(Environment.ProcessId) ?? 0);

    /// <summary>True when this exact process (same id, same start time) is still running.</summary>
    public bool IsAlive => StartTimeOf(ProcessId) == StartTime;

    private static ulong? StartTimeOf(int processId)
    {
        string stat;
        try { stat = File.ReadAllText($"/proc/{processId}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }

        // The command name (field 2) is in parentheses and may itself hold spaces or
        // parentheses; every field after the last ')' is a plain number.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        const int StartTimeField = 22 - 3; // fields[0] is field 3
        return fields.Length > StartTimeField && ulong.TryParse(fields[StartTimeField], NumberStyles.None, CultureInfo.InvariantCulture, out ulong start)
            ? start : null;
    }
}
