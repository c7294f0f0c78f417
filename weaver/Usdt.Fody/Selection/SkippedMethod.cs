using Mono.Cecil;

namespace Usdt.Fody.Selection;

/// <summary>A method a wide scope selected and the <see cref="InliningRule"/> left unprobed, with the reason.</summary>
internal sealed class SkippedMethod
{
    public SkippedMethod(MethodDefinition method, string reason)
    {
        Method = method;
        Reason = reason;
    }

    public MethodDefinition Method { get; }

    public string Reason { get; }
}
