using System;
using System.Buffers.Text;
using System.IO;

namespace Usdt.Platform.Linux;

/// <summary>
/// A process named by its id and its start time (field 22 of /proc/PID/stat, proc(5)), so
/// that a recycled process id is not mistaken for the process that left a file behind.
/// </summary>
internal readonly record struct ProcessIdentity(int ProcessId, ulong StartTime)
{
    // /proc/PID/stat is one line of a few hundred bytes: 52 numbers and the command name,
    // which the kernel cuts to 15 bytes (TASK_COMM_LEN).
    private const int StatBufferSize = 1024;

    public static ProcessIdentity Current { get; } = new(Environment.ProcessId, StartTimeOf(Environment.ProcessId) ?? 0);

    /// <summary>True when this exact process (same id, same start time) is still running.</summary>
    public bool IsAlive => StartTimeOf(ProcessId) == StartTime;

    private static ulong? StartTimeOf(int processId)
    {
        // Bytes through a handle, not File.ReadAllText: this runs during start-up, where a
        // first use of the text-reading stack costs milliseconds (bench/RESULTS.md).
        Span<byte> stat = stackalloc byte[StatBufferSize];
        int length;
        try
        {
            using var handle = File.OpenHandle($"/proc/{processId}/stat");
            length = RandomAccess.Read(handle, stat, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }

        // The command name (field 2) is in parentheses and may itself hold spaces or
        // parentheses; every field after the last ')' is a plain number.
        ReadOnlySpan<byte> fields = stat[..length];
        int close = fields.LastIndexOf((byte)')');
        if (close < 0)
            return null;
        fields = fields[(close + 1)..];
        const int StartTimeField = 22 - 2; // the fields after ')' start with field 3
        for (int field = 0; field < StartTimeField; field++)
        {
            int space = fields.IndexOf((byte)' ');
            if (space < 0)
                return null;
            fields = fields[(space + 1)..];
        }
        return Utf8Parser.TryParse(fields, out ulong start, out int consumed) && consumed > 0 ? start : null;
    }
}
