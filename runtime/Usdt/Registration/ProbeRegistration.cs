using System.ComponentModel;
using Usdt.Contract;

namespace Usdt;

/// <summary>
/// The outcome of registering a set of probes with the operating system: whether tracers
/// can see them, where the generated library is, and why not when they cannot.
/// Registration never throws; a failed one leaves every probe disabled forever.
/// </summary>
public sealed class ProbeRegistration
{
    internal ProbeRegistration(string label, int probeCount, nint semaphoreBase, nint stubBase,
        ProbePlacement placement, string? libraryPath, string? reason)
    {
        Label = label;
        ProbeCount = probeCount;
        SemaphoreBase = semaphoreBase;
        StubBase = stubBase;
        Placement = placement;
        LibraryPath = libraryPath;
        Reason = reason;
    }

    /// <summary>What was registered: a provider name, or the woven module's name.</summary>
    public string Label { get; }

    /// <summary>Number of probes registered.</summary>
    public int ProbeCount { get; }

    /// <summary>True when tracers can attach to these probes.</summary>
    public bool IsActive => Placement != ProbePlacement.None;

    /// <summary>Where the probe library lives.</summary>
    public ProbePlacement Placement { get; }

    /// <summary>
    /// The path a tracer opens to attach (<c>bpftrace -e 'usdt:PATH:provider:name'</c>), or null
    /// when inactive. For <see cref="ProbePlacement.MemoryFile"/> it is <c>/proc/PID/fd/N</c>.
    /// </summary>
    public string? LibraryPath { get; }

    /// <summary>Why probes are disabled, or why a fallback was used (a built library that did not fit, a directory that could not be used); null when all went as planned.</summary>
    public string? Reason { get; }

    /// <summary>
    /// Address of probe 0's 2-byte semaphore; probe <c>i</c>'s is at <c>SemaphoreBase + SemaphoreStride * i</c>.
    /// When inactive, it points to zeroed memory that never changes.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public nint SemaphoreBase { get; }

    /// <summary>Address of probe 0's stub; probe <c>i</c>'s is at <c>StubBase + StubStride * i</c>. 0 when inactive.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public nint StubBase { get; }

    /// <summary>Distance between consecutive semaphores.</summary>
    public const int SemaphoreStride = ProbeContract.SemaphoreStride;

    /// <summary>Distance between consecutive stubs.</summary>
    public const int StubStride = ProbeContract.StubStride;

    /// <inheritdoc />
    public override string ToString() => IsActive
        ? $"{Label}: {ProbeCount} probes in {LibraryPath}" + (Reason is null ? "" : $" ({Reason})")
        : $"{Label}: {ProbeCount} probes disabled: {Reason}";
}
