namespace Usdt.Contract;

/// <summary>
/// What the weaver, the runtime and the probe library agree on, and its version. A woven
/// module's probe <c>i</c> has its 2-byte semaphore at <c>SemaphoreBase + SemaphoreStride * i</c>
/// and its stub at <c>StubBase + StubStride * i</c>, in the order of its probe table
/// (<see cref="ProbeTableText"/>); the library's identity note (<c>Usdt.Elf.LibraryIdentity</c>)
/// records the version it was written for.
/// </summary>
internal static class ProbeContract
{
    /// <summary>
    /// Raised whenever the table text, the strides, the library layout or the identity note
    /// change: a library written for another version is never loaded (it is regenerated).
    /// Version 1 was the first release, whose libraries were only ever generated at start-up.
    /// </summary>
    public const int Version = 2;

    /// <summary>Distance between consecutive semaphores (each a 2-byte counter, SystemTap SDT v3).</summary>
    public const int SemaphoreStride = 2;

    /// <summary>Distance between consecutive stubs: the largest stub (aarch64, 8 bytes) fills one slot.</summary>
    public const int StubStride = 8;
}
