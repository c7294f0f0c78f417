using System;
using System.IO;
using System.Text;
using DotnetUsdt.Platform;

namespace DotnetUsdt.Tracefs;

/// <summary>
/// Writes tracefs control files with plain <c>open</c>/<c>write</c>: never with O_TRUNC
/// (opening <c>uprobe_events</c> truncated removes every uprobe event on the machine), and
/// with the kernel's error (EINVAL, EEXIST, EBUSY) in the message when a write is refused.
/// </summary>
internal static class TracefsControl
{
    public static string Root { get; } = Directory.Exists("/sys/kernel/tracing/instances") || !Directory.Exists("/sys/kernel/debug/tracing")
        ? "/sys/kernel/tracing"
        : "/sys/kernel/debug/tracing";

    public static string UprobeEvents => Path.Combine(Root, "uprobe_events");

    /// <summary>Why tracefs cannot be used here, or null.</summary>
    public static string? Problem() =>
        File.Exists(UprobeEvents) && Directory.Exists(Path.Combine(Root, "instances"))
            ? null
            : $"tracefs with uprobe events is not mounted at {Root}: mount it (sudo mount -t tracefs nodev /sys/kernel/tracing) on a kernel with CONFIG_UPROBE_EVENTS";

    /// <summary>Writes <paramref name="text"/> in one write(2); throws with the kernel's reason.</summary>
    public static unsafe void Write(string path, string text)
    {
        int fd = Libc.Open(path, Libc.O_WRONLY | Libc.O_CLOEXEC);
        if (fd < 0)
            throw new IOException($"open {path}: {Libc.Describe(Libc.LastError)}");
        try
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            fixed (byte* buffer = bytes)
            {
                if (Libc.Write(fd, buffer, bytes.Length) < 0)
                    throw new IOException($"writing '{text.TrimEnd()}' to {path}: {Libc.Describe(Libc.LastError)}{LastKernelError()}");
            }
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    /// <summary>The kernel's last word on a refused definition (tracefs <c>error_log</c>), if any.</summary>
    private static string LastKernelError()
    {
        try
        {
            string[] lines = File.ReadAllLines(Path.Combine(Root, "error_log"));
            return lines.Length == 0 ? "" : "\n" + string.Join("\n", lines[Math.Max(0, lines.Length - 3)..]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
