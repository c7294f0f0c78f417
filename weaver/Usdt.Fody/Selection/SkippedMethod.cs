using Mono.Cecil;

namespace Usdt.Fody.Selection;

/// <summary>
/// A method a wide scope selected and the <see cref="InliningRule"/> left unprobed, with the
/// reason. Described when made, on the weaving thread: the manifests are written on another.
/// </summary>
internal sealed class SkippedMethod
{
    public SkippedMethod(MethodDefinition method, string reason)
    {
        Member = MethodSelector.Describe(method);
        Reason = reason;
    }

    /// <summary>The method as the manifests name it (<see cref="MethodSelector.Describe"/>).</summary>
    public string Member { get; }

    public string Reason { get; }
}
