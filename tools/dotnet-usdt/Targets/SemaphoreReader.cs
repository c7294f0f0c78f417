using System;
using System.IO;

namespace DotnetUsdt.Targets;

/// <summary>
/// Reads probes' semaphores in a live process through <c>/proc/PID/mem</c>: a semaphore is a
/// 2-byte counter the kernel raises for each tracer attached to the probe, so a non-zero
/// value means the probe is being traced right now. Reading needs the right to inspect the
/// process (the same user, or root).
/// </summary>
internal sealed class SemaphoreReader : IDisposable
{
    private readonly FileStream? _memory;

    private SemaphoreReader(FileStream? memory, string? problem)
    {
        _memory = memory;
        Problem = problem;
    }

    /// <summary>Why semaphores cannot be read, or null when they can.</summary>
    public string? Problem { get; }

    public static SemaphoreReader Open(int processId)
    {
        try
        {
            return new SemaphoreReader(new FileStream($"/proc/{processId}/mem", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SemaphoreReader(null, $"cannot read /proc/{processId}/mem ({e.Message}); run as the process's user or root to see which probes are traced");
        }
    }

    /// <summary>The semaphore's value, or null when the probe has none, it is not mapped, or memory cannot be read.</summary>
    public int? Read(Probe probe)
    {
        if (_memory is null || probe.SemaphoreOffset is not { } offset)
            return null;
        Span<byte> value = stackalloc byte[2];
        foreach (MemoryMapping mapping in probe.Library.Mappings)
        {
            // The semaphore lives in the writable private copy of its page.
            if (!mapping.Holds(offset) || mapping.Permissions[1] != 'w')
                continue;
            ulong address = mapping.Start + (ulong)(offset - mapping.Offset);
            try
            {
                _memory.Seek((long)address, SeekOrigin.Begin);
                _memory.ReadExactly(value);
                return value[0] | value[1] << 8;
            }
            catch (IOException)
            {
                return null;
            }
        }
        return null;
    }

    public void Dispose() => _memory?.Dispose();
}
