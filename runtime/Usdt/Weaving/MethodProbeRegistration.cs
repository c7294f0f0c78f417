using System.ComponentModel;

namespace Usdt.Weaving;

/// <summary>
/// What a woven module's sites need to report through the generic
/// <c>dotnet:method__entry</c>/<c>method__return</c> pair: where its method names are (class,
/// method and signature of every probed method, NUL-terminated UTF-8 the tracer reads at
/// <c>NamesBase + offset</c>), and the pair's semaphores and stubs (entry first, return one
/// stride after). When the pair could not be registered the semaphores are zeroed memory
/// that never changes.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class MethodProbeRegistration
{
    internal MethodProbeRegistration(nint namesBase, ProbeRegistration pair)
    {
        NamesBase = namesBase;
        Pair = pair;
    }

    /// <summary>Address of the module's name table.</summary>
    public nint NamesBase { get; }

    /// <summary>The process-wide pair's registration (shared by every module).</summary>
    public ProbeRegistration Pair { get; }

    /// <summary>Address of <c>method__entry</c>'s semaphore; <c>method__return</c>'s follows it.</summary>
    public nint SemaphoreBase => Pair.SemaphoreBase;

    /// <summary>Address of <c>method__entry</c>'s stub; <c>method__return</c>'s follows it; 0 when inactive.</summary>
    public nint StubBase => Pair.StubBase;
}
