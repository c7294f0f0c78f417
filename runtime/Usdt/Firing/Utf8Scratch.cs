using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Usdt.Firing;

/// <summary>
/// Per-thread buffers that hold the UTF-8 text of string arguments while a probe fires,
/// one per argument slot so several strings of one probe never overwrite each other.
/// </summary>
/// <remarks>
/// Buffers live on the pinned object heap: their addresses never move, no per-fire
/// allocation happens, and a thread's buffers are collected with the thread. The bytes are
/// written just before the stub is called, so the pages are present when a tracer's
/// <c>bpf_probe_read_user_str</c> reads them (an untouched page would read as EFAULT).
/// </remarks>
internal static unsafe class Utf8Scratch
{
    /// <summary>Slots: one per probe argument, plus one spare for the return probe's exception name.</summary>
    private const int SlotCount = ProbeLimits.MaxArguments + 1;

    [ThreadStatic]
    private static byte[]?[]? t_slots;

    /// <summary>A buffer of at least <paramref name="size"/> bytes for argument <paramref name="slot"/>.</summary>
    public static Span<byte> Rent(int slot, int size)
    {
        byte[]?[] slots = t_slots ??= new byte[SlotCount][];
        byte[]? buffer = slots[slot];
        if (buffer is null || buffer.Length < size)
            slots[slot] = buffer = GC.AllocateUninitializedArray<byte>(Math.Max(size, 64), pinned: true);
        return buffer;
    }

    /// <summary>The address of a span obtained from <see cref="Rent"/> (pinned, so stable).</summary>
    public static long AddressOf(Span<byte> pinned) =>
        (long)Unsafe.AsPointer(ref MemoryMarshal.GetReference(pinned));
}
